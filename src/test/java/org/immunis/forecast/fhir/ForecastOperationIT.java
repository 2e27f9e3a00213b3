package org.immunis.forecast.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.immunis.fhir.RegistryRecords.immunization;
import static org.immunis.fhir.RegistryRecords.patient;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.ImmunizationEvaluation;
import org.hl7.fhir.r4.model.ImmunizationRecommendation;
import org.hl7.fhir.r4.model.ImmunizationRecommendation.ImmunizationRecommendationRecommendationComponent;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.immunis.RegistryIntegrationTest;
import org.immunis.TestTokens;
import org.immunis.fhir.FhirHttp;
import org.immunis.fhir.RegistryRecords;
import org.immunis.forecast.AdministeredDose;
import org.immunis.forecast.ForecastEngineBenchmark;
import org.junit.jupiter.api.Test;

class ForecastOperationIT extends RegistryIntegrationTest {

	private static ImmunizationRecommendationRecommendationComponent group(Parameters response, String name) {
		ImmunizationRecommendation recommendation = (ImmunizationRecommendation) response.getParameter("recommendation").getResource();
		return recommendation.getRecommendation().stream()
				.filter(entry -> entry.getVaccineCodeFirstRep().getText().equals(name))
				.findFirst().orElseThrow();
	}

	private static String date(ImmunizationRecommendationRecommendationComponent entry, String loinc) {
		return entry.getDateCriterion().stream()
				.filter(criterion -> criterion.getCode().getCodingFirstRep().getCode().equals(loinc))
				.map(criterion -> criterion.getValueElement().getValueAsString())
				.findFirst().orElse(null);
	}

	/** The registry admin, a clinic and a client of it, and a client of another clinic. */
	private record TwoClinics(IGenericClient admin, String clinic, IGenericClient clinicClient, IGenericClient otherClient) {}

	private TwoClinics twoClinics(String clinicName, String otherName) {
		IGenericClient admin = client();
		String clinic = providerOrganization(admin, clinicName);
		return new TwoClinics(admin, clinic, providerClient(clinic), providerClient(providerOrganization(admin, otherName)));
	}

	private static String providerOrganization(IGenericClient admin, String name) {
		return admin.create().resource(RegistryRecords.organization(name + " " + UUID.randomUUID(), "provider"))
				.execute().getId().getIdPart();
	}

	private IGenericClient providerClient(String organizationId) {
		return client(TestTokens.as("provider").organization("Organization/" + organizationId).scopes("user/*.cruds").mint());
	}

	private static List<ImmunizationEvaluation> evaluations(Parameters response) {
		return response.getParameter().stream()
				.filter(parameter -> parameter.getName().equals("evaluation"))
				.map(parameter -> (ImmunizationEvaluation) parameter.getResource())
				.toList();
	}

	private Parameters infantRequest() {
		Patient infant = patient("Infant", "2023-01-01");
		infant.setId("infant");
		Parameters request = new Parameters();
		request.addParameter().setName("assessmentDate").setValue(new DateType("2023-03-15"));
		request.addParameter().setName("patient").setResource(infant);
		String[][] doses = {{"hepb1", "08", "2023-01-01"}, {"hepb2", "08", "2023-02-01"}, {"dtap1", "20", "2023-01-29"}};
		for (String[] dose : doses) {
			Immunization immunization = immunization("Patient/infant", dose[1], dose[2]);
			immunization.setId(dose[0]);
			request.addParameter().setName("immunization").setResource(immunization);
		}
		return request;
	}

	@Test
	void forecastsFromTheDataInTheRequest() {
		Parameters response = client().operation().onServer().named("$immds-forecast")
				.withParameters(infantRequest()).execute();

		ImmunizationRecommendationRecommendationComponent hepB = group(response, "HepB");
		assertThat(hepB.getForecastStatus().getCodingFirstRep().getCode()).isEqualTo("notComplete");
		assertThat(hepB.getDoseNumberPositiveIntType().getValue()).isEqualTo(3);
		assertThat(date(hepB, "30981-5")).isEqualTo("2023-06-18");
		assertThat(date(hepB, "30980-7")).isEqualTo("2023-07-01");
		assertThat(date(hepB, "59778-1")).isEqualTo("2024-08-28");
		assertThat(evaluations(response)).hasSize(3).anySatisfy(evaluation -> {
			assertThat(evaluation.getImmunizationEvent().getReference()).isEqualTo("Immunization/dtap1");
			assertThat(evaluation.getDoseStatus().getCodingFirstRep().getCode()).isEqualTo("notvalid");
			assertThat(evaluation.getDoseStatusReasonFirstRep().getText()).isEqualTo("Not Valid: Age: Too Young");
		});
		assertThat(response.getParameter("outcome")).isNull();
	}

	@Test
	void conditionsAndObservationsSentAsExtraParametersReachTheEngine() {
		Parameters request = infantRequest();
		Condition varicella = new Condition();
		varicella.getCode().addCoding(new Coding(ForecastCodes.SNOMED, "38907003", "Varicella"));
		request.addParameter().setName("condition").setResource(varicella);
		Observation hepBImmunity = new Observation();
		hepBImmunity.setStatus(Observation.ObservationStatus.FINAL);
		hepBImmunity.getCode().addCoding(new Coding(ForecastCodes.SNOMED, "271511000", "Hepatitis B immune"));
		request.addParameter().setName("observation").setResource(hepBImmunity);

		Parameters response = client().operation().onServer().named("$immds-forecast").withParameters(request).execute();

		assertThat(group(response, "Varicella").getForecastStatus().getCodingFirstRep().getCode()).isEqualTo("immune");
		assertThat(group(response, "HepB").getForecastStatus().getCodingFirstRep().getCode()).isEqualTo("immune");
		assertThat(group(response, "MMR").getForecastStatus().getCodingFirstRep().getCode()).isEqualTo("notComplete");
	}

	@Test
	void forecastsAStoredPatientFromItsStoredImmunizations() {
		IGenericClient client = client();
		String patientId = client.create().resource(patient("Stored", "2023-01-01")).execute().getId().toUnqualifiedVersionless().getValue();
		String hepB1 = client.create().resource(immunization(patientId, "08", "2023-01-01")).execute().getId().toUnqualifiedVersionless().getValue();
		client.create().resource(immunization(patientId, "08", "2023-02-01")).execute();

		HttpResponse<String> http = new FhirHttp(baseUrl()).get(patientId + "/$immds-forecast?assessmentDate=2023-03-15");

		assertThat(http.statusCode()).isEqualTo(200);
		Parameters response = fhirContext.newJsonParser().parseResource(Parameters.class, http.body());
		ImmunizationRecommendation recommendation = (ImmunizationRecommendation) response.getParameter("recommendation").getResource();
		assertThat(recommendation.getPatient().getReference()).isEqualTo(patientId);
		assertThat(date(group(response, "HepB"), "30981-5")).isEqualTo("2023-06-18");
		assertThat(group(response, "HepB").getSupportingImmunization()).extracting(Reference::getReference).contains(hepB1);
		assertThat(evaluations(response)).hasSize(2);
		assertThat(response.getParameter("outcome")).isNull();
	}

	@Test
	void countsEveryStoredDoseNotOnlyTheFirstPage() {
		LocalDate birth = LocalDate.now().minusYears(15).minusDays(14);
		List<AdministeredDose> history = ForecastEngineBenchmark.childhoodHistory(birth);
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		String patientUuid = "urn:uuid:" + UUID.randomUUID();
		bundle.addEntry().setFullUrl(patientUuid).setResource(patient("Teen", birth.toString()))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		history.forEach(dose -> bundle.addEntry()
				.setResource(immunization(patientUuid, dose.cvx(), dose.dateAdministered().toString()))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Immunization"));
		IGenericClient client = client();
		String patientId = new IdType(client.transaction().withBundle(bundle).execute().getEntryFirstRep().getResponse()
				.getLocation()).toUnqualifiedVersionless().getValue();

		Parameters response = client.operation().onInstance(patientId).named("$immds-forecast")
				.withNoParameters(Parameters.class).useHttpGet().execute();

		assertThat(evaluations(response).stream().map(evaluation -> evaluation.getImmunizationEvent().getReference())
				.distinct()).hasSize(history.size());
		assertThat(group(response, "HPV").getForecastStatus().getCodingFirstRep().getCode()).isEqualTo("complete");
	}

	@Test
	void countsEachStoredDoseInItsCurrentVersionAndNoDeletedOrOtherPatientsDose() {
		IGenericClient client = client();
		String patientId = client.create().resource(patient("Changed", "2023-01-01")).execute().getId().toUnqualifiedVersionless().getValue();
		String otherPatient = client.create().resource(patient("Sibling", "2023-01-01")).execute().getId().toUnqualifiedVersionless().getValue();
		String hepB1 = client.create().resource(immunization(patientId, "08", "2023-01-01")).execute().getId().toUnqualifiedVersionless().getValue();
		String hepB2 = client.create().resource(immunization(patientId, "08", "2023-02-01")).execute().getId().toUnqualifiedVersionless().getValue();
		String corrected = client.create().resource(immunization(patientId, "08", "2023-02-15")).execute().getId().toUnqualifiedVersionless().getValue();
		Immunization dtap = immunization(patientId, "20", "2023-03-01");
		dtap.setId(corrected);
		client.update().resource(dtap).execute();
		String deleted = client.create().resource(immunization(patientId, "08", "2023-03-01")).execute().getId().toUnqualifiedVersionless().getValue();
		client.delete().resourceById(new IdType(deleted)).execute();
		client.create().resource(immunization(otherPatient, "08", "2023-01-02")).execute();

		Parameters response = client.operation().onInstance(patientId).named("$immds-forecast")
				.withParameter(Parameters.class, "assessmentDate", new DateType("2023-04-01")).useHttpGet().execute();

		assertThat(evaluations(response).stream().map(evaluation -> evaluation.getImmunizationEvent().getReference()).distinct())
				.containsExactlyInAnyOrder(hepB1, hepB2, corrected);
		assertThat(evaluations(response).stream().filter(evaluation -> evaluation.getImmunizationEvent().getReference().equals(corrected))
				.map(ImmunizationEvaluation::getSeries)).isNotEmpty().doesNotContain("HepB");
	}

	@Test
	void aPatientHiddenFromTheRequesterAnswersExactlyLikeAnUnknownId() throws Exception {
		IGenericClient admin = client();
		String clinic = providerOrganization(admin, "Objection clinic");
		String patientId = admin.create().resource(patient("Withdrawn", "2016-06-06")).execute().getId().getIdPart();
		admin.create().resource(immunization("Patient/" + patientId, "08", "2016-06-06")).execute();
		admin.create().resource(RegistryRecords.objection(patientId, clinic)).execute();
		String unknownId = UUID.randomUUID().toString();
		String stranger = TestTokens.as("provider").organization("Organization/stranger-" + UUID.randomUUID()).scopes("user/*.rs").mint();

		HttpResponse<String> hidden = getAs(stranger, "Patient/" + patientId + "/$immds-forecast");
		HttpResponse<String> unknown = getAs(stranger, "Patient/" + unknownId + "/$immds-forecast");

		assertThat(hidden.statusCode()).isEqualTo(404).isEqualTo(unknown.statusCode());
		assertThat(hidden.body().replace(patientId, "ID")).isEqualTo(unknown.body().replace(unknownId, "ID"));
		HttpResponse<String> hiddenRead = getAs(stranger, "Patient/" + patientId);
		HttpResponse<String> unknownRead = getAs(stranger, "Patient/" + unknownId);
		assertThat(hiddenRead.statusCode()).isEqualTo(404).isEqualTo(unknownRead.statusCode());
		assertThat(hiddenRead.body().replace(patientId, "ID")).isEqualTo(unknownRead.body().replace(unknownId, "ID"));
	}

	@Test
	void aDeletedPatientAnswersExactlyLikeAnUnknownId() throws Exception {
		IGenericClient admin = client();
		String clinic = providerOrganization(admin, "Deleting clinic");
		String patientId = admin.create().resource(patient("Removed", "2017-07-07")).execute().getId().getIdPart();
		admin.delete().resourceById(new IdType("Patient", patientId)).execute();
		String unknownId = UUID.randomUUID().toString();
		String token = TestTokens.as("provider").organization("Organization/" + clinic).scopes("user/*.cruds").mint();

		HttpResponse<String> deleted = getAs(token, "Patient/" + patientId + "/$immds-forecast");
		HttpResponse<String> unknown = getAs(token, "Patient/" + unknownId + "/$immds-forecast");

		assertThat(deleted.statusCode()).isEqualTo(404).isEqualTo(unknown.statusCode());
		assertThat(deleted.body().replace(patientId, "ID")).isEqualTo(unknown.body().replace(unknownId, "ID"));
	}

	private HttpResponse<String> getAs(String token, String path) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/" + path))
				.header("Accept", "application/fhir+json").header("Authorization", "Bearer " + token).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static Condition varicellaHistory(String patientId) {
		Condition varicella = new Condition();
		varicella.setSubject(new Reference(patientId));
		varicella.getCode().addCoding(new Coding(ForecastCodes.SNOMED, "38907003", "Varicella"));
		return varicella;
	}

	private static String status(Parameters response, String group) {
		return group(response, group).getForecastStatus().getCodingFirstRep().getCode();
	}

	@Test
	void aStoredConditionDecidesTheStoredPatientsForecastForWhoeverMayReadIt() {
		TwoClinics clinics = twoClinics("Condition clinic", "Second clinic");
		String patientId = clinics.clinicClient().create().resource(patient("Chickenpox", "2014-04-04")).execute().getId()
				.toUnqualifiedVersionless().getValue();
		clinics.clinicClient().create().resource(varicellaHistory(patientId)).execute();
		IGenericClient withoutConditionScope = client(TestTokens.as("provider").organization("Organization/" + clinics.clinic())
				.scopes("user/Patient.rs user/Immunization.rs").mint());

		Parameters byClinic = clinics.clinicClient().operation().onInstance(patientId).named("$immds-forecast")
				.withNoParameters(Parameters.class).useHttpGet().execute();
		Parameters byNarrowScopes = withoutConditionScope.operation().onInstance(patientId).named("$immds-forecast")
				.withNoParameters(Parameters.class).useHttpGet().execute();

		assertThat(status(byClinic, "Varicella")).isEqualTo("immune");
		assertThat(status(byNarrowScopes, "Varicella")).isEqualTo("notComplete");
	}

	@Test
	void anObjectingPatientsConditionRecordedByAnotherClinicIsNotUsedForThisClinic() {
		TwoClinics clinics = twoClinics("Own clinic", "Diagnosing clinic");
		String patientId = clinics.clinicClient().create().resource(patient("Private", "2014-05-05")).execute().getId()
				.toUnqualifiedVersionless().getValue();
		clinics.clinicClient().create().resource(immunization(patientId, "08", "2014-05-05")).execute();
		clinics.otherClient().create().resource(varicellaHistory(patientId)).execute();
		clinics.admin().create().resource(RegistryRecords.objection(patientId.substring("Patient/".length()), clinics.clinic())).execute();

		Parameters byClinic = clinics.clinicClient().operation().onInstance(patientId).named("$immds-forecast")
				.withNoParameters(Parameters.class).useHttpGet().execute();
		Parameters byAdmin = clinics.admin().operation().onInstance(patientId).named("$immds-forecast")
				.withNoParameters(Parameters.class).useHttpGet().execute();
		Bundle clinicsConditions = clinics.clinicClient().search().forResource(Condition.class)
				.where(Condition.PATIENT.hasId(patientId)).returnBundle(Bundle.class).execute();

		assertThat(status(byClinic, "Varicella")).isEqualTo("notComplete");
		assertThat(clinicsConditions.getEntry()).isEmpty();
		assertThat(status(byAdmin, "Varicella")).isEqualTo("immune");
	}

	@Test
	void anObjectingPatientsProviderGetsAForecastFromItsOwnShotsAndAWarning() {
		TwoClinics clinics = twoClinics("Forecast clinic", "Other clinic");
		String patientId = clinics.clinicClient().create().resource(patient("Objecting", "2015-05-05")).execute().getId()
				.toUnqualifiedVersionless().getValue();
		String ownShot = clinics.clinicClient().create().resource(immunization(patientId, "08", "2015-05-05")).execute().getId()
				.toUnqualifiedVersionless().getValue();
		clinics.otherClient().create().resource(immunization(patientId, "08", "2015-06-10")).execute();
		clinics.admin().create().resource(RegistryRecords.objection(patientId.substring("Patient/".length()), clinics.clinic())).execute();

		Parameters response = clinics.clinicClient().operation().onInstance(patientId).named("$immds-forecast")
				.withNoParameters(Parameters.class).useHttpGet().execute();

		OperationOutcome outcome = (OperationOutcome) response.getParameter("outcome").getResource();
		assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.WARNING);
		assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.INCOMPLETE);
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("may be incomplete");
		assertThat(evaluations(response).stream().map(evaluation -> evaluation.getImmunizationEvent().getReference()).distinct())
				.containsExactly(ownShot);
		assertThat(response.getParameter("recommendation")).isNotNull();
	}

	@Test
	void anObjectingPatientsProviderFindsItsShotsAmongMoreOthersThanAPageHolds() {
		TwoClinics clinics = twoClinics("Late clinic", "Busy clinic");
		LocalDate birth = LocalDate.of(2015, 7, 7);
		String patientId = clinics.clinicClient().create().resource(patient("Crowded", birth.toString())).execute().getId()
				.toUnqualifiedVersionless().getValue();
		Bundle othersShots = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		// more than a page of a search holds (the server's default page size, 20): the forecast reads no pages
		for (int day = 0; day < 40; day++) {
			othersShots.addEntry().setResource(immunization(patientId, "08", birth.plusDays(day).toString()))
					.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Immunization");
		}
		clinics.otherClient().transaction().withBundle(othersShots).execute();
		String ownShot = clinics.clinicClient().create().resource(immunization(patientId, "03", "2016-07-10")).execute().getId()
				.toUnqualifiedVersionless().getValue();
		clinics.admin().create().resource(RegistryRecords.objection(patientId.substring("Patient/".length()), clinics.clinic())).execute();

		Parameters response = clinics.clinicClient().operation().onInstance(patientId).named("$immds-forecast")
				.withNoParameters(Parameters.class).useHttpGet().execute();

		assertThat(evaluations(response).stream().map(evaluation -> evaluation.getImmunizationEvent().getReference()).distinct())
				.containsExactly(ownShot);
	}

	@Test
	void anotherProviderCannotForecastAnObjectingPatientItNeverVaccinated() {
		IGenericClient admin = client();
		String clinic = providerOrganization(admin, "Filing clinic");
		String patientId = admin.create().resource(patient("Hidden", "2016-06-06")).execute().getId().getIdPart();
		admin.create().resource(RegistryRecords.objection(patientId, clinic)).execute();
		IGenericClient stranger = client(TestTokens.as("provider").organization("Organization/stranger-" + UUID.randomUUID())
				.scopes("user/*.rs").mint());

		assertThatThrownBy(() -> stranger.operation().onInstance("Patient/" + patientId).named("$immds-forecast")
				.withNoParameters(Parameters.class).useHttpGet().execute())
				.isInstanceOf(ResourceNotFoundException.class);
	}

	@Test
	void badInputIsRefusedWithAnOperationOutcome() {
		FhirHttp http = new FhirHttp(baseUrl());
		HttpResponse<String> noPatient = http.post("$immds-forecast",
				"{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"assessmentDate\",\"valueDate\":\"2024-01-01\"}]}");
		assertThat(noPatient.statusCode()).isEqualTo(400);
		assertThat(noPatient.body()).contains("OperationOutcome").contains("'patient'");

		Parameters unknownCvx = infantRequest();
		((Immunization) unknownCvx.getParameter().get(2).getResource()).getVaccineCode().getCodingFirstRep().setCode("777");
		HttpResponse<String> unknown = http.post("$immds-forecast", fhirContext.newJsonParser().encodeResourceToString(unknownCvx));
		assertThat(unknown.statusCode()).isEqualTo(422);
		assertThat(unknown.body()).contains("OperationOutcome").contains("unknown CVX code '777'");

		Parameters beforeBirth = infantRequest();
		beforeBirth.setParameter("assessmentDate", new DateType("2022-01-01"));
		HttpResponse<String> early = http.post("$immds-forecast", fhirContext.newJsonParser().encodeResourceToString(beforeBirth));
		assertThat(early.statusCode()).isEqualTo(422);
		assertThat(early.body()).contains("before the patient's birth date");

		assertThat(http.get("Patient/no-such-patient/$immds-forecast").statusCode()).isEqualTo(404);
	}
}
