package org.immunis.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.immunis.RegistryIntegrationTest;
import org.immunis.TestTokens;
import org.immunis.fhir.RegistryRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leaks found from outside (issue "privacy as one guarantee"), each as it was found: {@code $validate mode=delete}
 * by read-only roles and its deletion of the stored-dose flags, a hidden record named in a validation's message, the
 * roster member of an objecting child, another patient in a guardian's accounting of disclosures.
 */
class PrivacyRegressionIT extends RegistryIntegrationTest {

	private static final String NO_PARAMETERS = "{\"resourceType\":\"Parameters\"}";

	private ConsentHttp admin;
	private String clinicA;
	private String clinicB;
	private String school;
	private String sharing;
	private String objecting;

	@BeforeEach
	void registry() {
		admin = as(TestTokens.admin());
		clinicA = organization("Clinic A", "provider");
		clinicB = organization("Clinic B", "provider");
		school = organization("School", "school");
		sharing = patient(clinicA);
		objecting = patient(clinicA);
		ConsentFixture.created(provider(clinicA).post("Consent", json(RegistryRecords.objection(id(objecting), clinicA))));
	}

	@Test
	void readOnlyRolesCannotValidateADeleteOfAnything() {
		String unknown = "Organization/" + java.util.UUID.randomUUID();
		for (ConsentHttp readOnly : List.of(as(schoolToken()), as(guardianOf(sharing)),
				as(TestTokens.as("researcher").study("s1").scopes("user/*.rs").mint()))) {
			ConsentHttp.Answer directory = readOnly.post("Organization/" + clinicA + "/$validate?mode=delete", NO_PARAMETERS);
			ConsentHttp.Answer nothing = readOnly.post(unknown + "/$validate?mode=delete", NO_PARAMETERS);
			assertThat(directory.status()).as(directory.body()).isEqualTo(403);
			assertThat(directory.body()).doesNotContain(id(sharing)).doesNotContain(id(objecting));
			assertThat(nothing.status()).isEqualTo(403);
		}
	}

	@Test
	void validatingADeleteKeepsTheStoredDoseFlagsAndNamesNoHiddenRecord() {
		String first = ConsentFixture.created(provider(clinicA).post("Immunization",
				json(RegistryRecords.immunization(sharing, "20", "2016-05-01"))));
		String again = ConsentFixture.created(provider(clinicB).post("Immunization",
				json(RegistryRecords.immunization(sharing, "20", "2016-05-01"))));
		List<String> flags = flagsOf(sharing);
		assertThat(flags).as("the same dose reported twice is flagged").isNotEmpty();
		Provenance provenance = new Provenance().setRecorded(new Date());
		provenance.addTarget(new Reference(first)).addTarget(new Reference(again));
		provenance.addAgent().setWho(new Reference("Organization/" + clinicA));
		String hiddenFromProviders = ConsentFixture.created(admin.post("Provenance", json(provenance)));

		for (String dose : List.of(first, again)) {
			String recordedBy = dose.equals(first) ? clinicA : clinicB;
			ConsentHttp.Answer validated = provider(recordedBy).post(dose + "/$validate?mode=delete", NO_PARAMETERS);
			assertThat(validated.status()).as(validated.body()).isIn(200, 409);
			assertThat(validated.body()).doesNotContain(id(hiddenFromProviders));
		}

		assertThat(flagsOf(sharing)).as("a validation changes nothing").containsExactlyInAnyOrderElementsOf(flags);
		assertThat(admin.get(first).status()).isEqualTo(200);
		assertThat(admin.get(again).status()).isEqualTo(200);

		// the same refusal as a batch entry's outcome
		ConsentHttp.Answer batch = provider(clinicA).post("", "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":["
				+ "{\"request\":{\"method\":\"DELETE\",\"url\":\"" + first + "\"}}]}");
		assertThat(batch.status()).as(batch.body()).isEqualTo(200);
		assertThat(batch.body()).contains("409").doesNotContain(id(hiddenFromProviders));
		assertThat(admin.get(first).status()).isEqualTo(200);
	}

	@Test
	void aProviderThatRecordedOnlyAConditionOfAnObjectingPatientSeesThePatientItRefersTo() {
		Condition varicella = new Condition().setSubject(new Reference(objecting));
		varicella.getCode().addCoding().setSystem("http://snomed.info/sct").setCode("38907003");
		String condition = ConsentFixture.created(provider(clinicB).post("Condition", json(varicella)));

		// clinic B sees the condition it recorded, so the patient it names is one clinic B may see, not a hidden one
		ConsentHttp.Answer read = provider(clinicB).get(condition);
		assertThat(read.status()).isEqualTo(200);
		assertThat(((Condition) read.resource()).getSubject().getReference()).isEqualTo(objecting);
		assertThat(provider(clinicB).get(objecting).status()).isEqualTo(200);
	}

	@Test
	void aSchoolsRosterHasNoMemberEntryForAnObjectingChild() {
		Group roster = new Group().setType(Group.GroupType.PERSON).setActual(true).setQuantity(2)
				.setManagingEntity(new Reference("Organization/" + school));
		roster.addMember().setEntity(new Reference(sharing));
		roster.addMember().setEntity(new Reference(objecting));
		String group = ConsentFixture.created(admin.post("Group", json(roster)));

		ConsentHttp.Answer read = as(schoolToken()).get(group);
		assertThat(read.status()).isEqualTo(200);
		Group seen = (Group) read.resource();
		assertThat(seen.getMember()).extracting(member -> member.getEntity().getReference()).containsExactly(sharing);
		assertThat(seen.getQuantity()).isEqualTo(1);
		assertThat(read.body()).doesNotContain(id(objecting));
		ConsentHttp.Answer included = as(schoolToken()).get("Group?_id=" + id(group) + "&_include=Group:member");
		assertThat(included.body()).contains(id(sharing)).doesNotContain(id(objecting));

		// a search by member would tell which hidden child is on the roster: refused alike for any patient
		ConsentHttp.Answer byObjecting = as(schoolToken()).get("Group?member=" + objecting);
		ConsentHttp.Answer bySharing = as(schoolToken()).get("Group?member=" + sharing);
		assertThat(byObjecting.status()).isEqualTo(400).isEqualTo(bySharing.status());
		assertThat(byObjecting.body()).isEqualTo(bySharing.body()).doesNotContain(id(objecting));
	}

	@Test
	void aGuardiansAccountingOfDisclosuresNamesNoOtherPatient() {
		assertThat(provider(clinicB).get("Immunization?patient=" + sharing + "," + objecting).status()).isEqualTo(200);

		ConsentHttp guardian = as(guardianOf(sharing));
		// the search is audited off the request thread: its AuditEvent about this patient comes shortly after
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(guardian.get("AuditEvent?patient=" + sharing
				+ "&_count=100").body()).contains("\"search-type\""));
		ConsentHttp.Answer accounting = guardian.get("AuditEvent?patient=" + sharing + "&_count=100");
		assertThat(accounting.status()).as(accounting.body()).isEqualTo(200);
		assertThat(accounting.body()).doesNotContain(id(objecting)).doesNotContain("\"query\"");
		ConsentHttp.Answer asXml = guardian.get("AuditEvent?patient=" + sharing + "&_count=100&_format=xml");
		assertThat(asXml.body()).doesNotContain(id(objecting)).doesNotContain("<query");
	}

	// HAPI answers a batch's entries on several threads at once, and they share their bundle's request state: the
	// view of each entry must be the same as when they are answered one after the other
	@Test
	void aBatchsEntriesAnsweredAtOnceAreEachShownWithoutTheHiddenPatient() {
		List<String> linked = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			Patient patient = RegistryRecords.patient("Linked", "2016-02-03");
			patient.addLink().setType(Patient.LinkType.SEEALSO).setOther(new Reference(objecting));
			linked.add(ConsentFixture.created(provider(clinicA).post("Patient", json(patient))));
		}
		StringBuilder entries = new StringBuilder();
		for (String patient : linked) {
			entries.append(entries.isEmpty() ? "" : ",").append("{\"request\":{\"method\":\"GET\",\"url\":\"").append(patient).append("\"}}");
		}
		String batch = "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[" + entries + "]}";
		for (int round = 0; round < 20; round++) {
			ConsentHttp.Answer answer = provider(clinicB).post("", batch);
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			Bundle bundle = (Bundle) answer.resource();
			assertThat(bundle.getEntry()).hasSize(linked.size()).allSatisfy(entry -> {
				assertThat(entry.getResponse().getStatus()).startsWith("200");
				assertThat(((Patient) entry.getResource()).getLink()).isEmpty();
			});
			assertThat(answer.body()).doesNotContain(id(objecting));
		}
	}

	private List<String> flagsOf(String patient) {
		ConsentHttp.Answer flags = admin.get("ImmunizationEvaluation?patient=" + patient);
		assertThat(flags.status()).isEqualTo(200);
		return ((Bundle) flags.resource()).getEntry().stream()
				.map(entry -> entry.getResource().getIdElement().toUnqualifiedVersionless().getValue()).toList();
	}

	private String organization(String name, String role) {
		return ConsentFixture.created(admin.post("Organization", json(RegistryRecords.organization(name, role))))
				.substring("Organization/".length());
	}

	private String patient(String clinic) {
		Patient patient = RegistryRecords.patient("Regression", "2016-02-03");
		return ConsentFixture.created(provider(clinic).post("Patient", json(patient)));
	}

	private String schoolToken() {
		return TestTokens.as("school").organization("Organization/" + school).scopes("user/*.rs").mint();
	}

	private static String guardianOf(String patient) {
		return TestTokens.as("patient").patients(id(patient)).scopes("patient/*.rs").mint();
	}

	private ConsentHttp provider(String clinic) {
		return as(TestTokens.as("provider").organization("Organization/" + clinic).scopes("user/*.cruds").mint());
	}

	private ConsentHttp as(String token) {
		return new ConsentHttp(baseUrl(), token, fhirContext);
	}

	private String json(IBaseResource resource) {
		return fhirContext.newJsonParser().encodeResourceToString(resource);
	}

	private static String id(String reference) {
		return reference.substring(reference.indexOf('/') + 1);
	}
}
