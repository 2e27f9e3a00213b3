package org.immunis.audit;

import ca.uhn.fhir.context.FhirContext;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;

/** A row of the audit log: an event it logged, or one the release before stored as a HAPI resource (its JSON as stored). */
record StoredAuditEvent(String id, LoggedEvent event, String legacyJson) {

	static StoredAuditEvent logged(String id, LoggedEvent event) {
		return new StoredAuditEvent(id, event, null);
	}

	static StoredAuditEvent legacy(String id, String json) {
		return new StoredAuditEvent(id, null, json);
	}

	/** The AuditEvent served for this row, under its id. */
	AuditEvent toResource(FhirContext fhirContext) {
		if (legacyJson != null) {
			AuditEvent resource = fhirContext.newJsonParser().parseResource(AuditEvent.class, legacyJson);
			resource.setId("AuditEvent/" + id);
			return resource;
		}
		AuditEvent resource = AuditEvents.of(event.record(), patient -> event.patientStored());
		resource.setId("AuditEvent/" + id);
		// written once, never changed
		resource.getMeta().setVersionId("1").setLastUpdated(Date.from(event.record().recorded()));
		return resource;
	}
}
