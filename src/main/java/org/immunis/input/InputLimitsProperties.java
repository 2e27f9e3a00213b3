package org.immunis.input;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Caps on what one FHIR request may bring, so that no client can tie up the server's memory or time.
 *
 * @param maxRequestSize the largest request body, counted both as sent and after gzip decompression
 * @param maxTransactionEntries the most entries of a transaction or batch bundle
 * @param maxStringLength the most characters of one text value of a record (base64 data excepted)
 */
@ConfigurationProperties("immunis.input")
public record InputLimitsProperties(
		@DefaultValue("20MB") DataSize maxRequestSize,
		@DefaultValue("1000") int maxTransactionEntries,
		@DefaultValue("16384") int maxStringLength) {}
