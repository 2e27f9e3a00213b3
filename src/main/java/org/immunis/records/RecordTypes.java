package org.immunis.records;

import static org.immunis.records.RecordKind.DIRECTORY;
import static org.immunis.records.RecordKind.ENVELOPE;
import static org.immunis.records.RecordKind.PATIENT_RECORD;
import static org.immunis.records.RecordKind.REGISTRY_RECORD;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.ImmunizationEvaluation;
import org.hl7.fhir.r4.model.ImmunizationRecommendation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;

/**
 * The one registry of record types: for every type the server stores or sends, what it is (directory data, a patient
 * record, a registry record or an envelope), which element names the patient a record is about and which search
 * parameter finds a patient's records. Identity, consent, audit and ownership all read it; a type that is not here is
 * refused to everyone but the server itself.
 */
public final class RecordTypes {

	private static final Function<IBaseResource, Reference> ITSELF = resource -> resource.getIdElement().hasIdPart()
			? new Reference("Patient/" + resource.getIdElement().getIdPart()) : null;

	private static final Map<String, RecordType> TYPES = Stream.of(
					new RecordType("Organization", DIRECTORY, null, null),
					new RecordType("Practitioner", DIRECTORY, null, null),
					new RecordType("PractitionerRole", DIRECTORY, null, null),
					new RecordType("Location", DIRECTORY, null, null),
					// the registry's definitions (its measures, from the implementation guide): about no patient
					new RecordType("Measure", DIRECTORY, null, null),
					new RecordType("Patient", PATIENT_RECORD, "_id", ITSELF),
					new RecordType("Immunization", PATIENT_RECORD, "patient", r -> ((Immunization) r).getPatient()),
					new RecordType("ImmunizationRecommendation", PATIENT_RECORD, "patient",
							r -> ((ImmunizationRecommendation) r).getPatient()),
					new RecordType("ImmunizationEvaluation", PATIENT_RECORD, "patient",
							r -> ((ImmunizationEvaluation) r).getPatient()),
					new RecordType("RelatedPerson", PATIENT_RECORD, "patient", r -> ((RelatedPerson) r).getPatient()),
					// a patient's conditions (risk, immunity, contraindications): read by $immds-forecast
					new RecordType("Condition", PATIENT_RECORD, "patient", r -> ((Condition) r).getSubject()),
					new RecordType("Consent", REGISTRY_RECORD, "patient", r -> ((Consent) r).getPatient()),
					// the AuditEvents about a patient (entity.what): the patient's accounting of disclosures
					new RecordType("AuditEvent", REGISTRY_RECORD, "patient", RecordTypes::auditedPatient),
					new RecordType("Group", REGISTRY_RECORD, null, null),
					new RecordType("Provenance", REGISTRY_RECORD, null, null),
					new RecordType("Binary", REGISTRY_RECORD, null, null),
					new RecordType("SearchParameter", REGISTRY_RECORD, null, null),
					new RecordType("Task", REGISTRY_RECORD, null, null),
					new RecordType("Bundle", ENVELOPE, null, null),
					new RecordType("Parameters", ENVELOPE, null, null),
					// computed by $evaluate-measure from the patients the requester may see
					new RecordType("MeasureReport", ENVELOPE, null, null),
					new RecordType("OperationOutcome", ENVELOPE, null, null))
			.collect(Collectors.toUnmodifiableMap(RecordType::name, Function.identity()));

	private RecordTypes() {}

	public static Optional<RecordType> of(String type) {
		return Optional.ofNullable(TYPES.get(type));
	}

	public static boolean is(String type, RecordKind kind) {
		RecordType recordType = TYPES.get(type);
		return recordType != null && recordType.kind() == kind;
	}

	/** Whether records of this type are about one patient each (named by {@link #patientOf}). */
	public static boolean isAboutPatients(String type) {
		return of(type).map(RecordType::isAboutPatients).orElse(false);
	}

	/** The logical id of the patient a record is about, or null if it is about none. */
	public static String patientOf(IBaseResource resource) {
		RecordType type = TYPES.get(resource.fhirType());
		if (type == null || type.subject() == null) {
			return null;
		}
		return patientId(type.subject().apply(resource));
	}

	/** The logical id a reference names if it names a Patient, else null. */
	public static String patientId(Reference reference) {
		if (reference == null) {
			return null;
		}
		IIdType id = reference.getReferenceElement();
		return "Patient".equals(id.getResourceType()) && id.hasIdPart() ? id.getIdPart() : null;
	}

	private static Reference auditedPatient(IBaseResource resource) {
		for (AuditEvent.AuditEventEntityComponent entity : ((AuditEvent) resource).getEntity()) {
			if (patientId(entity.getWhat()) != null) {
				return entity.getWhat();
			}
		}
		return null;
	}
}
