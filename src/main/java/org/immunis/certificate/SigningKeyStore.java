package org.immunis.certificate;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry's Health Card signing key (EC P-256, ES256), read from its key file, or created in it once when the
 * configuration allows. Its {@code kid} is the RFC 7638 thumbprint, as SMART Health Cards require.
 */
final class SigningKeyStore {

	private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

	private final ECKey signingKey;

	private SigningKeyStore(ECKey signingKey) {
		this.signingKey = signingKey;
	}

	static SigningKeyStore open(Path keyFile, boolean generateMissing) {
		try {
			if (!Files.exists(keyFile)) {
				if (!generateMissing) {
					throw new IllegalStateException("The Health Card signing key file " + keyFile + " does not exist;"
							+ " provide an EC P-256 key (immunis.certificate.signing-key, see the README)");
				}
				return new SigningKeyStore(generate(keyFile));
			}
			return new SigningKeyStore(withThumbprintId(read(keyFile)));
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read or write the Health Card signing key file " + keyFile, e);
		} catch (JOSEException | ParseException | GeneralSecurityException e) {
			throw new IllegalStateException("The Health Card signing key file " + keyFile + " holds no usable EC P-256 key", e);
		}
	}

	/** The private key, for signing. */
	ECKey signingKey() {
		return signingKey;
	}

	/** What verifiers fetch: the public key only. */
	JWKSet publicKeys() {
		return new JWKSet(signingKey.toPublicJWK());
	}

	private static ECKey generate(Path keyFile) throws JOSEException, IOException {
		ECKey key = withThumbprintId(new ECKeyGenerator(Curve.P_256).generate());
		Path directory = keyFile.toAbsolutePath().getParent();
		Files.createDirectories(directory);
		Path written = Files.createTempFile(directory, "signing-key", ".tmp");
		restrictToOwner(written);
		Files.writeString(written, key.toJSONString(), StandardCharsets.UTF_8);
		Files.move(written, keyFile);
		return key;
	}

	private static ECKey read(Path keyFile) throws IOException, ParseException, GeneralSecurityException, JOSEException {
		String text = Files.readString(keyFile, StandardCharsets.UTF_8).trim();
		ECKey key = text.startsWith("{") ? JWK.parse(text).toECKey() : fromPem(text);
		if (!Curve.P_256.equals(key.getCurve()) || !key.isPrivate()) {
			throw new GeneralSecurityException("not an EC P-256 private key");
		}
		return key;
	}

	// PEM as openssl writes it: "genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256", then "pkey -pubout" appended
	private static ECKey fromPem(String text) throws GeneralSecurityException, JOSEException {
		ECPrivateKey privateKey = null;
		ECPublicKey publicKey = null;
		KeyFactory factory = KeyFactory.getInstance("EC");
		Matcher block = PEM_BLOCK.matcher(text);
		while (block.find()) {
			byte[] der = Base64.getMimeDecoder().decode(block.group(2));
			if ("PRIVATE KEY".equals(block.group(1))) {
				privateKey = (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(der));
			} else if ("PUBLIC KEY".equals(block.group(1))) {
				publicKey = (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(der));
			}
		}
		if (privateKey == null || publicKey == null) {
			throw new GeneralSecurityException("a PEM key file needs a PRIVATE KEY (PKCS#8) and its PUBLIC KEY block");
		}
		ECKey key = new ECKey.Builder(Curve.P_256, publicKey).privateKey(privateKey).build();
		if (!belongTogether(key)) {
			throw new GeneralSecurityException("the PUBLIC KEY does not belong to the PRIVATE KEY");
		}
		return key;
	}

	private static boolean belongTogether(ECKey key) throws JOSEException {
		JWSObject probe = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("key pair check"));
		probe.sign(new ECDSASigner(key));
		return probe.verify(new ECDSAVerifier(key.toPublicJWK()));
	}

	private static ECKey withThumbprintId(ECKey key) throws JOSEException {
		ECKey bare = new ECKey.Builder(key).keyID(null).keyUse(null).algorithm(null).build();
		return new ECKey.Builder(bare)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.ES256)
				.keyID(bare.computeThumbprint().toString())
				.build();
	}

	private static void restrictToOwner(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		} catch (UnsupportedOperationException e) {
			// not a POSIX file system: left to the folder's permissions
		}
	}
}
