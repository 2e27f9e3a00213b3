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
 * @param readers who may read its records
 * @param writers who may write its records
 */
public record RecordType(String name, RecordKind kind, String patientSearchParameter,
		Function<IBaseResource, Reference> subject, Readers readers, Writers writers) {

	static RecordType directory(String name) {
		return new RecordType(name, RecordKind.DIRECTORY, null, null, Readers.EVERYONE, Writers.THE_ADMIN);
	}

	static RecordType envelope(String name) {
		return new RecordType(name, RecordKind.ENVELOPE, null, null, Readers.EVERYONE, Writers.THE_ADMIN);
	}

	static RecordType patientRecord(String name, String patientSearchParameter, Function<IBaseResource, Reference> subject) {
		return new RecordType(name, RecordKind.PATIENT_RECORD, patientSearchParameter, subject,
				Readers.AS_THE_PATIENT_SHARES, Writers.THE_ADMIN);
	}

	static RecordType registryRecord(String name, Readers readers) {
		return new RecordType(name, RecordKind.REGISTRY_RECORD, null, null, readers, Writers.THE_ADMIN);
	}

	RecordType aboutPatient(String searchParameter, Function<IBaseResource, Reference> patient) {
		return new RecordType(name, kind, searchParameter, patient, readers, writers);
	}

	RecordType writtenBy(Writers by) {
		return new RecordType(name, kind, patientSearchParameter, subject, readers, by);
	}

	public boolean isAboutPatients() {
		return patientSearchParameter != null;
	}

	public Optional<String> patientParameter() {
		return Optional.ofNullable(patientSearchParameter);
	}
}
