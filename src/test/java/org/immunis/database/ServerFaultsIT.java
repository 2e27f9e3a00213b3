package org.immunis.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * Faults of a whole server process: it is killed, stopped or loses its database while clients write, and every record
 * it acknowledged is still there afterwards. Each test starts the built server as a separate {@code java} process.
 */
class ServerFaultsIT {

	/** A fresh data folder for one test. */
	private static Path dataDirectory(String name) {
		Path directory = Path.of("target", "server-faults", name).toAbsolutePath();
		FileSystemUtils.deleteRecursively(directory.toFile());
		return directory;
	}

	@Test
	void aServerKilledUnderLoadStartsAgainOnItsDataWithEveryAcknowledgedRecord() throws Exception {
		Path data = dataDirectory("kill-9");
		Set<String> acknowledged;
		try (ServerProcess server = ServerProcess.start(data)) {
			try (PatientLoad load = PatientLoad.start(server, 4)) {
				load.awaitAcknowledged(40);
				server.process().destroyForcibly().waitFor();
				acknowledged = load.acknowledged();
			}
			// the postmaster outlives the JVM
			assertThat(OrphanedPostmaster.postmasterOf(data.resolve("postgres"))).isPresent();

			try (ServerProcess restarted = ServerProcess.start(data)) {
				assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(40);
				assertThat(PatientLoad.missing(restarted, acknowledged)).isEmpty();
			}
		}
	}
}
