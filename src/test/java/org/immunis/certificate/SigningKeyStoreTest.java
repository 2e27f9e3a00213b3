package org.immunis.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyStoreTest {

	@TempDir
	Path directory;

	private static KeyPair p256() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	@Test
	void aGeneratedKeyIsKeptAndTheSameKeyIsReadAfterARestart() throws Exception {
		Path file = directory.resolve("health-cards/signing-key.jwk.json");

		SigningKeyStore first = SigningKeyStore.open(file, true);
		SigningKeyStore second = SigningKeyStore.open(file, true);

		assertThat(Files.exists(file)).isTrue();
		assertThat(second.signingKey().getKeyID()).isEqualTo(first.signingKey().getKeyID());
		assertThat(second.signingKey().getD()).isEqualTo(first.signingKey().getD());
	}

	@Test
	void theKeyIdIsTheThumbprintAndOnlyThePublicKeyIsPublished() throws Exception {
		SigningKeyStore store = SigningKeyStore.open(directory.resolve("key.json"), true);

		ECKey published = (ECKey) store.publicKeys().getKeys().get(0);
		assertThat(published.isPrivate()).isFalse();
		assertThat(published.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
		assertThat(published.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		ECKey bare = new ECKey.Builder(published.getCurve(), published.toECPublicKey()).build();
		assertThat(published.getKeyID()).isEqualTo(bare.computeThumbprint().toString());
		assertThat(store.publicKeys().toString(true)).doesNotContain("\"d\"");
	}

	@Test
	void aPemKeyFileWithItsPublicKeyIsRead() throws Exception {
		KeyPair pair = p256();
		Path file = directory.resolve("key.pem");
		Files.writeString(file, pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded()));

		SigningKeyStore store = SigningKeyStore.open(file, false);

		assertThat(store.signingKey().toECPublicKey().getW()).isEqualTo(((java.security.interfaces.ECPublicKey) pair.getPublic()).getW());
	}

	@Test
	void aPemPublicKeyOfAnotherPairIsRefused() throws Exception {
		Path file = directory.resolve("mismatched.pem");
		Files.writeString(file, pem("PRIVATE KEY", p256().getPrivate().getEncoded()) + pem("PUBLIC KEY", p256().getPublic().getEncoded()));

		assertThatThrownBy(() -> SigningKeyStore.open(file, false)).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("no usable EC P-256 key");
	}

	@Test
	void aMissingKeyIsNotGeneratedWhereTheConfigurationSaysSo() {
		Path file = directory.resolve("production.pem");

		assertThatThrownBy(() -> SigningKeyStore.open(file, false)).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("does not exist");
		assertThat(Files.exists(file)).isFalse();
	}
}
