package org.immunis.records;

import static org.immunis.records.Readers.THE_ADMIN;
import static org.immunis.records.Readers.THE_MANAGING_ORGANIZATION;
import static org.immunis.records.Readers.THE_PATIENT;
import static org.immunis.records.Readers.THE_PATIENT_AND_THE_RECORDER;
import static org.immunis.records.RecordType.directory;
import static org.immunis.records.RecordType.envelope;
import static org.immunis.records.RecordType.patientRecord;
import static org.immunis.records.RecordType.registryRecord;
import static org.immunis.records.Writers.PROVIDERS;
import static org.immunis.records.Writers.PROVIDERS_AND_PATIENTS;
import static org.immunis.records.Writers.THE_SERVER;

import java.util.Collection;
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
 * parameter finds a patient's records, and who reads and who writes its records. The access decision, audit and
 * ownership all read it; a type that is not here is refused to
 * everyone but the server itself.
 */
public final class RecordTypes {

	private static final Function<IBaseResource, Reference> ITSELF = resource -> resource.getIdElement().hasIdPart()
			? new Reference("Patient/" + resource.getIdElement().getIdPart()) : null;

	private static final Map<String, RecordType> TYPES = Stream.of(
					directory("Organization"),
					directory("Practitioner"),
					directory("PractitionerRole"),
					directory("Location"),
					// the registry's definitions (its measures, from the implementation guide): about no patient
					directory("Measure"),
					patientRecord("Patient", "_id", ITSELF).writtenBy(PROVIDERS),
					patientRecord("Immunization", "patient", r -> ((Immunization) r).getPatient()).writtenBy(PROVIDERS),
					patientRecord("ImmunizationRecommendation", "patient", r -> ((ImmunizationRecommendation) r).getPatient()),
					patientRecord("ImmunizationEvaluation", "patient", r -> ((ImmunizationEvaluation) r).getPatient()),
					patientRecord("RelatedPerson", "patient", r -> ((RelatedPerson) r).getPatient()),
					// a patient's conditions (risk, immunity, contraindications): read by $immds-forecast
					patientRecord("Condition", "patient", r -> ((Condition) r).getSubject()).writtenBy(PROVIDERS),
					registryRecord("Consent", THE_PATIENT_AND_THE_RECORDER)
							.aboutPatient("patient", r -> ((Consent) r).getPatient())
							.writtenBy(PROVIDERS_AND_PATIENTS),
					// the AuditEvents about a patient (entity.what): the patient's accounting of disclosures
					registryRecord("AuditEvent", THE_PATIENT).aboutPatient("patient", RecordTypes::auditedPatient)
							.writtenBy(THE_SERVER),
					registryRecord("Group", THE_MANAGING_ORGANIZATION),
					registryRecord("Provenance", THE_ADMIN),
					registryRecord("Binary", THE_ADMIN),
					registryRecord("SearchParameter", THE_ADMIN),
					registryRecord("Task", THE_ADMIN),
					envelope("Bundle"),
					envelope("Parameters"),
					// computed by $evaluate-measure from the patients the requester may see
					envelope("MeasureReport"),
					envelope("OperationOutcome"))
			.collect(Collectors.toUnmodifiableMap(RecordType::name, Function.identity()));

	private RecordTypes() {}

	public static Optional<RecordType> of(String type) {
		// a request about no type (a transaction, a system-level operation) names none
		return type == null ? Optional.empty() : Optional.ofNullable(TYPES.get(type));
	}

	/** Every classified type. */
	public static Collection<RecordType> all() {
		return TYPES.values();
	}

	public static boolean is(String type, RecordKind kind) {
		return of(type).map(RecordType::kind).orElse(null) == kind;
	}

	/** Whether only the server writes records of this type, for itself: every requester's write is refused. */
	public static boolean isWrittenByTheServerOnly(String type) {
		return of(type).map(RecordType::writers).orElse(null) == Writers.THE_SERVER;
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
