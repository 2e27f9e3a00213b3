package org.immunis.records;

import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Reference;

/**
 * One resource type as the registry sees it.
 *
 * @param name the FHIR resource type
 * @param kind what it is to the registry
 * @param patientSearchParameter the search parameter that names the patient a record is about, if it is about one
 * @param subject the reference to the patient a record of this type is about (null when the type is about no patient;
 *                a Patient is about itself)
 */
public record RecordType(String name, RecordKind kind, String patientSearchParameter,
		Function<IBaseResource, Reference> subject) {

	public boolean isAboutPatients() {
		return patientSearchParameter != null;
	}

	public Optional<String> patientParameter() {
		return Optional.ofNullable(patientSearchParameter);
	}
}
