package org.immunis.certificate;

import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the printable immunization record shows.
 *
 * @param mayBeIncomplete the registry holds doses the requester may not see: the record says it may be incomplete
 * @param healthCardQrCodes the QR codes of the SMART Health Card of the same doses (more than one when chunked)
 */
record PrintableRecord(String registryName, String patientName, LocalDate birthDate, LocalDate issued,
		RecordSummary summary, boolean mayBeIncomplete, List<BufferedImage> healthCardQrCodes) {

	static final String INCOMPLETE_NOTE = "This record may be incomplete: the patient objected to data sharing, so it"
			+ " shows only the immunizations recorded by the provider that issued it.";

	PrintableRecord {
		healthCardQrCodes = List.copyOf(healthCardQrCodes);
	}
}
