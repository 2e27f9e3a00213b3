package org.immunis.bulk;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.consent.Jurisdiction;
import org.immunis.identity.RecordOwnership;
import org.immunis.records.RecordTypes;
import org.immunis.records.StoredPatients;

/**
 * Reads, as the server, the patients an export is about, a page at a time: every patient for a system or patient
 * export, a Group's members for a group export. Nothing here decides what the requester sees; every page goes through
 * the sharing decision before anything of it is written.
 */
final class ExportPopulation {

	/** Takes one page of patients; may stop the export by throwing. */
	interface PageConsumer {
		void accept(List<Patient> patients);
	}

	private final DaoRegistry daos;
	private final int pageSize;

	ExportPopulation(DaoRegistry daos, int pageSize) {
		this.daos = daos;
		this.pageSize = pageSize;
	}

	void forEachPage(ExportRequest request, PageConsumer consumer) {
		if (request.level() == ExportLevel.GROUP) {
			List<String> members = members(request.group());
			for (int from = 0; from < members.size(); from += pageSize) {
				consumer.accept(StoredPatients.byIds(daos, members.subList(from, Math.min(from + pageSize, members.size()))));
			}
			return;
		}
		forEachPageOf(daos.getResourceDao(Patient.class).search(new SearchParameterMap(), new SystemRequestDetails()),
				page -> consumer.accept(page.stream().map(Patient.class::cast).toList()));
	}

	/** Every resource of a type, a page at a time (the directory's records in a system export). */
	void forEachPageOfType(String type, Consumer<List<IBaseResource>> consumer) {
		forEachPageOf(daos.getResourceDao(type).search(new SearchParameterMap(), new SystemRequestDetails()), consumer);
	}

	private void forEachPageOf(IBundleProvider results, Consumer<List<IBaseResource>> consumer) {
		for (int from = 0; ; from += pageSize) {
			List<IBaseResource> page = results.getResources(from, from + pageSize);
			if (page.isEmpty()) {
				return;
			}
			consumer.accept(page);
		}
	}

	private List<String> members(String groupId) {
		Group group = (Group) daos.getResourceDao(Group.class).read(new IdType("Group", groupId), new SystemRequestDetails());
		ExportGroup definition = ExportGroup.of(group);
		return switch (definition.kind()) {
			case ROSTER -> definition.members();
			case JURISDICTION -> residents(definition.organizationId());
			case PATIENT_PANEL -> recordedFor(definition.organizationId());
		};
	}

	// the patients whose current address is in one of the organization's towns, as the sharing decision places a
	// board's residents (found by city)
	private List<String> residents(String organizationId) {
		Set<String> towns = new LinkedHashSet<>();
		SearchParameterMap organization = SearchParameterMap.newSynchronous("_id", new TokenParam(organizationId));
		for (IBaseResource resource : daos.getResourceDao(Organization.class).search(organization, new SystemRequestDetails()).getAllResources()) {
			((Organization) resource).getAddress().forEach(address -> towns.addAll(Jurisdiction.places(address)));
		}
		Set<String> residents = new LinkedHashSet<>();
		for (String town : towns) {
			SearchParameterMap query = new SearchParameterMap().add(Patient.SP_ADDRESS_CITY, new StringParam(town));
			forEachPageOf(daos.getResourceDao(Patient.class).search(query, new SystemRequestDetails()), page -> {
				for (IBaseResource resource : page) {
					if (Jurisdiction.livesIn((Patient) resource, towns)) {
						residents.add(resource.getIdElement().getIdPart());
					}
				}
			});
		}
		return new ArrayList<>(residents);
	}

	// the patients the organization recorded for: a Patient or an Immunization carrying its stamp
	private List<String> recordedFor(String organizationId) {
		Set<String> patients = new LinkedHashSet<>();
		TokenParam stamp = new TokenParam(RecordOwnership.SYSTEM, organizationId);
		forEachPageOf(daos.getResourceDao(Patient.class).search(new SearchParameterMap().add("_tag", stamp), new SystemRequestDetails()),
				page -> page.forEach(patient -> patients.add(patient.getIdElement().getIdPart())));
		forEachPageOf(daos.getResourceDao(Immunization.class).search(new SearchParameterMap().add("_tag", stamp), new SystemRequestDetails()),
				page -> page.forEach(immunization -> {
					String patient = RecordTypes.patientOf(immunization);
					if (patient != null) {
						patients.add(patient);
					}
				}));
		return new ArrayList<>(patients);
	}

}
