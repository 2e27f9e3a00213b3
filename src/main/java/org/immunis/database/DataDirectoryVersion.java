package org.immunis.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The PostgreSQL major version a data directory was made by ({@code PG_VERSION}). A server opens only the data of its
 * own major version, and the embedded binaries are PostgreSQL {@value #EMBEDDED_MAJOR}: a data directory made by
 * another (the registry ran PostgreSQL 16 before) is refused at start-up with what to do, rather than with PostgreSQL's
 * own failure deep in a log.
 */
final class DataDirectoryVersion {

	/** The major version of the embedded binaries (the pom's {@code postgres-binaries.version}); tested against them. */
	static final String EMBEDDED_MAJOR = "15";
	private static final String VERSION_FILE = "PG_VERSION";

	private DataDirectoryVersion() {}

	/** The major version that made this data directory; empty for a directory not yet initialized. */
	static Optional<String> of(Path dataDirectory) {
		Path versionFile = dataDirectory.resolve(VERSION_FILE);
		if (!Files.exists(versionFile)) {
			return Optional.empty();
		}
		try {
			return Optional.of(Files.readString(versionFile).strip());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Refuses a data directory that the embedded PostgreSQL cannot open. */
	static void requireEmbeddedMajor(Path dataDirectory) {
		of(dataDirectory).filter(major -> !major.equals(EMBEDDED_MAJOR)).ifPresent(major -> {
			throw new IllegalStateException("The database in " + dataDirectory + " was made by PostgreSQL " + major
					+ ", but the registry runs PostgreSQL " + EMBEDDED_MAJOR + ", which cannot open it. Move the folder"
					+ " away and either start afresh or move its records over with PostgreSQL " + major + "'s pg_dump"
					+ " (docs/operations.md, \"Backups\": from an older data folder)");
		});
	}
}
