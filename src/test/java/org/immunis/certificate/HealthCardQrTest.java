package org.immunis.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HealthCardQrTest {

	private static String jwsOfLength(int length) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
		StringBuilder jws = new StringBuilder();
		for (int i = 0; i < length; i++) {
			jws.append(alphabet.charAt((i * 7) % alphabet.length()));
		}
		return jws.toString();
	}

	@Test
	void eachCharacterIsTwoDigitsOfItsCodeLess45() {
		assertThat(HealthCardQr.numeric("-")).isEqualTo("00");
		assertThat(HealthCardQr.numeric("X")).isEqualTo("43");
		assertThat(HealthCardQr.numeric("ey.z")).isEqualTo("5676" + "01" + "77");
		assertThatThrownBy(() -> HealthCardQr.numeric("a b")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aCardThatFitsOneCodeIsNotChunked() {
		List<String> contents = HealthCardQr.contents(jwsOfLength(HealthCardQr.SINGLE_CODE_MAX));

		assertThat(contents).hasSize(1);
		assertThat(contents.get(0)).startsWith("shc:/").doesNotContain("shc:/1/");
		assertThat(contents.get(0)).hasSize("shc:/".length() + 2 * HealthCardQr.SINGLE_CODE_MAX);
	}

	@Test
	void aLongerCardIsSplitIntoBalancedNumberedChunksThatReadBackInAnyOrder() throws Exception {
		String jws = jwsOfLength(2500);

		List<String> contents = HealthCardQr.contents(jws);

		assertThat(contents).hasSize(3);
		for (int i = 0; i < contents.size(); i++) {
			assertThat(contents.get(i)).startsWith("shc:/" + (i + 1) + "/3/");
			int chunkLength = (contents.get(i).length() - ("shc:/" + (i + 1) + "/3/").length()) / 2;
			assertThat(chunkLength).isBetween(830, HealthCardQr.CHUNK_MAX);
		}
		List<String> read = List.of(HealthCardVerifier.readQr(HealthCardQr.image(contents.get(2))),
				HealthCardVerifier.readQr(HealthCardQr.image(contents.get(0))),
				HealthCardVerifier.readQr(HealthCardQr.image(contents.get(1))));
		assertThat(HealthCardVerifier.jwsFromQrTexts(read)).isEqualTo(jws);
	}

	@Test
	void theLargestSingleCodeStillFitsAVersion22CodeAtLowErrorCorrection() throws Exception {
		String content = HealthCardQr.contents(jwsOfLength(HealthCardQr.SINGLE_CODE_MAX)).get(0);

		java.awt.image.BufferedImage image = HealthCardQr.image(content);

		// version 22 is 105 modules wide; the image has 4 quiet modules each side, 4 pixels a module
		assertThat(image.getWidth()).isLessThanOrEqualTo((105 + 8) * 4);
		assertThat(HealthCardVerifier.readQr(image)).isEqualTo(content);
	}
}
