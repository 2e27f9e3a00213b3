package org.immunis.consent;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.immunis.TestTokens;
import org.immunis.fhir.RegistryRecords;

/**
 * A small registry for the conformance suite: clinics A, B (which records every patient and files the objections) and C
 * (which recorded nothing), a school with a roster, a board of health of the patients' town, a program, a researcher,
 * and one patient per state, each with an immunization recorded by A and one by B.
 */
final class ConsentFixture {

	/** The patient states of the suite's columns. */
	enum State {
		NEVER_OBJECTED,
		OBJECTING,
		WITHDRAWN,
		/** never objected, but neither on the school's roster nor living in the board's town */
		OUTSIDER
	}

	/** The requesters of the suite's rows. */
	enum Kind {
		ADMIN, PATIENT, PROVIDER_A, PROVIDER_B, PROVIDER_C, SCHOOL, BOARD, PROGRAM, RESEARCHER
	}

	record Records(String patient, String immunizationA, String immunizationB, String consent) {

		Set<String> all() {
			return Set.of(patient, immunizationA, immunizationB);
		}
	}

	final String suffix = UUID.randomUUID().toString().substring(0, 8);
	final String town = "Town-" + suffix;
	final String clinicA;
	final String clinicB;
	final String clinicC;
	final String school;
	final String board;
	final String program;
	final Map<State, Records> records = new EnumMap<>(State.class);
	private final String baseUrl;
	private final FhirContext fhirContext;

	ConsentFixture(String baseUrl, FhirContext fhirContext) {
		this.baseUrl = baseUrl;
		this.fhirContext = fhirContext;
		ConsentHttp admin = http(TestTokens.admin());
		clinicA = organization(admin, "Clinic A", town, "provider");
		clinicB = organization(admin, "Clinic B", town, "provider");
		clinicC = organization(admin, "Clinic C", town, "provider");
		school = organization(admin, "School", town, "school");
		board = organization(admin, "Board of Health", town, "board-of-health");
		program = organization(admin, "WIC", "Capital", "public-health-program");
		ConsentHttp providerA = http(Kind.PROVIDER_A);
		ConsentHttp providerB = http(Kind.PROVIDER_B);
		Group roster = new Group().setType(Group.GroupType.PERSON).setActual(true)
				.setManagingEntity(new Reference("Organization/" + school));
		for (State state : State.values()) {
			Patient patient = RegistryRecords.patient("Consent" + state.name().replace("_", ""), "2015-03-0" + (state.ordinal() + 1));
			patient.addAddress().setCity(state == State.OUTSIDER ? "Elsewhere-" + suffix : town);
			String patientId = created(providerB.post("Patient", json(patient))).substring("Patient/".length());
			String a = created(providerA.post("Immunization", json(RegistryRecords.immunization("Patient/" + patientId, "03", "2016-04-01"))));
			String b = created(providerB.post("Immunization", json(RegistryRecords.immunization("Patient/" + patientId, "20", "2016-05-01"))));
			String consent = null;
			if (state == State.OBJECTING || state == State.WITHDRAWN) {
				consent = created(providerB.post("Consent", json(objection(patientId, clinicB))));
			}
			if (state == State.WITHDRAWN) {
				Consent withdrawn = objection(patientId, clinicB);
				withdrawn.setId(consent.substring(consent.indexOf('/') + 1));
				withdrawn.setStatus(Consent.ConsentState.INACTIVE);
				assertThat(providerB.put(consent, json(withdrawn)).status()).isEqualTo(200);
			}
			if (state != State.OUTSIDER) {
				roster.addMember().setEntity(new Reference("Patient/" + patientId));
			}
			records.put(state, new Records("Patient/" + patientId, a, b, consent));
		}
		created(admin.post("Group", json(roster)));
	}

	/** Exactly the records of this patient state the requester may see. */
	Set<String> visible(Kind kind, State state) {
		Records r = records.get(state);
		if (kind == Kind.ADMIN || kind == Kind.PATIENT) {
			return r.all();
		}
		if (state == State.OBJECTING) {
			switch (kind) {
				case PROVIDER_A:
					return Set.of(r.patient(), r.immunizationA());
				case PROVIDER_B:
					return Set.of(r.patient(), r.immunizationB());
				default:
					return Set.of();
			}
		}
		if (state == State.OUTSIDER && (kind == Kind.SCHOOL || kind == Kind.BOARD)) {
			return Set.of();
		}
		return r.all();
	}

	Set<String> hidden(Kind kind, State state) {
		Set<String> hidden = new LinkedHashSet<>(records.get(state).all());
		hidden.removeAll(visible(kind, state));
		return hidden;
	}

	String token(Kind kind, State state) {
		switch (kind) {
			case ADMIN:
				return TestTokens.admin();
			case PATIENT:
				String patient = records.get(state).patient();
				return TestTokens.as("patient").patients(patient.substring(patient.indexOf('/') + 1))
						.scopes("patient/*.rs", "patient/Consent.cruds").mint();
			case PROVIDER_A:
				return TestTokens.as("provider").organization("Organization/" + clinicA).scopes("user/*.cruds").mint();
			case PROVIDER_B:
				return TestTokens.as("provider").organization("Organization/" + clinicB).scopes("user/*.cruds").mint();
			case PROVIDER_C:
				return TestTokens.as("provider").organization("Organization/" + clinicC).scopes("user/*.cruds").mint();
			case SCHOOL:
				return TestTokens.as("school").organization("Organization/" + school).scopes("user/*.rs").mint();
			case BOARD:
				return TestTokens.as("board-of-health").organization("Organization/" + board).scopes("user/*.rs").mint();
			case PROGRAM:
				return TestTokens.as("public-health-program").organization("Organization/" + program).scopes("user/*.rs").mint();
			default:
				return TestTokens.as("researcher").study("study-" + suffix).scopes("user/*.rs").mint();
		}
	}

	/** What one cell of the suite works with: the requester's client, the patient's records, which of them it may see. */
	record Cell(ConsentHttp http, Records records, Set<String> visible) {}

	Cell cell(Kind kind, State state) {
		return new Cell(http(kind, state), records.get(state), visible(kind, state));
	}

	ConsentHttp http(Kind kind, State state) {
		return http(token(kind, state));
	}

	ConsentHttp http(Kind kind) {
		return http(token(kind, State.OBJECTING));
	}

	ConsentHttp http(String token) {
		return new ConsentHttp(baseUrl, token, fhirContext);
	}

	static Consent objection(String patientId, String organizationId) {
		return RegistryRecords.objection(patientId, organizationId);
	}

	String json(org.hl7.fhir.instance.model.api.IBaseResource resource) {
		return fhirContext.newJsonParser().encodeResourceToString(resource);
	}

	private String organization(ConsentHttp admin, String name, String city, String role) {
		Organization organization = organization(name + " " + suffix, role);
		organization.addAddress().setCity(city);
		return created(admin.post("Organization", json(organization))).substring("Organization/".length());
	}

	static Organization organization(String name, String role) {
		return RegistryRecords.organization(name, role);
	}

	static String created(ConsentHttp.Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		return answer.resource().getIdElement().toUnqualifiedVersionless().getValue();
	}
}
