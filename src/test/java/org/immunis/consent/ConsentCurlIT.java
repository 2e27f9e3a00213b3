package org.immunis.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.immunis.RegistryIntegrationTest;
import org.immunis.TestTokens;
import org.immunis.fhir.RegistryRecords;
import org.immunis.identity.RecordOwnership;
import org.junit.jupiter.api.Test;

/**
 * The objection and its withdrawal exactly as docs/consent.md shows them with curl: the block is run with bash and curl
 * against the test server (its port, a patient of this test instead of the demo child), and the objection it files as
 * the docs write it is what the profile wants; the same objection naming the organization as author only is refused.
 */
class ConsentCurlIT extends RegistryIntegrationTest {

	private static final Path DOCS = Path.of("docs/consent.md");
	private static final Pattern CURL_BLOCK = Pattern.compile("### File and withdraw with curl.*?```sh\n(.*?)```", Pattern.DOTALL);
	private static final Pattern OBJECTION = Pattern.compile("<<EOF[^\n]*\n(.*?)\nEOF\n", Pattern.DOTALL);
	private static final Pattern FILED = Pattern.compile("filed Consent/([A-Za-z0-9\\-]+)");

	@Test
	void theDocumentedObjectionAndWithdrawalWorkAsWritten() throws Exception {
		String patient = newPatient();
		String script = docsBlock()
				.replace("http://localhost:8080", "http://localhost:" + port)
				.replace("PATIENT=demo-child-2", "PATIENT=" + patient);

		Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true).start();
		assertThat(bash.waitFor(60, TimeUnit.SECONDS)).as("the docs' curl block finishes").isTrue();
		String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(bash.exitValue()).as(output).isZero();

		Matcher filed = FILED.matcher(output);
		assertThat(filed.find()).as(output).isTrue();
		ConsentHttp admin = new ConsentHttp(baseUrl(), TestTokens.admin(), fhirContext);
		ConsentHttp.Answer history = admin.get("Consent/" + filed.group(1) + "/_history");
		assertThat(history.status()).as(history.body()).isEqualTo(200);
		List<Consent> versions = ((Bundle) history.resource()).getEntry().stream()
				.map(entry -> (Consent) entry.getResource()).toList();
		assertThat(versions).extracting(Consent::getStatus)
				.containsExactly(Consent.ConsentState.INACTIVE, Consent.ConsentState.ACTIVE);
		assertThat(versions).allSatisfy(version -> {
			assertThat(version.getPatient().getReference()).isEqualTo("Patient/" + patient);
			assertThat(RecordOwnership.recordedBy(version)).isEqualTo("demo-clinic");
		});
	}

	@Test
	void theDocumentedObjectionWithTheOrganizationAsAuthorOnlyIsRefused() throws Exception {
		String patient = newPatient();
		String objection = documentedObjection().replace("$PATIENT", patient);
		Consent authorOnly = (Consent) fhirContext.newJsonParser().parseResource(objection);
		authorOnly.getProvision().getProvisionFirstRep().getActor()
				.removeIf(actor -> "IRCP".equals(actor.getRole().getCodingFirstRep().getCode()));
		ConsentHttp provider = new ConsentHttp(baseUrl(),
				TestTokens.as("provider").organization("Organization/demo-clinic").scopes("system/*.cruds").mint(), fhirContext);

		ConsentHttp.Answer refused = provider.post("Consent", fhirContext.newJsonParser().encodeResourceToString(authorOnly));
		assertThat(refused.status()).as(refused.body()).isEqualTo(422);
		assertThat(refused.body()).contains("immunis-dso-3").contains("IRCP");

		ConsentHttp.Answer filed = provider.post("Consent", objection);
		assertThat(filed.status()).as(filed.body()).isEqualTo(201);
	}

	private String newPatient() {
		ConsentHttp admin = new ConsentHttp(baseUrl(), TestTokens.admin(), fhirContext);
		ConsentHttp.Answer created = admin.post("Patient",
				fhirContext.newJsonParser().encodeResourceToString(RegistryRecords.patient("Curl", "2019-05-04")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.resource().getIdElement().getIdPart();
	}

	private static String docsBlock() throws IOException {
		Matcher block = CURL_BLOCK.matcher(Files.readString(DOCS));
		assertThat(block.find()).as("docs/consent.md shows the objection with curl").isTrue();
		return block.group(1);
	}

	private static String documentedObjection() throws IOException {
		Matcher objection = OBJECTION.matcher(docsBlock());
		assertThat(objection.find()).as("the curl block sends the objection as a here-document").isTrue();
		return objection.group(1);
	}
}
