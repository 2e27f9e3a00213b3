package org.immunis.certificate;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Signs a Health Card: the JWT claims {@code iss}, {@code nbf} and {@code vc} (types and the FHIR Bundle), minified,
 * compressed with raw DEFLATE, as a compact JWS (ES256, {@code zip: DEF}, {@code kid} the key's thumbprint).
 */
final class HealthCardSigner {

	static final String FHIR_VERSION = "4.0.1";
	static final List<String> TYPES = List.of("https://smarthealth.cards#health-card", "https://smarthealth.cards#immunization");

	private final SigningKeyStore keys;
	private final FhirContext fhirContext;
	private final ObjectMapper json = new ObjectMapper();

	HealthCardSigner(SigningKeyStore keys, FhirContext fhirContext) {
		this.keys = keys;
		this.fhirContext = fhirContext;
	}

	String sign(String issuer, Instant issuedAt, Bundle bundle) {
		try {
			ObjectNode claims = json.createObjectNode();
			claims.put("iss", issuer);
			claims.put("nbf", issuedAt.getEpochSecond());
			ObjectNode vc = claims.putObject("vc");
			TYPES.forEach(vc.putArray("type")::add);
			ObjectNode subject = vc.putObject("credentialSubject");
			subject.put("fhirVersion", FHIR_VERSION);
			subject.set("fhirBundle", json.readTree(fhirContext.newJsonParser().setPrettyPrint(false).encodeResourceToString(bundle)));
			JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
					.keyID(keys.signingKey().getKeyID())
					.customParam("zip", "DEF")
					.build();
			JWSObject jws = new JWSObject(header, new Payload(deflate(json.writeValueAsBytes(claims))));
			jws.sign(new ECDSASigner(keys.signingKey()));
			return jws.serialize();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (JOSEException e) {
			throw new IllegalStateException("Cannot sign the Health Card", e);
		}
	}

	private static byte[] deflate(byte[] data) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Deflater rawDeflate = new Deflater(Deflater.BEST_COMPRESSION, true);
		try (DeflaterOutputStream deflater = new DeflaterOutputStream(out, rawDeflate)) {
			deflater.write(data);
		} finally {
			rawDeflate.end();
		}
		return out.toByteArray();
	}
}
