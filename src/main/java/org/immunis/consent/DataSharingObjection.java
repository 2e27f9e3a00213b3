package org.immunis.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;

/**
 * The registry's objection to data sharing: a Consent aligned with IHE Privacy Consent on FHIR, profile
 * {@link #PROFILE}. An objection is in force while its status is {@code active}; withdrawing it means updating the same
 * Consent to {@code inactive} (the resource history keeps both versions), or {@code entered-in-error} if it was filed by
 * mistake. Every Consent the registry stores must fit this shape; {@link #problems(Consent)} says where it does not.
 */
public final class DataSharingObjection {

	public static final String PROFILE = "http://immunis.org/fhir/StructureDefinition/data-sharing-objection";
	public static final String POLICY = "http://immunis.org/fhir/policy/data-sharing";
	public static final String SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
	public static final String SCOPE_CODE = "patient-privacy";
	public static final String LOINC = "http://loinc.org";
	public static final String CATEGORY_CODE = "59284-0";
	public static final String PARTICIPATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
	/** The category token to search objections by: {@code Consent?category=http://loinc.org|59284-0}. */
	public static final String CATEGORY_TOKEN = LOINC + "|" + CATEGORY_CODE;

	private static final Set<String> STATUSES = Set.of("active", "inactive", "entered-in-error");
	/** The roles the profile requires on an exception's organization (immunis-dso-3). */
	private static final List<String> EXCEPTION_ROLES = List.of("AUT", "IRCP");
	private static final Set<String> PERFORMER_TYPES = Set.of("Patient", "RelatedPerson");

	private DataSharingObjection() {}

	/** Whether this Consent is an objection in force: the registry's category, active, denying. */
	public static boolean inForce(Consent consent) {
		return consent.getStatus() == Consent.ConsentState.ACTIVE
				&& consent.getCategory().stream().anyMatch(c -> has(c, LOINC, CATEGORY_CODE))
				&& consent.getProvision().getType() == Consent.ConsentProvisionType.DENY;
	}

	/** The problems with a Consent as the registry's objection, each naming the offending element; empty if it fits. */
	public static List<String> problems(Consent consent) {
		List<String> problems = new ArrayList<>();
		if (!consent.getMeta().getProfile().isEmpty()
				&& consent.getMeta().getProfile().stream().noneMatch(p -> PROFILE.equals(p.getValue()))) {
			problems.add("Consent.meta.profile: must be " + PROFILE);
		}
		String status = consent.getStatusElement().getValueAsString();
		if (status == null || !STATUSES.contains(status)) {
			problems.add("Consent.status: must be active, inactive (withdrawn) or entered-in-error");
		}
		if (!has(consent.getScope(), SCOPE_SYSTEM, SCOPE_CODE)) {
			problems.add("Consent.scope: must be " + SCOPE_SYSTEM + "|" + SCOPE_CODE);
		}
		if (consent.getCategory().stream().noneMatch(c -> has(c, LOINC, CATEGORY_CODE))) {
			problems.add("Consent.category: must include " + CATEGORY_TOKEN);
		}
		if (patientId(consent) == null && !isBundleEntry(consent.getPatient())) {
			problems.add("Consent.patient: must reference the Patient who objects (Patient/id)");
		}
		if (!consent.hasDateTime()) {
			problems.add("Consent.dateTime: required");
		}
		if (consent.getPerformer().isEmpty()) {
			problems.add("Consent.performer: who signed the objection is required");
		}
		for (int i = 0; i < consent.getPerformer().size(); i++) {
			Reference performer = consent.getPerformer().get(i);
			if (!PERFORMER_TYPES.contains(typeOf(performer)) && !isBundleEntry(performer)) {
				problems.add("Consent.performer[" + i + "]: must reference the Patient or a guardian (RelatedPerson) who signed");
			}
		}
		if (consent.getOrganization().isEmpty()) {
			problems.add("Consent.organization: the organization that took the objection is required");
		}
		if (consent.getPolicy().size() != 1 || !POLICY.equals(consent.getPolicyFirstRep().getUri())) {
			problems.add("Consent.policy: exactly one, with uri " + POLICY);
		}
		if (consent.hasPolicyRule()) {
			problems.add("Consent.policyRule: not used; the policy is named by Consent.policy.uri");
		}
		if (consent.getProvision().getType() != Consent.ConsentProvisionType.DENY) {
			problems.add("Consent.provision.type: must be deny (immunis-dso-1)");
		}
		List<Consent.ProvisionComponent> exceptions = consent.getProvision().getProvision();
		for (int i = 0; i < exceptions.size(); i++) {
			Consent.ProvisionComponent exception = exceptions.get(i);
			String where = "Consent.provision.provision[" + i + "]";
			if (exception.getType() != Consent.ConsentProvisionType.PERMIT) {
				problems.add(where + ".type: an exception must permit (immunis-dso-2)");
			}
			for (String role : EXCEPTION_ROLES) {
				if (exception.getActor().stream().noneMatch(actor -> has(actor.getRole(), PARTICIPATION_SYSTEM, role)
						&& ("Organization".equals(typeOf(actor.getReference())) || isBundleEntry(actor.getReference())))) {
					problems.add(where + ".actor: an exception names the Organization as author (AUT) and as recipient (IRCP);"
							+ " " + role + " is missing (immunis-dso-3)");
				}
			}
			if (!exception.getProvision().isEmpty()) {
				problems.add(where + ".provision: exceptions do not nest further");
			}
		}
		if (consent.hasSourceAttachment() && !consent.getSourceAttachment().hasUrl() && !consent.getSourceAttachment().hasData()) {
			problems.add("Consent.sourceAttachment: the signed form needs data or a url");
		}
		if (consent.hasSourceReference()) {
			problems.add("Consent.sourceReference: use sourceAttachment for the signed form");
		}
		return problems;
	}

	/** The logical id of the patient the Consent is about, or null. */
	public static String patientId(Consent consent) {
		Reference patient = consent.getPatient();
		if (patient == null || !"Patient".equals(patient.getReferenceElement().getResourceType())) {
			return null;
		}
		return patient.getReferenceElement().getIdPart();
	}

	private static String typeOf(Reference reference) {
		String type = reference.getReferenceElement().getResourceType();
		return type == null ? "" : type;
	}

	// In a transaction bundle a new record of the same bundle is named by its fullUrl until stored; HAPI then checks that
	// the record it names is of a type the element allows.
	private static boolean isBundleEntry(Reference reference) {
		return reference.hasReference() && reference.getReference().startsWith("urn:uuid:");
	}

	private static boolean has(CodeableConcept concept, String system, String code) {
		if (concept == null) {
			return false;
		}
		for (Coding coding : concept.getCoding()) {
			if (system.equals(coding.getSystem()) && code.equals(coding.getCode())) {
				return true;
			}
		}
		return false;
	}
}
