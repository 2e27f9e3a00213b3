package org.immunis.certificate;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Health Card as QR codes: its JWS in {@code shc:/} numeric form, in one code when it fits a version 22 code at error
 * correction L (1195 characters), else in balanced chunks of at most 1191 characters, {@code shc:/C/N/...} each.
 */
final class HealthCardQr {

	static final int SINGLE_CODE_MAX = 1195;
	static final int CHUNK_MAX = 1191;
	private static final int PIXELS_PER_MODULE = 4;
	private static final int QUIET_ZONE_MODULES = 4;

	private HealthCardQr() {}

	/** The text of each QR code, in order. */
	static List<String> contents(String jws) {
		if (jws.length() <= SINGLE_CODE_MAX) {
			return List.of("shc:/" + numeric(jws));
		}
		int count = (jws.length() + CHUNK_MAX - 1) / CHUNK_MAX;
		int size = (jws.length() + count - 1) / count;
		List<String> chunks = new ArrayList<>();
		for (int index = 0; index < count; index++) {
			String chunk = jws.substring(index * size, Math.min(jws.length(), (index + 1) * size));
			chunks.add("shc:/" + (index + 1) + "/" + count + "/" + numeric(chunk));
		}
		return List.copyOf(chunks);
	}

	/** Each JWS character as two digits: its code minus 45 ('-', the lowest character a compact JWS has). */
	static String numeric(String jws) {
		StringBuilder digits = new StringBuilder(jws.length() * 2);
		for (int i = 0; i < jws.length(); i++) {
			int value = jws.charAt(i) - 45;
			if (value < 0 || value > 99) {
				throw new IllegalArgumentException("not a compact JWS character: '" + jws.charAt(i) + "'");
			}
			digits.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
		}
		return digits.toString();
	}

	/**
	 * One QR code, black on white. The compact encoder puts {@code shc:/} (and the chunk numbers) in a byte segment and
	 * the digits in a numeric segment, as the specification wants.
	 */
	static BufferedImage image(String content) {
		BitMatrix modules;
		try {
			modules = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0, Map.of(
					EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.L,
					EncodeHintType.QR_COMPACT, Boolean.TRUE,
					EncodeHintType.MARGIN, 0));
		} catch (WriterException e) {
			throw new IllegalArgumentException("The Health Card does not fit a QR code", e);
		}
		int side = (modules.getWidth() + 2 * QUIET_ZONE_MODULES) * PIXELS_PER_MODULE;
		BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
		for (int y = 0; y < side; y++) {
			for (int x = 0; x < side; x++) {
				int moduleX = x / PIXELS_PER_MODULE - QUIET_ZONE_MODULES;
				int moduleY = y / PIXELS_PER_MODULE - QUIET_ZONE_MODULES;
				boolean dark = moduleX >= 0 && moduleY >= 0 && moduleX < modules.getWidth() && moduleY < modules.getHeight()
						&& modules.get(moduleX, moduleY);
				image.setRGB(x, y, dark ? 0x000000 : 0xFFFFFF);
			}
		}
		return image;
	}
}
