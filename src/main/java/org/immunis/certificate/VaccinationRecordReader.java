package org.immunis.certificate;

import ca.uhn.fhir.i18n.Msg;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.immunis.consent.ObjectionRegister;
import org.immunis.consent.SharingEnforcement;
import org.immunis.identity.Requester;
import org.immunis.identity.Role;

/**
 * Reads a patient's record for a proof of vaccination. The records are read as the registry itself and each one passes
 * the requester's sharing decision before it is used, so a hidden dose changes nothing in the proof, and a hidden
 * patient answers exactly as an unknown one.
 */
final class VaccinationRecordReader {

	private final DaoRegistry daos;
	private final SharingEnforcement sharing;
	private final ObjectionRegister objections;

	VaccinationRecordReader(DaoRegistry daos, SharingEnforcement sharing, ObjectionRegister objections) {
		this.daos = daos;
		this.sharing = sharing;
		this.objections = objections;
	}

	VaccinationRecord read(IIdType patientId, RequestDetails request) {
		IdType id = new IdType("Patient", patientId.getIdPart());
		Patient patient = visiblePatient(id, request);
		SearchParameterMap byPatient = SearchParameterMap.newSynchronous(Immunization.SP_PATIENT, new ReferenceParam(id.getValue()));
		List<Immunization> immunizations = daos.getResourceDao(Immunization.class)
				.search(byPatient, new SystemRequestDetails()).getAllResources().stream()
				.map(Immunization.class::cast)
				.filter(immunization -> immunization.getStatus() == Immunization.ImmunizationStatus.COMPLETED)
				.filter(immunization -> immunization.hasOccurrenceDateTimeType() && immunization.getOccurrenceDateTimeType().getValue() != null)
				.filter(immunization -> sharing.shows(request, immunization))
				.sorted(Comparator.comparing(immunization -> immunization.getOccurrenceDateTimeType().getValue()))
				.toList();
		return new VaccinationRecord(patient, immunizations, mayBeIncomplete(id, request));
	}

	/** Who gave a dose: the performer's name as recorded, or the name of the Organization it refers to. */
	String performerName(Reference actor) {
		if (actor.hasDisplay()) {
			return actor.getDisplay();
		}
		IIdType reference = actor.getReferenceElement();
		if (!"Organization".equals(reference.getResourceType()) || !reference.hasIdPart()) {
			return null;
		}
		try {
			return daos.getResourceDao(Organization.class).read(reference.toUnqualifiedVersionless(), new SystemRequestDetails()).getName();
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return null;
		}
	}

	private Patient visiblePatient(IdType id, RequestDetails request) {
		Patient patient;
		try {
			patient = daos.getResourceDao(Patient.class).read(id, new SystemRequestDetails());
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			throw notKnown(id);
		}
		if (!sharing.shows(request, patient)) {
			throw notKnown(id);
		}
		return patient;
	}

	// The patient and the registry admin see every record; anyone else sees only part of an objecting patient's.
	private boolean mayBeIncomplete(IdType id, RequestDetails request) {
		boolean seesEverything = Requester.of(request)
				.map(requester -> requester.role() == Role.REGISTRY_ADMIN || requester.actsForPatient(id.getIdPart()))
				.orElse(true);
		return !seesEverything && objections.objects(id.getIdPart());
	}

	/** Exactly what HAPI answers for an id that does not exist. */
	private static ResourceNotFoundException notKnown(IdType id) {
		return new ResourceNotFoundException(Msg.code(2001) + "Resource " + id.getValue() + " is not known");
	}
}
