package org.immunis.audit;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.ImmunizationEvaluation;
import org.hl7.fhir.r4.model.ImmunizationRecommendation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;

/** The patient a disclosed record is about, for the audit trail (AuditEvents themselves are not audited by patient). */
final class AuditPatients {

	private AuditPatients() {}

	static String of(IBaseResource resource) {
		if (resource instanceof Patient patient) {
			return patient.getIdElement().getIdPart();
		}
		Reference reference = null;
		if (resource instanceof Immunization immunization) {
			reference = immunization.getPatient();
		} else if (resource instanceof ImmunizationRecommendation recommendation) {
			reference = recommendation.getPatient();
		} else if (resource instanceof ImmunizationEvaluation evaluation) {
			reference = evaluation.getPatient();
		} else if (resource instanceof RelatedPerson person) {
			reference = person.getPatient();
		} else if (resource instanceof Consent consent) {
			reference = consent.getPatient();
		}
		if (reference == null) {
			return null;
		}
		IIdType id = reference.getReferenceElement();
		return "Patient".equals(id.getResourceType()) && id.hasIdPart() ? id.getIdPart() : null;
	}
}
