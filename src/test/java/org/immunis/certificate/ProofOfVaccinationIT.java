package org.immunis.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.immunis.RegistryIntegrationTest;
import org.immunis.TestTokens;
import org.immunis.fhir.RegistryRecords;
import org.junit.jupiter.api.Test;

/**
 * Proof of vaccination over real HTTP: Health Cards checked by a verifier the registry did not write, the printable
 * record read back with PDFBox and its QR codes with ZXing, who may get them, and bad input.
 */
class ProofOfVaccinationIT extends RegistryIntegrationTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final String IMMUNIZATION_CARD = "https://smarthealth.cards#immunization";

	/** A clinic (its id, name and a provider token), a child it vaccinated, and the doses, oldest first. */
	private record Vaccinated(String clinic, String clinicName, String clinicToken, String family, String patientId,
			List<Immunization> doses) {}

	private Vaccinated vaccinatedChild(String family) {
		IGenericClient admin = client();
		String clinicName = "Proof clinic " + UUID.randomUUID().toString().substring(0, 8);
		String clinic = admin.create().resource(RegistryRecords.organization(clinicName, "provider")).execute().getId().getIdPart();
		String token = providerToken(clinic, "proof-" + UUID.randomUUID());
		IGenericClient provider = client(token);
		String patientId = provider.create().resource(RegistryRecords.patient(family, "2023-01-01")).execute().getId().getIdPart();
		List<Immunization> doses = new ArrayList<>();
		String[][] given = {{"08", "2023-01-01"}, {"20", "2023-01-20"}, {"08", "2023-02-01"}, {"20", "2023-03-01"}, {"03", "2024-01-05"}};
		for (String[] dose : given) {
			Immunization immunization = RegistryRecords.immunization("Patient/" + patientId, dose[0], dose[1]);
			immunization.addPerformer().setActor(new Reference("Organization/" + clinic));
			String id = provider.create().resource(immunization).execute().getId().getIdPart();
			doses.add(provider.read().resource(Immunization.class).withId(id).execute());
		}
		return new Vaccinated(clinic, clinicName, token, family, patientId, doses);
	}

	private static String providerToken(String organization, String subject) {
		return TestTokens.as("provider").organization("Organization/" + organization).scopes("user/*.cruds")
				.claim("sub", subject).mint();
	}

	private static String parentToken(String patientId, String subject) {
		return TestTokens.as("patient").patients(patientId).scopes("patient/*.read").claim("sub", subject).mint();
	}

	private HttpResponse<byte[]> send(String token, String method, String path, String body, String accept) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/" + path))
				.header("Authorization", "Bearer " + token).header("Accept", accept);
		if (body == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		} else {
			request.header("Content-Type", "application/fhir+json").method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private HttpResponse<byte[]> issue(String token, String patientId, Parameters request) {
		return send(token, "POST", "Patient/" + patientId + "/$health-cards-issue",
				fhirContext.newJsonParser().encodeResourceToString(request), "application/fhir+json");
	}

	private static Parameters cardRequest(String... credentialTypes) {
		Parameters request = new Parameters();
		for (String type : credentialTypes) {
			request.addParameter().setName("credentialType").setValue(new org.hl7.fhir.r4.model.UriType(type));
		}
		return request;
	}

	private Parameters parameters(HttpResponse<byte[]> response) {
		assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
		return fhirContext.newJsonParser().parseResource(Parameters.class, new String(response.body(), StandardCharsets.UTF_8));
	}

	private OperationOutcome outcome(HttpResponse<byte[]> response, int status) {
		String body = new String(response.body(), StandardCharsets.UTF_8);
		assertThat(response.statusCode()).as(body).isEqualTo(status);
		return fhirContext.newJsonParser().parseResource(OperationOutcome.class, body);
	}

	private static List<String> credentials(Parameters response) {
		return response.getParameter().stream().filter(parameter -> parameter.getName().equals("verifiableCredential"))
				.map(parameter -> parameter.getValue().primitiveValue()).toList();
	}

	private String issuer() {
		return "http://localhost:" + port;
	}

	/** The card compared with the stored record: the patient's name only, and each dose's CVX, date, lot and performer. */
	private static void assertCardHolds(Bundle bundle, Vaccinated child, List<Immunization> expected) {
		assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
		assertThat(bundle.getEntry()).hasSize(expected.size() + 1);
		for (int i = 0; i < bundle.getEntry().size(); i++) {
			assertThat(bundle.getEntry().get(i).getFullUrl()).isEqualTo("resource:" + i);
			assertThat(bundle.getEntry().get(i).getResource().hasMeta()).isFalse();
		}
		Patient patient = (Patient) bundle.getEntryFirstRep().getResource();
		assertThat(patient.getNameFirstRep().getFamily()).isEqualTo(child.family());
		assertThat(patient.getNameFirstRep().getGiven()).extracting(given -> given.getValue()).containsExactly("Test");
		assertThat(patient.hasIdentifier() || patient.hasGender() || patient.hasText()).isFalse();
		for (int i = 0; i < expected.size(); i++) {
			Immunization card = (Immunization) bundle.getEntry().get(i + 1).getResource();
			Immunization stored = expected.get(i);
			assertThat(card.getStatus()).isEqualTo(Immunization.ImmunizationStatus.COMPLETED);
			assertThat(card.getVaccineCode().getCodingFirstRep().getSystem()).isEqualTo("http://hl7.org/fhir/sid/cvx");
			assertThat(card.getVaccineCode().getCodingFirstRep().getCode()).isEqualTo(stored.getVaccineCode().getCodingFirstRep().getCode());
			assertThat(card.getVaccineCode().getCodingFirstRep().hasDisplay()).isFalse();
			assertThat(card.getPatient().getReference()).isEqualTo("resource:0");
			assertThat(card.getOccurrenceDateTimeType().getValueAsString()).isEqualTo(stored.getOccurrenceDateTimeType().getValueAsString());
			assertThat(card.getLotNumber()).isEqualTo(stored.getLotNumber());
			assertThat(card.getPerformerFirstRep().getActor().getDisplay()).isEqualTo(child.clinicName());
			assertThat(card.getPerformerFirstRep().getActor().hasReference()).isFalse();
		}
	}

	@Test
	void aParentsHealthCardIsVerifiedWithTheKeysTheRegistryPublishes() throws Exception {
		Vaccinated child = vaccinatedChild("Carded");
		String parent = parentToken(child.patientId(), "parent-" + UUID.randomUUID());

		Parameters response = parameters(issue(parent, child.patientId(), cardRequest(IMMUNIZATION_CARD)));

		List<String> cards = credentials(response);
		assertThat(cards).hasSize(1);
		HealthCardVerifier.Verified verified = HealthCardVerifier.verify(cards.get(0), issuer(), fhirContext);
		assertCardHolds(verified.bundle(), child, child.doses());
		assertThat(((Patient) verified.bundle().getEntryFirstRep().getResource()).getBirthDateElement().getValueAsString()).isEqualTo("2023-01-01");
		assertThat(verified.claims().path("vc").path("type").toString()).contains(IMMUNIZATION_CARD);
		List<Parameters.ParametersParameterComponent> links = response.getParameter().stream()
				.filter(parameter -> parameter.getName().equals("resourceLink")).toList();
		assertThat(links).hasSize(child.doses().size());
		for (int i = 0; i < links.size(); i++) {
			String bundled = "resource:" + (i + 1);
			assertThat(links.get(i).getPart()).anySatisfy(part -> {
				assertThat(part.getName()).isEqualTo("vcIndex");
				assertThat(part.getValue().primitiveValue()).isEqualTo("0");
			});
			assertThat(links.get(i).getPart()).anySatisfy(part -> {
				assertThat(part.getName()).isEqualTo("bundledResource");
				assertThat(part.getValue().primitiveValue()).isEqualTo(bundled);
			});
			String storedId = child.doses().get(i).getIdElement().getIdPart();
			assertThat(links.get(i).getPart()).anySatisfy(part -> {
				assertThat(part.getName()).isEqualTo("hostedResource");
				assertThat(part.getValue().primitiveValue()).isEqualTo(baseUrl() + "/Immunization/" + storedId);
			});
		}
	}

	@Test
	void theCardAsQrCodesReadsBackToTheSameCard() throws Exception {
		Vaccinated child = vaccinatedChild("Scanned");
		String jws = credentials(parameters(issue(child.clinicToken(), child.patientId(), cardRequest(IMMUNIZATION_CARD)))).get(0);

		List<String> read = new ArrayList<>();
		for (String content : HealthCardQr.contents(jws)) {
			BufferedImage image = HealthCardQr.image(content);
			read.add(HealthCardVerifier.readQr(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png(image)))));
		}

		assertThat(HealthCardVerifier.jwsFromQrTexts(read)).isEqualTo(jws);
		HealthCardVerifier.verify(HealthCardVerifier.jwsFromQrTexts(read), issuer(), fhirContext);
	}

	private static byte[] png(BufferedImage image) throws IOException {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		javax.imageio.ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	@Test
	void getWithTheSameParametersIssuesTheSameCardAndSinceLimitsItsDoses() throws Exception {
		Vaccinated child = vaccinatedChild("Gotten");
		String path = "Patient/" + child.patientId() + "/$health-cards-issue?credentialType="
				+ URLEncoder.encode(IMMUNIZATION_CARD, StandardCharsets.UTF_8) + "&_since=2023-02-01&includeIdentityClaim=Patient.name";

		Parameters response = parameters(send(child.clinicToken(), "GET", path, null, "application/fhir+json"));

		HealthCardVerifier.Verified verified = HealthCardVerifier.verify(credentials(response).get(0), issuer(), fhirContext);
		assertCardHolds(verified.bundle(), child, child.doses().subList(2, child.doses().size()));
		assertThat(((Patient) verified.bundle().getEntryFirstRep().getResource()).hasBirthDate()).isFalse();
	}

	@Test
	void thePrintableRecordShowsTheDosesWhatIsDueAndCarriesTheCard() throws Exception {
		Vaccinated child = vaccinatedChild("Printed");
		String parent = parentToken(child.patientId(), "parent-" + UUID.randomUUID());

		HttpResponse<byte[]> response = send(parent, "GET", "Patient/" + child.patientId() + "/$printable-record", null, "application/pdf");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
		try (PDDocument pdf = Loader.loadPDF(response.body())) {
			String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
			assertThat(text).contains("immunis immunization registry", "Test Printed", "Date of birth: 2023-01-01",
					"Issued: " + LocalDate.now(), "HepB", "DTaP/Tdap/Td", "MMR", "Hep B, adolescent or pediatric", "DTaP",
					"2023-01-01", "2023-02-01", "2023-03-01", "2024-01-05", "Due");
			assertThat(text).contains("2023-03-01 DTaP Yes", "2024-01-05 MMR Yes").doesNotContain("may be incomplete");
			// DTaP at 19 days old is too young: CDSi says it does not count
			assertThat(text).contains("2023-01-20 DTaP No (Not Valid: Age: Too Young");
			List<String> read = new ArrayList<>();
			for (BufferedImage image : images(pdf)) {
				read.add(HealthCardVerifier.readQr(image));
			}
			assertThat(read).isNotEmpty();
			HealthCardVerifier.Verified verified = HealthCardVerifier.verify(HealthCardVerifier.jwsFromQrTexts(read), issuer(), fhirContext);
			assertCardHolds(verified.bundle(), child, child.doses());
		}
	}

	private static List<BufferedImage> images(PDDocument pdf) throws IOException {
		List<BufferedImage> images = new ArrayList<>();
		for (PDPage page : pdf.getPages()) {
			for (COSName name : page.getResources().getXObjectNames()) {
				if (page.getResources().getXObject(name) instanceof PDImageXObject image) {
					images.add(image.getImage());
				}
			}
		}
		return images;
	}

	@Test
	void anObjectingPatientsSecondProviderGetsAProofOfItsOwnDosesThatSaysItMayBeIncomplete() throws Exception {
		Vaccinated child = vaccinatedChild("Objecting");
		String second = client().create().resource(RegistryRecords.organization("Second clinic " + UUID.randomUUID(), "provider"))
				.execute().getId().getIdPart();
		String secondToken = providerToken(second, "second-" + UUID.randomUUID());
		Immunization own = RegistryRecords.immunization("Patient/" + child.patientId(), "10", "2024-03-01");
		String ownId = client(secondToken).create().resource(own).execute().getId().getIdPart();
		client().create().resource(RegistryRecords.objection(child.patientId(), child.clinic())).execute();

		Parameters response = parameters(issue(secondToken, child.patientId(), cardRequest(IMMUNIZATION_CARD)));
		HttpResponse<byte[]> pdfResponse = send(secondToken, "GET", "Patient/" + child.patientId() + "/$printable-record", null, "application/pdf");

		Bundle card = HealthCardVerifier.verify(credentials(response).get(0), issuer(), fhirContext).bundle();
		assertThat(card.getEntry()).hasSize(2);
		assertThat(((Immunization) card.getEntry().get(1).getResource()).getVaccineCode().getCodingFirstRep().getCode()).isEqualTo("10");
		assertThat(response.toString()).doesNotContain(child.doses().get(0).getIdElement().getIdPart());
		assertThat(new String(fhirContext.newJsonParser().encodeResourceToString(response))).contains("Immunization/" + ownId)
				.doesNotContain(child.doses().get(0).getIdElement().getIdPart());
		assertThat(pdfResponse.statusCode()).isEqualTo(200);
		try (PDDocument pdf = Loader.loadPDF(pdfResponse.body())) {
			String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
			assertThat(text).contains(PrintableRecord.INCOMPLETE_NOTE);
			String doses = text.substring(text.indexOf("Counts toward the series") + "Counts toward the series".length(), text.indexOf(" Due "));
			assertThat(doses.trim()).isEqualTo("Polio 2024-03-01 IPV Yes");
		}
		// the first clinic, which recorded the rest, still gets the whole record (the objection lets it see its own)
		Bundle firstCard = HealthCardVerifier.verify(credentials(parameters(issue(child.clinicToken(), child.patientId(),
				cardRequest(IMMUNIZATION_CARD)))).get(0), issuer(), fhirContext).bundle();
		assertThat(firstCard.getEntry()).hasSize(child.doses().size() + 1);
	}

	@Test
	void aHiddenPatientAnswersExactlyAsAnUnknownOne() {
		Vaccinated child = vaccinatedChild("Hidden");
		client().create().resource(RegistryRecords.objection(child.patientId(), child.clinic())).execute();
		String stranger = client().create().resource(RegistryRecords.organization("Stranger clinic " + UUID.randomUUID(), "provider"))
				.execute().getId().getIdPart();
		String strangerToken = providerToken(stranger, "stranger-" + UUID.randomUUID());
		String unknown = UUID.randomUUID().toString();

		for (String operation : List.of("$health-cards-issue?credentialType=" + URLEncoder.encode(IMMUNIZATION_CARD, StandardCharsets.UTF_8),
				"$printable-record")) {
			HttpResponse<byte[]> hidden = send(strangerToken, "GET", "Patient/" + child.patientId() + "/" + operation, null, "application/fhir+json");
			HttpResponse<byte[]> none = send(strangerToken, "GET", "Patient/" + unknown + "/" + operation, null, "application/fhir+json");

			assertThat(hidden.statusCode()).isEqualTo(404).isEqualTo(none.statusCode());
			assertThat(new String(hidden.body(), StandardCharsets.UTF_8).replace(child.patientId(), "ID"))
					.isEqualTo(new String(none.body(), StandardCharsets.UTF_8).replace(unknown, "ID"))
					.contains("HAPI-2001");
		}
	}

	@Test
	void schoolsBoardsProgramsAndResearchersAreRefused() {
		Vaccinated child = vaccinatedChild("Refused");
		String school = client().create().resource(RegistryRecords.organization("Proof school " + UUID.randomUUID(), "school"))
				.execute().getId().getIdPart();
		List<String> tokens = List.of(
				TestTokens.as("school").organization("Organization/" + school).scopes("user/*.rs").mint(),
				TestTokens.as("board-of-health").organization("Organization/" + school).scopes("user/*.rs").mint(),
				TestTokens.as("public-health-program").organization("Organization/" + school).scopes("user/*.rs").mint(),
				TestTokens.as("researcher").study("study-1").scopes("user/*.rs").mint());
		for (String token : tokens) {
			for (String patient : List.of(child.patientId(), UUID.randomUUID().toString())) {
				outcome(issue(token, patient, cardRequest(IMMUNIZATION_CARD)), 403);
				outcome(send(token, "GET", "Patient/" + patient + "/$printable-record", null, "application/fhir+json"), 403);
			}
		}
		// a parent only for the children they act for
		String otherParent = parentToken(UUID.randomUUID().toString(), "other-parent");
		outcome(issue(otherParent, child.patientId(), cardRequest(IMMUNIZATION_CARD)), 403);
	}

	@Test
	void badInputGetsAClearOutcomeAndWritesNothingButTheAuditEvent() {
		Vaccinated child = vaccinatedChild("Bad input");
		String subject = "bad-input-" + UUID.randomUUID();
		String token = providerToken(child.clinic(), subject);
		IGenericClient provider = client(token);
		String empty = provider.create().resource(RegistryRecords.patient("Unvaccinated", "2024-05-05")).execute().getId().getIdPart();
		Parameters future = cardRequest(IMMUNIZATION_CARD);
		future.addParameter().setName("_since").setValue(new org.hl7.fhir.r4.model.DateTimeType(LocalDate.now().plusDays(2).toString()));

		assertThat(outcome(issue(token, child.patientId(), future), 400).getIssueFirstRep().getDiagnostics()).contains("_since", "future");
		assertThat(outcome(issue(token, child.patientId(), cardRequest("https://example.org/not-a-card")), 400)
				.getIssueFirstRep().getDiagnostics()).contains("Unknown credentialType");
		assertThat(outcome(issue(token, child.patientId(), cardRequest()), 400).getIssueFirstRep().getDiagnostics()).contains("credentialType");
		assertThat(parameters(issue(token, child.patientId(), cardRequest("https://smarthealth.cards#laboratory"))).getParameter()).isEmpty();
		assertThat(parameters(issue(token, empty, cardRequest(IMMUNIZATION_CARD))).getParameter()).isEmpty();
		assertThat(outcome(send(token, "GET", "Patient/" + empty + "/$printable-record", null, "application/fhir+json"), 422)
				.getIssueFirstRep().getDiagnostics()).contains("no immunizations");
		outcome(issue(token, UUID.randomUUID().toString(), cardRequest(IMMUNIZATION_CARD)), 404);

		assertThat(client().search().forResource(Immunization.class).where(Immunization.PATIENT.hasId(child.patientId()))
				.returnBundle(Bundle.class).execute().getEntry()).hasSize(child.doses().size());
		assertThat(client().history().onInstance("Patient/" + child.patientId()).returnBundle(Bundle.class).execute().getEntry()).hasSize(1);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<AuditEvent> events = auditEventsOf(subject);
			// the patient's creation and the seven proof requests, each recorded for the patient it was about
			assertThat(events).hasSize(8);
			assertThat(events).filteredOn(event -> event.getSubtypeFirstRep().getCode().equals("extended-operation-instance")).hasSize(7)
					.filteredOn(event -> event.getEntity().stream().anyMatch(entity -> ("Patient/" + child.patientId()).equals(entity.getWhat().getReference())))
					.hasSize(4);
		});
	}

	@Test
	void everyProofIssuedIsInThePatientsAuditTrail() {
		Vaccinated child = vaccinatedChild("Audited proof");
		String subject = "audited-parent-" + UUID.randomUUID();
		String parent = parentToken(child.patientId(), subject);

		parameters(issue(parent, child.patientId(), cardRequest(IMMUNIZATION_CARD)));
		assertThat(send(parent, "GET", "Patient/" + child.patientId() + "/$printable-record", null, "application/pdf").statusCode()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(auditEventsOf(subject)).hasSize(2).allSatisfy(event -> {
			assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
			assertThat(event.getEntity()).anySatisfy(entity -> assertThat(entity.getWhat().getReference()).isEqualTo("Patient/" + child.patientId()));
		}));
	}

	private List<AuditEvent> auditEventsOf(String subject) {
		Bundle page = client().search().byUrl("AuditEvent?_count=200&_sort=-date").returnBundle(Bundle.class).execute();
		return page.getEntry().stream().map(entry -> (AuditEvent) entry.getResource())
				.filter(event -> event.getAgent().stream().anyMatch(agent -> subject.equals(agent.getWho().getIdentifier().getValue())))
				.toList();
	}

	@Test
	void theKeysArePublicAndCarryNoPrivatePart() {
		HttpResponse<byte[]> response;
		try {
			// a verifier's web page on another origin reads it too
			response = HTTP.send(HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/jwks.json"))
					.header("Origin", "https://verifier.example").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
		} catch (IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
		String body = new String(response.body(), StandardCharsets.UTF_8);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
		assertThat(body).contains("\"kty\":\"EC\"", "\"crv\":\"P-256\"", "\"use\":\"sig\"", "\"alg\":\"ES256\"").doesNotContain("\"d\"");
	}

	@Test
	void theSmartConfigurationAdvertisesHealthCards() throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/smart-configuration")).GET().build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("capabilities").toString())
				.contains("\"health-cards\"");
	}
}
