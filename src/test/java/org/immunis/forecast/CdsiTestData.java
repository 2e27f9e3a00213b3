package org.immunis.forecast;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates CDC's CDSi files for the tests that compare the project's converted data with them: system property
 * {@code cdsi.dir}, else environment variable {@code CDSI_DIR}, else {@code ../shared/cdsi} relative to the working
 * directory. The other tests never need them: they read the project's own converted data.
 */
public final class CdsiTestData {

    private CdsiTestData() {
    }

    public static Path directory() {
        String configured = System.getProperty("cdsi.dir", System.getenv("CDSI_DIR"));
        String directory = configured != null && !configured.isBlank() ? configured : "../shared/cdsi";
        return Path.of(directory).toAbsolutePath().normalize();
    }

    /** A file of CDC's data; the calling test is skipped (with a message saying why) when it is not there. */
    public static Path fileOrSkip(String relativePath) {
        Path file = directory().resolve(relativePath);
        assumeTrue(Files.exists(file), () -> "Skipped: CDC CDSi data not found at " + file + " (put CDC's CDSi"
                + " data in ../shared/cdsi beside the project, or point -Dcdsi.dir=... or CDSI_DIR at it)");
        return file;
    }
}
