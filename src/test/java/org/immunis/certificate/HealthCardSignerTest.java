package org.immunis.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.zip.Inflater;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.immunis.fhir.RegistryRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthCardSignerTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	@TempDir
	Path directory;

	private static Patient storedPatient() {
		Patient patient = RegistryRecords.patient("Stored", "2020-02-02");
		patient.setId("Patient/p1");
		patient.setMeta(new Meta().setVersionId("3"));
		patient.getText().setStatus(Narrative.NarrativeStatus.GENERATED).setDivAsString("<div>Stored</div>");
		patient.addTelecom().setValue("555-0100");
		return patient;
	}

	private static Immunization storedDose(String id, String cvx, String date) {
		Immunization immunization = RegistryRecords.immunization("Patient/p1", cvx, date);
		immunization.setId("Immunization/" + id);
		immunization.getVaccineCode().getCodingFirstRep().setDisplay("shown nowhere");
		immunization.getVaccineCode().setText("not on the card");
		immunization.addPerformer().setActor(new Reference("Organization/clinic"));
		return immunization;
	}

	private static String inflate(byte[] compressed) throws Exception {
		Inflater inflater = new Inflater(true);
		inflater.setInput(compressed);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[1024];
		while (!inflater.finished()) {
			out.write(buffer, 0, inflater.inflate(buffer));
		}
		inflater.end();
		return out.toString(java.nio.charset.StandardCharsets.UTF_8);
	}

	@Test
	void theBundleIsMinimalWithResourceUrisAndLinksBackToTheStoredDoses() {
		HealthCardBundle.Content content = HealthCardBundle.of(storedPatient(),
				List.of(storedDose("a", "08", "2020-02-02"), storedDose("b", "20", "2020-04-02")),
				HealthCardBundle.IDENTITY_CLAIMS, actor -> "Clinic of " + actor.getReference());

		String json = FHIR.newJsonParser().encodeResourceToString(content.bundle());
		assertThat(json).doesNotContain("\"id\"", "\"meta\"", "\"text\"", "shown nowhere", "not on the card", "555-0100", "identifier", "gender")
				.contains("\"fullUrl\":\"resource:0\"", "\"fullUrl\":\"resource:2\"", "\"reference\":\"resource:0\"",
						"\"actor\":{\"display\":\"Clinic of Organization/clinic\"}", "\"lotNumber\":\"LOT-20\"",
						"\"birthDate\":\"2020-02-02\"", "\"family\":\"Stored\"");
		assertThat(content.hostedImmunizations()).containsExactly("Immunization/a", "Immunization/b");
	}

	@Test
	void onlyTheIdentityClaimsAskedForAreOnTheCard() {
		Patient patient = (Patient) HealthCardBundle.of(storedPatient(), List.of(), Set.of(HealthCardBundle.NAME_CLAIM), actor -> null)
				.bundle().getEntryFirstRep().getResource();

		assertThat(patient.hasName()).isTrue();
		assertThat(patient.hasBirthDate()).isFalse();
	}

	@Test
	void theCardIsACompactJwsOfTheDeflatedMinifiedClaims() throws Exception {
		SigningKeyStore keys = SigningKeyStore.open(directory.resolve("key.json"), true);
		Bundle bundle = HealthCardBundle.of(storedPatient(), List.of(storedDose("a", "08", "2020-02-02")),
				HealthCardBundle.IDENTITY_CLAIMS, actor -> "Clinic").bundle();

		String compact = new HealthCardSigner(keys, FHIR).sign("https://registry.example", Instant.ofEpochSecond(1_700_000_000), bundle);

		JWSObject jws = JWSObject.parse(compact);
		assertThat(jws.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
		assertThat(jws.getHeader().getCustomParam("zip")).isEqualTo("DEF");
		assertThat(jws.getHeader().getKeyID()).isEqualTo(keys.signingKey().computeThumbprint().toString());
		assertThat(jws.verify(new ECDSAVerifier(keys.signingKey().toPublicJWK()))).isTrue();
		String payload = inflate(jws.getPayload().toBytes());
		assertThat(payload).doesNotContain("\n", "  ");
		JsonNode claims = new ObjectMapper().readTree(payload);
		assertThat(claims.path("iss").asText()).isEqualTo("https://registry.example");
		assertThat(claims.path("nbf").asLong()).isEqualTo(1_700_000_000L);
		assertThat(claims.path("vc").path("type").toString())
				.isEqualTo("[\"https://smarthealth.cards#health-card\",\"https://smarthealth.cards#immunization\"]");
		assertThat(claims.path("vc").path("credentialSubject").path("fhirVersion").asText()).isEqualTo("4.0.1");
		assertThat(claims.path("vc").path("credentialSubject").path("fhirBundle").path("entry")).hasSize(2);
	}
}
