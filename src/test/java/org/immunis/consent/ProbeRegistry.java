package org.immunis.consent;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.immunis.TestTokens;
import org.immunis.fhir.RegistryRecords;

/**
 * A small registry drawn at random from a seed, for the leak probe: clinics A and B record patients and their shots,
 * clinic C records nothing; a school with a roster, a board of health of one town, a program and a study. Each patient
 * has a random state (never objected, objecting, withdrawn), town, roster place, shots from random clinics (sometimes the
 * same shot twice, which raises the stored-dose flag), and now and then a Condition, a guardian's RelatedPerson and a
 * Provenance; a
 * provider's search naming all of them leaves AuditEvents whose queries name the others.
 */
final class ProbeRegistry {

	enum State { NEVER_OBJECTED, OBJECTING, WITHDRAWN }

	/** The requesters the probe asks as. */
	enum Kind { PATIENT, GUARDIAN, PROVIDER_A, PROVIDER_B, PROVIDER_C, SCHOOL, BOARD, PROGRAM, RESEARCHER }

	/** One patient's records, each as {@code Type/id}, and which clinic recorded each. */
	record PatientRecords(String patient, State state, boolean resident, boolean onRoster, Map<String, String> recordedBy,
			String cvx) {

		Set<String> all() {
			return recordedBy.keySet();
		}

		/** These records and the stored-dose flags the server raised on them (recorded by the server). */
		PatientRecords withFlags(ConsentHttp admin) {
			ConsentHttp.Answer flags = admin.get("ImmunizationEvaluation?patient=" + patient);
			assertThat(flags.status()).as(flags.body()).isEqualTo(200);
			Map<String, String> all = new LinkedHashMap<>(recordedBy);
			for (Bundle.BundleEntryComponent entry : ((Bundle) flags.resource()).getEntry()) {
				all.put(entry.getResource().getIdElement().toUnqualifiedVersionless().getValue(), "the server");
			}
			return new PatientRecords(patient, state, resident, onRoster, all, cvx);
		}
	}

	/** The probe's tokens outlive the probe, however slow the machine: an expired token would hide everything alike. */
	private static final Duration PROBE_TIME = Duration.ofHours(2);
	private static final String[] CVX = {"03", "08", "10", "20", "21", "83", "133"};

	final Instant start = Instant.now().minusSeconds(2);
	final String family;
	final String town;
	final String clinicA;
	final String clinicB;
	final String clinicC;
	final String school;
	final String board;
	final String program;
	final String roster;
	final List<PatientRecords> patients = new ArrayList<>();
	private final Map<Kind, String> tokens = new EnumMap<>(Kind.class);
	private final Map<Kind, Set<String>> ownPatients = new EnumMap<>(Kind.class);
	private final FhirContext fhirContext;

	ProbeRegistry(String baseUrl, FhirContext fhirContext, Random random) {
		this.fhirContext = fhirContext;
		String letters = letters(random, 8);
		family = "Probe" + letters;
		town = "Probetown" + letters;
		ConsentHttp admin = new ConsentHttp(baseUrl, TestTokens.admin(), fhirContext);
		clinicA = organization(admin, "Clinic A", town, "provider");
		clinicB = organization(admin, "Clinic B", town, "provider");
		clinicC = organization(admin, "Clinic C", town, "provider");
		school = organization(admin, "School", town, "school");
		board = organization(admin, "Board of Health", town, "board-of-health");
		program = organization(admin, "WIC", "Capital" + letters, "public-health-program");
		Map<String, ConsentHttp> clinics = Map.of(clinicA, http(baseUrl, provider(clinicA)), clinicB, http(baseUrl, provider(clinicB)));
		Group rosterGroup = new Group().setType(Group.GroupType.PERSON).setActual(true)
				.setManagingEntity(new Reference("Organization/" + school));
		int count = 5 + random.nextInt(4);
		for (int n = 0; n < count; n++) {
			// the first three cover every state; the rest are drawn
			State state = n < State.values().length ? State.values()[n] : State.values()[random.nextInt(State.values().length)];
			patients.add(patient(n, state, random, clinics, rosterGroup, admin));
		}
		roster = created(admin.post("Group", json(rosterGroup)));
		for (Kind kind : Kind.values()) {
			tokens.put(kind, token(kind, random));
		}
		// a provider's search naming every patient: the AuditEvent about each one carries the others in its query
		String everyone = String.join(",", patients.stream().map(PatientRecords::patient).toList());
		assertThat(clinics.get(clinicA).get("Immunization?patient=" + everyone).status()).isEqualTo(200);
		patients.replaceAll(records -> records.withFlags(admin));
	}

	/** A new dose for this patient, as JSON, for validating a create. */
	String newDoseOf(String patient) {
		return json(RegistryRecords.immunization(patient, CVX[0], "2017-01-15"));
	}

	private PatientRecords patient(int n, State state, Random random, Map<String, ConsentHttp> clinics, Group rosterGroup,
			ConsentHttp admin) {
		List<String> clinicIds = List.of(clinicA, clinicB);
		String creator = clinicIds.get(random.nextInt(2));
		// the first objecting patient is always where a school, a board and a Provenance could give it away
		boolean exposed = n == State.OBJECTING.ordinal();
		// and the first sharing patient is one the school and the board may see, so that every requester sees something
		boolean seen = n == State.NEVER_OBJECTED.ordinal();
		boolean resident = exposed || seen || random.nextInt(4) > 0;
		boolean onRoster = exposed || seen || random.nextBoolean();
		Patient patient = RegistryRecords.patient(family, "2015-0" + (1 + n % 9) + "-1" + random.nextInt(10));
		patient.getNameFirstRep().getGiven().get(0).setValue("Child" + letters(random, 4));
		patient.addAddress().setCity(resident ? town : "Elsewhere" + letters(random, 6));
		String patientRef = created(clinics.get(creator).post("Patient", json(patient)));
		Map<String, String> recordedBy = new LinkedHashMap<>();
		recordedBy.put(patientRef, creator);
		String cvx = CVX[random.nextInt(CVX.length)];
		int shots = 1 + random.nextInt(3);
		for (int shot = 0; shot < shots; shot++) {
			String clinic = clinicIds.get(random.nextInt(2));
			String date = "2016-0" + (1 + shot) + "-15";
			recordedBy.put(created(clinics.get(clinic).post("Immunization", json(RegistryRecords.immunization(patientRef, cvx, date)))),
					clinic);
			if (random.nextInt(4) == 0) {
				String other = clinic.equals(clinicA) ? clinicB : clinicA;
				// the same dose reported again: the stored-dose flag is raised
				recordedBy.put(created(clinics.get(other).post("Immunization", json(RegistryRecords.immunization(patientRef, cvx, date)))),
						other);
			}
		}
		if (exposed || random.nextBoolean()) {
			// a history of varicella, which the forecast reads: recorded by either clinic
			String clinic = clinicIds.get(random.nextInt(2));
			Condition varicella = new Condition().setSubject(new Reference(patientRef));
			varicella.getCode().addCoding().setSystem("http://snomed.info/sct").setCode("38907003").setDisplay("Varicella");
			recordedBy.put(created(clinics.get(clinic).post("Condition", json(varicella))), clinic);
		}
		if (exposed || random.nextBoolean()) {
			RelatedPerson guardian = new RelatedPerson().setPatient(new Reference(patientRef));
			guardian.addName().setFamily(family).addGiven("Parent" + letters(random, 4));
			guardian.addRelationship().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v3-RoleCode").setCode("MTH");
			recordedBy.put(created(admin.post("RelatedPerson", json(guardian))), creator);
		}
		if (exposed || random.nextInt(3) == 0) {
			String shot = recordedBy.keySet().stream().filter(id -> id.startsWith("Immunization/")).findFirst().orElseThrow();
			Provenance provenance = new Provenance();
			provenance.addTarget(new Reference(shot));
			provenance.addTarget(new Reference(patientRef));
			provenance.setRecorded(new java.util.Date());
			provenance.addAgent().setWho(new Reference("Organization/" + recordedBy.get(shot)));
			recordedBy.put(created(admin.post("Provenance", json(provenance))), recordedBy.get(shot));
		}
		String patientId = patientRef.substring("Patient/".length());
		if (state != State.NEVER_OBJECTED) {
			String consent = created(clinics.get(creator).post("Consent", json(RegistryRecords.objection(patientId, creator))));
			recordedBy.put(consent, creator);
			if (state == State.WITHDRAWN) {
				Consent withdrawn = RegistryRecords.objection(patientId, creator);
				withdrawn.setId(consent.substring("Consent/".length()));
				withdrawn.setStatus(Consent.ConsentState.INACTIVE);
				ConsentHttp.Answer answer = clinics.get(creator).put(consent, json(withdrawn));
				assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			}
		}
		if (onRoster) {
			rosterGroup.addMember().setEntity(new Reference(patientRef));
		}
		return new PatientRecords(patientRef, state, resident, onRoster, recordedBy, cvx);
	}

	String token(Kind kind) {
		return tokens.get(kind);
	}

	/** The patients a patient or guardian token is for; none for other requesters. */
	Set<String> ownPatients(Kind kind) {
		return ownPatients.getOrDefault(kind, Set.of());
	}

	private String token(Kind kind, Random random) {
		return switch (kind) {
			case PATIENT -> patientToken(kind, Set.of(objectingPatient(random)));
			case GUARDIAN -> {
				Set<String> children = new LinkedHashSet<>();
				children.add(objectingPatient(random));
				children.add(patients.get(random.nextInt(patients.size())).patient());
				yield patientToken(kind, children);
			}
			case PROVIDER_A -> provider(clinicA);
			case PROVIDER_B -> provider(clinicB);
			case PROVIDER_C -> provider(clinicC);
			case SCHOOL -> TestTokens.as("school").organization("Organization/" + school).scopes("user/*.rs").lifetime(PROBE_TIME).mint();
			case BOARD -> TestTokens.as("board-of-health").organization("Organization/" + board).scopes("user/*.rs").lifetime(PROBE_TIME).mint();
			case PROGRAM -> TestTokens.as("public-health-program").organization("Organization/" + program).scopes("user/*.rs").lifetime(PROBE_TIME).mint();
			case RESEARCHER -> TestTokens.as("researcher").study("study-" + family).scopes("user/*.rs").lifetime(PROBE_TIME).mint();
		};
	}

	private String objectingPatient(Random random) {
		List<String> objecting = patients.stream().filter(p -> p.state() == State.OBJECTING).map(PatientRecords::patient).toList();
		return objecting.get(random.nextInt(objecting.size()));
	}

	private String patientToken(Kind kind, Set<String> patientRefs) {
		String token = TestTokens.as("patient")
				.patients(patientRefs.stream().map(ref -> ref.substring("Patient/".length())).toArray(String[]::new))
				.scopes("patient/*.rs", "patient/Consent.cruds").lifetime(PROBE_TIME).mint();
		ownPatients.put(kind, Set.copyOf(patientRefs));
		return token;
	}

	private static String provider(String clinic) {
		return TestTokens.as("provider").organization("Organization/" + clinic).scopes("user/*.cruds").lifetime(PROBE_TIME).mint();
	}

	/**
	 * Records the rules hide from this requester whatever else they say, worked out here from the objection alone: the
	 * probe checks that the server hides at least these, so that it cannot pass by hiding nothing.
	 */
	Set<String> mustBeHidden(Kind kind) {
		Set<String> hidden = new LinkedHashSet<>();
		Set<String> own = ownPatients(kind);
		for (PatientRecords records : patients) {
			if (own.contains(records.patient())) {
				continue;
			}
			if (kind == Kind.PATIENT || kind == Kind.GUARDIAN) {
				hidden.addAll(records.all());
				continue;
			}
			if (records.state() == State.OBJECTING) {
				String clinic = kind == Kind.PROVIDER_A ? clinicA : kind == Kind.PROVIDER_B ? clinicB : null;
				records.recordedBy().forEach((id, by) -> {
					if ((id.startsWith("Immunization/") || id.startsWith("Condition/")) && !by.equals(clinic)) {
						hidden.add(id);
					}
				});
				if (clinic == null) {
					hidden.addAll(records.all());
				}
			}
			if ((kind == Kind.SCHOOL && !records.onRoster()) || (kind == Kind.BOARD && !records.resident())) {
				hidden.add(records.patient());
			}
		}
		return hidden;
	}

	List<String> allRecords() {
		List<String> all = new ArrayList<>();
		patients.forEach(p -> all.addAll(p.all()));
		return all;
	}

	private String organization(ConsentHttp admin, String name, String city, String role) {
		Organization organization = RegistryRecords.organization(name + " " + family, role);
		organization.addAddress().setCity(city);
		return created(admin.post("Organization", json(organization))).substring("Organization/".length());
	}

	private ConsentHttp http(String baseUrl, String token) {
		return new ConsentHttp(baseUrl, token, fhirContext);
	}

	private String json(IBaseResource resource) {
		return fhirContext.newJsonParser().encodeResourceToString(resource);
	}

	private static String created(ConsentHttp.Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		return answer.resource().getIdElement().toUnqualifiedVersionless().getValue();
	}

	private static String letters(Random random, int length) {
		StringBuilder letters = new StringBuilder();
		for (int i = 0; i < length; i++) {
			letters.append((char) ('a' + random.nextInt(26)));
		}
		return letters.toString();
	}
}
