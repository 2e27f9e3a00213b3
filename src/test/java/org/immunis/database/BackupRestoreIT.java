package org.immunis.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The backup of docs/operations.md ("Backups"), run as an operator would: pgBackRest (Debian's, PostgreSQL 15) takes a
 * full backup of the embedded database while clients write, the archived WAL follows every commit after it, the
 * registry's data folder is lost, and a restore to the end of the archive brings back every record the registry
 * acknowledged. The configuration is the project's own {@code config/pgbackrest/embedded.conf}; only its paths and port
 * are this test's.
 */
class BackupRestoreIT {

	private static final Path ROOT = Path.of("target", "backup-restore").toAbsolutePath();
	private static final Path DATA = ROOT.resolve("data");
	private static final Path REPOSITORY = ROOT.resolve("repository");

	@Test
	void aBackupTakenUnderLoadRestoresEveryAcknowledgedRecord() throws Exception {
		String pgbackrest = ExternalProgram.require("pgbackrest", "pgbackrest");
		FileSystemUtils.deleteRecursively(ROOT);
		Files.createDirectories(REPOSITORY);
		int port = freePort();
		List<String> options = pgbackrestOptions(port);
		// archive-push and restore take no port: they work on files, not on a running PostgreSQL
		List<String> fileOptions = options.stream().filter(option -> !option.startsWith("--pg1-port=")).toList();
		String archiveCommand = String.join(" ", command(pgbackrest, fileOptions, "archive-push", "%p"));

		Set<String> beforeBackup;
		Set<String> duringBackup;
		Set<String> acknowledged;
		long backupMillis;
		try (ServerProcess server = ServerProcess.start(DATA,
				"--immunis.database.embedded.port=" + port,
				"--immunis.database.embedded.settings.archive_mode=on",
				"--immunis.database.embedded.settings.archive_command=" + archiveCommand)) {
			ExternalProgram.run(Duration.ofMinutes(1), command(pgbackrest, options, "stanza-create"));
			try (PatientLoad load = PatientLoad.start(server, 4)) {
				beforeBackup = load.awaitAcknowledged(30).acknowledged();
				long start = System.nanoTime();
				ExternalProgram.run(Duration.ofMinutes(3), command(pgbackrest, options, "--type=full", "backup"));
				backupMillis = (System.nanoTime() - start) / 1_000_000;
				Set<String> afterBackup = load.acknowledged();
				duringBackup = new HashSet<>(afterBackup);
				duringBackup.removeAll(beforeBackup);
				load.awaitAcknowledged(afterBackup.size() + 30);
				load.close();
				acknowledged = load.acknowledged();
				assertThat(load.otherAnswers()).isEmpty();
			}
			// the WAL of the last commits is archived (check switches to a new WAL file and waits for the archive)
			ExternalProgram.run(Duration.ofMinutes(1), command(pgbackrest, options, "check"));
		}

		// the disaster: the registry's whole data folder is gone (the server and its database were killed)
		PatroniCluster.await("the killed server's PostgreSQL to exit", Duration.ofMinutes(1),
				() -> ProcessHandle.allProcesses().noneMatch(process -> process.info().arguments().map(List::of)
						.orElse(List.of()).contains(DATA.resolve("postgres").toString())));
		FileSystemUtils.deleteRecursively(DATA);
		Path postgres = Files.createDirectories(DATA.resolve("postgres"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		ExternalProgram.run(Duration.ofMinutes(3), command(pgbackrest, fileOptions, "restore"));
		assertThat(DataDirectoryVersion.of(postgres)).contains(DataDirectoryVersion.EMBEDDED_MAJOR);

		try (ServerProcess restored = ServerProcess.start(DATA, "--immunis.database.embedded.port=" + port)) {
			List<String> missing = PatientLoad.missing(restored, acknowledged);
			System.out.printf("Backup and restore: %d records acknowledged (%d before the backup, %d while it ran for %.1f s,"
							+ " %d after it); after the restore %d missing%n",
					acknowledged.size(), beforeBackup.size(), duringBackup.size(), backupMillis / 1000.0,
					acknowledged.size() - beforeBackup.size() - duringBackup.size(), missing.size());
			assertThat(missing).isEmpty();
		}
	}

	/** The project's pgBackRest configuration with this test's paths and port. */
	private static List<String> pgbackrestOptions(int port) {
		return List.of(
				"--config=" + Path.of("config", "pgbackrest", "embedded.conf").toAbsolutePath(),
				"--stanza=immunis",
				"--repo1-path=" + REPOSITORY,
				"--log-path=" + ROOT,
				"--pg1-path=" + DATA.resolve("postgres"),
				"--pg1-port=" + port);
	}

	private static List<String> command(String pgbackrest, List<String> options, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(pgbackrest);
		command.addAll(options);
		command.addAll(List.of(arguments));
		return command;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
