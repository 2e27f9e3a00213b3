package org.immunis.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.Inflater;
import org.hl7.fhir.r4.model.Bundle;

/**
 * A SMART Health Card verifier written from the specification alone, sharing no code with the registry's issuer: fetches
 * the issuer's keys over HTTP, checks the key and its thumbprint, the signature, the issuer, inflates the payload and
 * parses the FHIR Bundle. Also reads QR codes back into the JWS, as a phone would.
 */
final class HealthCardVerifier {

	record Verified(JsonNode claims, Bundle bundle) {}

	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final ObjectMapper JSON = new ObjectMapper();

	private HealthCardVerifier() {}

	static Verified verify(String compactJws, String expectedIssuer, FhirContext fhirContext) throws Exception {
		JWSObject jws = JWSObject.parse(compactJws);
		assertThat(jws.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(jws.getHeader().getCustomParam("zip")).isEqualTo("DEF");
		String kid = jws.getHeader().getKeyID();
		assertThat(kid).isNotBlank();

		byte[] compressed = jws.getPayload().toBytes();
		JsonNode claims = JSON.readTree(inflate(compressed));
		String issuer = claims.path("iss").asText();
		assertThat(issuer).isEqualTo(expectedIssuer).doesNotEndWith("/");

		HttpResponse<String> jwksResponse = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/.well-known/jwks.json")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(jwksResponse.statusCode()).isEqualTo(200);
		Map<String, Object> rawJwks = com.nimbusds.jose.util.JSONObjectUtils.parse(jwksResponse.body());
		JWKSet jwks = JWKSet.parse(rawJwks);
		JWK jwk = jwks.getKeyByKeyId(kid);
		assertThat(jwk).as("the key the card names is published").isNotNull();
		assertThat(jwk.getKeyType()).isEqualTo(KeyType.EC);
		assertThat(jwk.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
		assertThat(jwk.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(((ECKey) jwk).getCurve()).isEqualTo(Curve.P_256);
		assertThat(jwk.isPrivate()).isFalse();
		assertThat(jwksResponse.body()).doesNotContain("\"d\"");
		assertThat(jwk.computeThumbprint("SHA-256").toString()).as("kid is the RFC 7638 thumbprint").isEqualTo(kid);
		assertThat(jws.verify(new ECDSAVerifier((ECKey) jwk))).as("signature").isTrue();

		assertThat(claims.path("nbf").asLong()).isLessThanOrEqualTo(Instant.now().getEpochSecond());
		List<String> types = JSON.convertValue(claims.path("vc").path("type"), List.class);
		assertThat(types).contains("https://smarthealth.cards#health-card");
		JsonNode subject = claims.path("vc").path("credentialSubject");
		assertThat(subject.path("fhirVersion").asText()).isEqualTo("4.0.1");
		Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, subject.path("fhirBundle").toString());
		return new Verified(claims, bundle);
	}

	/** The JWS from the text of its QR codes, in any order: {@code shc:/} or {@code shc:/C/N/}, then digit pairs. */
	static String jwsFromQrTexts(List<String> texts) {
		return texts.stream()
				.map(text -> {
					assertThat(text).startsWith("shc:/");
					String[] parts = text.substring("shc:/".length()).split("/");
					assertThat(parts.length == 1 || parts.length == 3).isTrue();
					int index = parts.length == 1 ? 1 : Integer.parseInt(parts[0]);
					if (parts.length == 3) {
						assertThat(Integer.parseInt(parts[1])).isEqualTo(texts.size());
					}
					return Map.entry(index, parts[parts.length - 1]);
				})
				.sorted(Comparator.comparing(Map.Entry::getKey))
				.map(chunk -> {
					StringBuilder jws = new StringBuilder();
					String digits = chunk.getValue();
					for (int i = 0; i < digits.length(); i += 2) {
						jws.append((char) (Integer.parseInt(digits.substring(i, i + 2)) + 45));
					}
					return jws.toString();
				})
				.reduce("", String::concat);
	}

	/**
	 * Reads one code as printed: the image is the code and its quiet zone alone, so it is read as a pure barcode. ZXing's
	 * finder-pattern search, meant for photographs, misses about one large code in fifty of these exact images.
	 */
	static String readQr(BufferedImage image) throws NotFoundException, Exception {
		BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
		return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
	}

	private static byte[] inflate(byte[] compressed) throws Exception {
		Inflater inflater = new Inflater(true);
		try {
			inflater.setInput(compressed);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			byte[] buffer = new byte[4096];
			while (!inflater.finished()) {
				int count = inflater.inflate(buffer);
				if (count == 0 && inflater.needsInput()) {
					throw new IllegalStateException("truncated DEFLATE stream");
				}
				out.write(buffer, 0, count);
			}
			return out.toByteArray();
		} finally {
			inflater.end();
		}
	}
}
