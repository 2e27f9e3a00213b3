package org.immunis.forecast;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates CDC's CDSi data for tests: system property {@code cdsi.dir}, else environment variable {@code CDSI_DIR},
 * else {@code ../shared/cdsi} relative to the working directory (CI clones the project with shared/ beside it).
 */
public final class CdsiTestData {

    private CdsiTestData() {
    }

    public static Path directory() {
        String configured = System.getProperty("cdsi.dir", System.getenv("CDSI_DIR"));
        String directory = configured != null && !configured.isBlank() ? configured : "../shared/cdsi";
        return Path.of(directory).toAbsolutePath().normalize();
    }

    /** A file of the CDC data; fails with instructions when it is missing rather than skipping tests silently. */
    public static Path file(String relativePath) {
        Path file = directory().resolve(relativePath);
        if (!Files.exists(file)) {
            throw new IllegalStateException("CDC CDSi data not found at " + file + ". Put CDC's CDSi data in"
                    + " ../shared/cdsi beside the project, or point -Dcdsi.dir=... or CDSI_DIR at it.");
        }
        return file;
    }
}
