package org.immunis.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class IncomingBodyTest {

	private static byte[] gzip(byte[] data) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(data);
		}
		return out.toByteArray();
	}

	@Test
	void aBodyWithinTheCapIsReadWhole() throws IOException {
		assertThat(IncomingBody.read(new ByteArrayInputStream(new byte[1000]), 1000)).hasSize(1000);
	}

	@Test
	void aBodyOverTheCapIsRefused() {
		assertThatThrownBy(() -> IncomingBody.read(new ByteArrayInputStream(new byte[1001]), 1000))
				.isInstanceOf(IncomingBody.TooLarge.class);
	}

	@Test
	void aGzipBombStopsAtTheCap() throws IOException {
		byte[] bomb = gzip(new byte[50_000_000]);
		assertThat(bomb.length).isLessThan(100_000);
		assertThatThrownBy(() -> IncomingBody.gunzip(bomb, 1_000_000)).isInstanceOf(IncomingBody.TooLarge.class);
		assertThat(IncomingBody.gunzip(gzip("{}".getBytes(StandardCharsets.UTF_8)), 1000)).asString().isEqualTo("{}");
	}

	@Test
	void onlyWellFormedUtf8IsText() {
		assertThat(IncomingBody.isUtf8("{\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8))).isTrue();
		assertThat(IncomingBody.isUtf8(new byte[] {'{', (byte) 0xC3, '}'})).isFalse();
		assertThat(IncomingBody.isUtf8(new byte[] {(byte) 0xFF})).isFalse();
		// an encoded surrogate (CESU-8) is not UTF-8
		assertThat(IncomingBody.isUtf8(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).isFalse();
	}
}
