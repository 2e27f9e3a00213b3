package org.immunis.consent;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.access.PatientSharing;
import org.immunis.identity.RecordOwnership;
import org.immunis.identity.Requester;
import org.immunis.identity.Role;
import org.immunis.records.RecordType;
import org.immunis.records.RecordTypes;
import org.immunis.records.Writers;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads, for a batch of patients, what the sharing decision needs to know of them relative to one viewer. Nothing is
 * cached across requests, so a filed or withdrawn objection counts from the very next request, on every server sharing
 * the database. One indexed query of the {@link ObjectionRegister} finds the objections among the batch; a school or
 * board adds one search, a provider one when some of the patients object.
 */
@Component
class PatientSharingLookup {

	private final ObjectionRegister objections;
	private final DaoRegistry daos;
	private final TransactionTemplate separateTransaction;

	PatientSharingLookup(ObjectionRegister objections, DaoRegistry daos, PlatformTransactionManager transactions) {
		this.objections = objections;
		this.daos = daos;
		// Records may be shown in the middle of a write (a transaction's answer): the lookup never touches its session.
		this.separateTransaction = new TransactionTemplate(transactions);
		this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.separateTransaction.setReadOnly(true);
	}

	Map<String, PatientSharing> load(Requester viewer, Collection<String> patientIds) {
		if (patientIds.isEmpty()) {
			return Map.of();
		}
		Set<String> objecting = objections.objecting(patientIds);
		boolean relationsMatter = viewer.role() == Role.SCHOOL || viewer.role() == Role.BOARD_OF_HEALTH
				|| viewer.role() == Role.PROVIDER && !objecting.isEmpty();
		return relationsMatter
				? separateTransaction.execute(status -> withRelations(viewer, patientIds, objecting))
				: withRelations(viewer, patientIds, objecting);
	}

	private Map<String, PatientSharing> withRelations(Requester viewer, Collection<String> patientIds, Set<String> objecting) {
		Map<String, PatientSharing> sharing = new HashMap<>();
		Set<String> onRoster = viewer.role() == Role.SCHOOL ? onRoster(viewer.organizationId(), patientIds) : Set.of();
		Set<String> residents = viewer.role() == Role.BOARD_OF_HEALTH ? residents(viewer.organizationId(), patientIds) : Set.of();
		Set<String> recordedFor = viewer.role() == Role.PROVIDER && !objecting.isEmpty()
				? recordedFor(viewer.organizationId(), objecting) : Set.of();
		for (String patient : patientIds) {
			sharing.put(patient, new PatientSharing(objecting.contains(patient), onRoster.contains(patient),
					residents.contains(patient), recordedFor.contains(patient)));
		}
		return sharing;
	}

	private Set<String> onRoster(String organizationId, Collection<String> patientIds) {
		SearchParameterMap query = SearchParameterMap.newSynchronous();
		query.add(Group.SP_MANAGING_ENTITY, new ReferenceParam("Organization/" + organizationId));
		query.add(Group.SP_MEMBER, patients(patientIds));
		Set<String> members = new HashSet<>();
		for (IBaseResource resource : all(daos.getResourceDao("Group").search(query, new SystemRequestDetails()))) {
			Group group = (Group) resource;
			if (Roster.isRoster(group)) {
				members.addAll(Roster.activeMembers(group));
			}
		}
		return members;
	}

	private Set<String> residents(String organizationId, Collection<String> patientIds) {
		Set<String> towns = new HashSet<>();
		// a search, not a read: an unknown organization must not mark the lookup's transaction for rollback
		SearchParameterMap organization = SearchParameterMap.newSynchronous("_id", new TokenParam(organizationId));
		for (IBaseResource resource : all(daos.getResourceDao("Organization").search(organization, new SystemRequestDetails()))) {
			((Organization) resource).getAddress().forEach(address -> towns.addAll(Jurisdiction.places(address)));
		}
		if (towns.isEmpty()) {
			return Set.of();
		}
		SearchParameterMap query = SearchParameterMap.newSynchronous();
		TokenOrListParam ids = new TokenOrListParam();
		patientIds.forEach(id -> ids.addOr(new TokenParam(id)));
		query.add("_id", ids);
		Set<String> residents = new HashSet<>();
		for (IBaseResource resource : all(daos.getResourceDao("Patient").search(query, new SystemRequestDetails()))) {
			if (Jurisdiction.livesIn((Patient) resource, towns)) {
				residents.add(resource.getIdElement().getIdPart());
			}
		}
		return residents;
	}

	// any record about the patient that the organization wrote and stamped: a dose, a condition, an objection it filed
	private Set<String> recordedFor(String organizationId, Collection<String> patientIds) {
		Set<String> recorded = new HashSet<>();
		for (RecordType type : RecordTypes.all()) {
			boolean providersWrite = type.writers() == Writers.PROVIDERS || type.writers() == Writers.PROVIDERS_AND_PATIENTS;
			if (!providersWrite || !type.isAboutPatients() || "Patient".equals(type.name())) {
				continue;
			}
			SearchParameterMap query = SearchParameterMap.newSynchronous();
			query.add(type.patientSearchParameter(), patients(patientIds));
			query.add("_tag", new TokenParam(RecordOwnership.SYSTEM, organizationId));
			for (IBaseResource resource : all(daos.getResourceDao(type.name()).search(query, new SystemRequestDetails()))) {
				recorded.add(RecordTypes.patientOf(resource));
			}
		}
		return recorded;
	}

	private static ReferenceOrListParam patients(Collection<String> patientIds) {
		ReferenceOrListParam references = new ReferenceOrListParam();
		patientIds.forEach(id -> references.addOr(new ReferenceParam("Patient/" + id)));
		return references;
	}

	private static List<IBaseResource> all(IBundleProvider results) {
		return results.getAllResources();
	}
}
