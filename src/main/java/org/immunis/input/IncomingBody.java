package org.immunis.input;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** Reading a request body within a size cap, gzip decompression within the same cap, and strict UTF-8. */
final class IncomingBody {

	/** The body (or what it decompresses to) is larger than the cap. */
	static final class TooLarge extends IOException {
		TooLarge() {
			super("larger than the cap");
		}
	}

	private IncomingBody() {}

	/** Reads the stream to its end, or fails as soon as it has given more than {@code maxBytes}. */
	static byte[] read(InputStream in, long maxBytes) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		long total = 0;
		for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
			total += read;
			if (total > maxBytes) {
				throw new TooLarge();
			}
			out.write(buffer, 0, read);
		}
		return out.toByteArray();
	}

	/** Decompresses a gzip body, stopping at the cap: a small bomb never expands in memory. */
	static byte[] gunzip(byte[] compressed, long maxBytes) throws IOException {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
			return read(in, maxBytes);
		}
	}

	/** Whether the bytes are well-formed UTF-8 (no invalid sequences, no encoded surrogates, nothing truncated). */
	static boolean isUtf8(byte[] body) {
		try {
			StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(body));
			return true;
		} catch (CharacterCodingException e) {
			return false;
		}
	}
}
