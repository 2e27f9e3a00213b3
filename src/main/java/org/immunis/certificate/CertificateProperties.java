package org.immunis.certificate;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Proof of vaccination: SMART Health Cards and the printable record.
 *
 * @param signingKey the file of the key Health Cards are signed with: an EC P-256 private key as a JWK (JSON), or as PEM
 *     holding the PKCS#8 private key followed by its public key
 * @param generateMissingKey create the key file (a JWK) when it does not exist yet, once: the embedded run's key is kept
 *     with its data so that cards stay verifiable across restarts; in production the key is provisioned
 * @param registryName the registry's name, printed on the record
 */
@ConfigurationProperties("immunis.certificate")
public record CertificateProperties(Path signingKey, boolean generateMissingKey, String registryName) {

	public CertificateProperties {
		if (signingKey == null) {
			throw new IllegalArgumentException("immunis.certificate.signing-key must name the Health Card signing key file");
		}
		registryName = registryName == null || registryName.isBlank() ? "immunis immunization registry" : registryName;
	}
}
