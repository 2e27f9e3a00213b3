package org.immunis.forecast.cdc;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates CDC's CDSi data: system property {@code cdsi.dir}, else environment variable {@code CDSI_DIR}, else
 * {@code ../shared/cdsi} relative to the working directory (CI clones the project with shared/ beside it).
 */
final class CdcTestData {

    static final String TEST_CASES = "cdsi-healthy-testcases-v4.45-dev.csv";

    private CdcTestData() {
    }

    static Path directory() {
        String configured = System.getProperty("cdsi.dir", System.getenv("CDSI_DIR"));
        return Path.of(configured != null && !configured.isBlank() ? configured : "../shared/cdsi").toAbsolutePath().normalize();
    }

    static Path testCases() {
        Path csv = directory().resolve(TEST_CASES);
        if (!Files.isRegularFile(csv)) {
            throw new IllegalStateException("CDC test cases not found at " + csv + ". Put CDC's CDSi data in ../shared/cdsi"
                    + " beside the project, or point -Dcdsi.dir=... or CDSI_DIR at it.");
        }
        return csv;
    }
}
