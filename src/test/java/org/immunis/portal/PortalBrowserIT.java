package org.immunis.portal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.ImmunizationRecommendation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.RegistryIntegrationTest;
import org.immunis.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * The family portal and a SMART app of another origin in a real browser (Debian's chromium, driven by playwright-core
 * from the node scripts in src/test/browser), against this server: the demo parent signs in, picks Ada, sees her shots
 * and what is due, downloads the printable record and the Health Card (verified by a verifier on jose and jsQR that
 * shares nothing with the registry, also from the record's QR codes), objects to data sharing, and a second clinic
 * loses sight of her; the parent withdraws, switches to Leo, denies a launch and signs out. Failed pages leave
 * screenshots in target/browser-tests.
 */
class PortalBrowserIT extends RegistryIntegrationTest {

	private static final Path SCRIPTS = Path.of("src/test/browser");
	private static final Path OUT = Path.of("target/browser-tests").toAbsolutePath();
	private static final String CHILD = "demo-child-1";
	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void aParentUsesThePortalAndTheirObjectionHidesTheChildFromASecondClinic() throws Exception {
		IGenericClient secondClinic = client(TestTokens.as("provider").organization("Organization/demo-clinic-2")
				.scopes("user/*.rs").claim("sub", "hilltop-nurse").mint());
		assertThat(secondClinic.read().resource(Patient.class).withId(CHILD).execute().getBirthDateElement().getValueAsString())
				.isEqualTo("2021-03-10");
		try {
			JsonNode seen = node("portal-family.mjs", "object", registry(), OUT.toString());

			List<String> stored = storedDoses();
			assertThat(seen.get("signedInAs").asText()).contains("Jordan Demo", "3 people");
			assertThat(texts(seen.get("shots"), shot -> shot.get("vaccine").asText() + " " + shot.get("date").asText()))
					.containsExactlyInAnyOrderElementsOf(storedDoseNames());
			assertDueListFollowsTheForecast(seen.get("due"));
			assertThat(seen.get("recordName").asText()).isEqualTo("ada-demo-immunization-record.pdf");
			assertThat(seen.get("cardName").asText()).endsWith(".smart-health-card");
			assertThat(texts(seen.get("card_summary").get("doses"), JsonNode::asText)).containsExactlyInAnyOrderElementsOf(stored);
			assertThat(seen.get("card_summary").get("name").asText()).isEqualTo("Ada Demo");
			assertThePrintedRecordHoldsTheDosesAndItsQrCodesTheCard(Path.of(seen.get("record").asText()), stored);

			assertThat(objectionsInForce()).hasSize(1);
			assertThat(List.of(
							(Runnable) () -> secondClinic.read().resource(Patient.class).withId(CHILD).execute(),
							() -> secondClinic.read().resource(Immunization.class).withId(CHILD + "-dose-1").execute()))
					.allSatisfy(read -> org.assertj.core.api.Assertions.assertThatThrownBy(read::run)
							.isInstanceOf(ResourceNotFoundException.class));
			assertThat(secondClinic.search().byUrl("Immunization?patient=" + CHILD).returnBundle(Bundle.class).execute()
					.getEntry()).isEmpty();

			JsonNode after = node("portal-family.mjs", "withdraw", registry(), OUT.toString());
			assertThat(objectionsInForce()).isEmpty();
			assertThat(after.get("otherShots").asInt()).isPositive();
			assertThat(after.get("denied").asText()).contains("did not allow");
			assertThat(after.get("signedOut").asBoolean()).isTrue();
			assertThat(secondClinic.read().resource(Patient.class).withId(CHILD).execute().getIdElement().getIdPart()).isEqualTo(CHILD);
		} finally {
			// other tests share the demo family: leave no objection behind, whatever failed
			for (Consent objection : objectionsInForce()) {
				client().update().resource(objection.setStatus(Consent.ConsentState.INACTIVE)).execute();
			}
		}
	}

	@Test
	void anUnmodifiedFhirclientAppOnAnotherOriginLaunchesAgainstTheRegistry() throws Exception {
		// fhirclient's own browser build, as the build copies it unchanged for the portal
		Path fhirClient = Path.of("target/classes/static/portal/fhir-client.min.js").toAbsolutePath();

		JsonNode seen = node("standalone-app.mjs", registry(), OUT.toString(), fhirClient.toString());

		assertThat(seen.get("result").asText()).contains("\"patient\":\"Ada Demo\"", "\"fhirUser\":\"Patient/demo-parent\"")
				.doesNotContain("failed");
		assertThat(JSON.readTree(seen.get("result").asText()).get("doses").asInt())
				.isEqualTo(client().search().byUrl("Immunization?patient=" + CHILD + "&_count=200").returnBundle(Bundle.class)
						.execute().getEntry().size());
		assertThat(texts(seen.get("crossOrigin"), JsonNode::asText)).contains(
				"GET /fhir/.well-known/smart-configuration", "POST /oauth2/token", "GET /fhir/Patient/" + CHILD);
	}

	private String registry() {
		// the portal's redirect URI is a loopback one, which the authorization server matches on any port
		return "http://127.0.0.1:" + port;
	}

	private List<String> storedDoses() {
		return storedImmunizations().stream().map(dose -> dose.getVaccineCode().getCodingFirstRep().getCode() + " "
				+ dose.getOccurrenceDateTimeType().getValueAsString().substring(0, 10)).toList();
	}

	private List<String> storedDoseNames() {
		return storedImmunizations().stream().map(dose -> dose.getVaccineCode().getCodingFirstRep().getDisplay() + " "
				+ dose.getOccurrenceDateTimeType().getValueAsString().substring(0, 10)).toList();
	}

	private List<Immunization> storedImmunizations() {
		return client().search().byUrl("Immunization?patient=" + CHILD + "&_count=200").returnBundle(Bundle.class).execute()
				.getEntry().stream().map(entry -> (Immunization) entry.getResource())
				.filter(dose -> dose.getStatus() == Immunization.ImmunizationStatus.COMPLETED).toList();
	}

	private List<Consent> objectionsInForce() {
		return client().search().byUrl("Consent?patient=" + CHILD + "&status=active").returnBundle(Bundle.class).execute()
				.getEntry().stream().map(entry -> (Consent) entry.getResource()).toList();
	}

	// Overdue first, then due now, then next; every group the forecast says is overdue is listed as overdue.
	private void assertDueListFollowsTheForecast(JsonNode due) {
		Parameters forecast = client().operation().onInstance("Patient/" + CHILD).named("$immds-forecast")
				.withNoParameters(Parameters.class).useHttpGet().execute();
		ImmunizationRecommendation recommendation = (ImmunizationRecommendation) forecast.getParameter("recommendation").getResource();
		List<ImmunizationRecommendation.ImmunizationRecommendationRecommendationComponent> open = recommendation.getRecommendation()
				.stream().filter(r -> "notComplete".equals(r.getForecastStatus().getCodingFirstRep().getCode())).toList();
		List<String> overdue = open.stream().filter(r -> dated(r, "59778-1", LocalDate.now()))
				.map(r -> r.getVaccineCodeFirstRep().getText()).toList();
		long withinAYear = open.stream().filter(r -> dated(r, "30980-7", LocalDate.now().plusDays(365))).count();
		List<String> kinds = texts(due, item -> item.get("kind").asText());
		assertThat(kinds).hasSizeGreaterThanOrEqualTo((int) withinAYear)
				.isSortedAccordingTo(java.util.Comparator.comparing(List.of("overdue", "due-now", "next")::indexOf));
		assertThat(texts(due, item -> item.get("kind").asText() + " " + item.get("vaccine").asText()))
				.filteredOn(text -> text.startsWith("overdue ")).hasSize(overdue.size())
				.allSatisfy(text -> assertThat(overdue).anySatisfy(group -> assertThat(text).contains(group)));
		assertThat(texts(due, item -> item.get("when").asText())).allSatisfy(when -> assertThat(when).matches(".*\\d{4}\\..*"));
	}

	private static boolean dated(ImmunizationRecommendation.ImmunizationRecommendationRecommendationComponent recommendation,
			String loinc, LocalDate onOrBefore) {
		return recommendation.getDateCriterion().stream().anyMatch(date -> loinc.equals(date.getCode().getCodingFirstRep().getCode())
				&& !LocalDate.parse(date.getValueElement().getValueAsString()).isAfter(onOrBefore));
	}

	private void assertThePrintedRecordHoldsTheDosesAndItsQrCodesTheCard(Path pdf, List<String> stored) throws Exception {
		List<String> images = new ArrayList<>();
		try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
			String text = new PDFTextStripper().getText(document);
			assertThat(text).contains("Ada Demo", "Date of birth: 2021-03-10");
			stored.forEach(dose -> assertThat(text).contains(dose.substring(dose.indexOf(' ') + 1)));
			for (PDPage page : document.getPages()) {
				for (COSName name : page.getResources().getXObjectNames()) {
					if (page.getResources().getXObject(name) instanceof PDImageXObject image) {
						Path png = OUT.resolve("record-qr-" + images.size() + ".png");
						ImageIO.write(withQuietZone(image.getImage()), "png", png.toFile());
						images.add(png.toString());
					}
				}
			}
		}
		List<String> arguments = new ArrayList<>(List.of("verify-qr.mjs", registry()));
		arguments.addAll(images);
		JsonNode card = node(arguments.toArray(String[]::new));
		assertThat(card.get("name").asText()).isEqualTo("Ada Demo");
		assertThat(texts(card.get("doses"), JsonNode::asText)).containsExactlyInAnyOrderElementsOf(stored);
	}

	// as a phone's camera sees a printed code: at several pixels a module, with white around it
	private static BufferedImage withQuietZone(BufferedImage code) {
		int scale = Math.max(1, 600 / code.getWidth());
		int border = 8 * scale;
		BufferedImage framed = new BufferedImage(code.getWidth() * scale + 2 * border, code.getHeight() * scale + 2 * border,
				BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = framed.createGraphics();
		graphics.setColor(Color.WHITE);
		graphics.fillRect(0, 0, framed.getWidth(), framed.getHeight());
		graphics.drawImage(code, border, border, code.getWidth() * scale, code.getHeight() * scale, null);
		graphics.dispose();
		return framed;
	}

	private static List<String> texts(JsonNode array, java.util.function.Function<JsonNode, String> text) {
		List<String> texts = new ArrayList<>();
		array.forEach(item -> texts.add(text.apply(item)));
		return texts;
	}

	// runs a script of src/test/browser with the machine's node; its last line is what it saw, as JSON
	private static JsonNode node(String... arguments) throws IOException, InterruptedException {
		Files.createDirectories(OUT);
		List<String> command = new ArrayList<>(List.of("node"));
		command.addAll(List.of(arguments));
		Path log = OUT.resolve(arguments[0] + (arguments.length > 1 ? "-" + arguments[1].replaceAll("\\W", "") : "") + ".log");
		Process process = new ProcessBuilder(command).directory(SCRIPTS.toFile()).redirectErrorStream(true)
				.redirectOutput(log.toFile()).start();
		if (!process.waitFor(4, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("node " + String.join(" ", arguments) + " did not finish in 4 minutes; see " + log);
		}
		List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as("node %s:%n%s", String.join(" ", arguments), String.join("\n", lines)).isZero();
		return JSON.readTree(lines.get(lines.size() - 1));
	}
}
