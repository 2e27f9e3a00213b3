package org.immunis.forecast.cdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.immunis.forecast.CdsiTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed cases are exactly what the converter makes of CDC's workbooks, so they cannot drift from them. */
class CdcCaseConversionTest {

    @Test
    void committedCasesAreTheConverterOutput(@TempDir Path output) throws IOException {
        Path cdsi = CdsiTestData.fileOrSkip(CdcCaseConverter.SUITES.get("healthy.jsonl")).getParent();
        List<String> written = CdcCaseConverter.convert(cdsi, output);
        assertFalse(written.isEmpty());
        for (String file : written) {
            assertEquals(Files.readString(Path.of("src/test/resources/forecast/cases", file)),
                    Files.readString(output.resolve(file)), file);
        }
    }
}
