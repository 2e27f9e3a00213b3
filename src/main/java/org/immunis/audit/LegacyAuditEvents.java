package org.immunis.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.immunis.database.StartupLock;
import org.immunis.records.RecordTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Moves the AuditEvents a release before this one stored as HAPI resources into the audit log, at start-up, before the
 * server takes requests: each is copied with its id and its JSON as stored (served as it was), then deleted from HAPI's
 * tables. A copy is idempotent (by its former id), so a start-up that dies half-way is finished by the next one; servers
 * starting together take turns ({@link StartupLock}). On a database holding none, this is one query that finds none.
 */
@Component
class LegacyAuditEvents implements SmartInitializingSingleton {

	private static final Logger LOG = LoggerFactory.getLogger(LegacyAuditEvents.class);
	private static final int CHUNK = 200;

	private final DaoRegistry daos;
	private final AuditEventLog log;
	private final FhirContext fhirContext;
	private final StartupLock startupLock;

	LegacyAuditEvents(DaoRegistry daos, AuditEventLog log, FhirContext fhirContext, StartupLock startupLock) {
		this.daos = daos;
		this.log = log;
		this.fhirContext = fhirContext;
		this.startupLock = startupLock;
	}

	@Override
	public void afterSingletonsInstantiated() {
		startupLock.runAlone(this::moveAll);
	}

	private void moveAll() {
		IFhirResourceDao<AuditEvent> dao = daos.getResourceDao(AuditEvent.class);
		int moved = 0;
		List<IBaseResource> chunk;
		while (!(chunk = nextChunk(dao)).isEmpty()) {
			for (IBaseResource resource : chunk) {
				AuditEvent event = (AuditEvent) resource;
				String id = event.getIdElement().getIdPart();
				log.appendLegacy(id, fhirContext.newJsonParser().encodeResourceToString(event), RecordTypes.patientOf(event),
						(event.hasRecorded() ? event.getRecorded() : event.getMeta().getLastUpdated()).toInstant(), event.hasAction() ? event.getAction().toCode() : "E",
						event.hasOutcome() ? event.getOutcome().toCode() : "0");
				dao.delete(event.getIdElement().toUnqualifiedVersionless(), new SystemRequestDetails());
			}
			moved += chunk.size();
		}
		if (moved > 0) {
			LOG.info("Moved {} AuditEvents stored as HAPI resources into the audit log", moved);
		}
	}

	private static List<IBaseResource> nextChunk(IFhirResourceDao<AuditEvent> dao) {
		SearchParameterMap query = SearchParameterMap.newSynchronous();
		query.setLoadSynchronousUpTo(CHUNK);
		return dao.search(query, new SystemRequestDetails()).getResources(0, CHUNK);
	}
}
