package org.immunis.consent;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.ImmunizationEvaluation;
import org.hl7.fhir.r4.model.ImmunizationRecommendation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.immunis.identity.RecordOwnership;

/** Reads the facts the sharing decision needs off an R4 resource. */
final class RecordViews {

	private RecordViews() {}

	static RecordView of(IBaseResource resource) {
		String type = resource.fhirType();
		String stamp = RecordOwnership.recordedBy(resource);
		return new RecordView(type, patientOf(resource), stamp, managerOf(resource));
	}

	static String patientOf(IBaseResource resource) {
		if (resource instanceof Patient patient) {
			return patient.getIdElement().getIdPart();
		}
		if (resource instanceof Immunization immunization) {
			return patientId(immunization.getPatient());
		}
		if (resource instanceof ImmunizationRecommendation recommendation) {
			return patientId(recommendation.getPatient());
		}
		if (resource instanceof ImmunizationEvaluation evaluation) {
			return patientId(evaluation.getPatient());
		}
		if (resource instanceof RelatedPerson person) {
			return patientId(person.getPatient());
		}
		if (resource instanceof Consent consent) {
			return patientId(consent.getPatient());
		}
		if (resource instanceof AuditEvent event) {
			for (AuditEvent.AuditEventEntityComponent entity : event.getEntity()) {
				String patient = patientId(entity.getWhat());
				if (patient != null) {
					return patient;
				}
			}
		}
		return null;
	}

	private static String managerOf(IBaseResource resource) {
		if (resource instanceof Group group && group.hasManagingEntity()) {
			IIdType manager = group.getManagingEntity().getReferenceElement();
			return "Organization".equals(manager.getResourceType()) ? manager.getIdPart() : null;
		}
		return null;
	}

	static String patientId(Reference reference) {
		if (reference == null) {
			return null;
		}
		IIdType id = reference.getReferenceElement();
		return "Patient".equals(id.getResourceType()) && id.hasIdPart() ? id.getIdPart() : null;
	}
}
