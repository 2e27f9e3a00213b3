package org.immunis.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

	private static EmbeddedDatabaseProperties properties(Path dataDirectory, boolean cleanOnStart) {
		return new EmbeddedDatabaseProperties(true, dataDirectory.resolve("postgres"), cleanOnStart, "on", 0,
				Duration.ofMillis(500), Map.of());
	}

	@Test
	void dataSurvivesARestart(@TempDir Path dataDirectory) throws Exception {
		try (EmbeddedDatabase first = EmbeddedDatabase.start(properties(dataDirectory, false))) {
			execute(first, "create table kept (name text)", "insert into kept values ('still here')");
		}

		try (EmbeddedDatabase second = EmbeddedDatabase.start(properties(dataDirectory, false))) {
			assertThat(firstValue(second, "select name from kept")).isEqualTo("still here");
		}
	}

	@Test
	void cleanOnStartBeginsEmpty(@TempDir Path dataDirectory) throws Exception {
		try (EmbeddedDatabase first = EmbeddedDatabase.start(properties(dataDirectory, false))) {
			execute(first, "create table wiped (name text)");
		}

		try (EmbeddedDatabase second = EmbeddedDatabase.start(properties(dataDirectory, true))) {
			assertThat(firstValue(second, "select count(*) from pg_tables where tablename = 'wiped'")).isEqualTo("0");
		}
	}

	@Test
	void anAcknowledgedCommitIsOnDiskByDefault(@TempDir Path dataDirectory) throws Exception {
		try (EmbeddedDatabase database = EmbeddedDatabase.start(properties(dataDirectory, false))) {
			assertThat(firstValue(database, "show synchronous_commit")).isEqualTo("on");
			assertThat(firstValue(database, "show fsync")).isEqualTo("on");
		}
	}

	@Test
	void aKilledDatabaseIsStartedAgainWithItsData(@TempDir Path dataDirectory) throws Exception {
		try (EmbeddedDatabase database = EmbeddedDatabase.start(properties(dataDirectory, false))) {
			execute(database, "create table kept (name text)", "insert into kept values ('acknowledged')");
			ProcessHandle postmaster = database.postmaster().orElseThrow();

			postmaster.destroyForcibly();

			await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
				assertThat(database.postmaster().orElseThrow().pid()).isNotEqualTo(postmaster.pid());
				assertThat(firstValue(database, "select name from kept")).isEqualTo("acknowledged");
			});
		}
	}

	@Test
	void aDatabaseAnotherServerRunsIsLeftAlone(@TempDir Path dataDirectory) throws Exception {
		try (EmbeddedDatabase running = EmbeddedDatabase.start(properties(dataDirectory, false))) {
			Path postgresDirectory = dataDirectory.resolve("postgres");
			assertThatIllegalStateException()
					.isThrownBy(() -> OrphanedPostmaster.stopIfAny(postgresDirectory))
					.withMessageContaining("run by another server");
			assertThat(running.postmaster().orElseThrow().isAlive()).isTrue();
		}
	}

	@Test
	void theEmbeddedBinariesAreTheMajorVersionDataFoldersAreCheckedAgainst(@TempDir Path dataDirectory) throws Exception {
		try (EmbeddedDatabase database = EmbeddedDatabase.start(properties(dataDirectory, false))) {
			assertThat(firstValue(database, "show server_version_num")).startsWith(DataDirectoryVersion.EMBEDDED_MAJOR + "0");
			assertThat(DataDirectoryVersion.of(dataDirectory.resolve("postgres"))).contains(DataDirectoryVersion.EMBEDDED_MAJOR);
		}
	}

	@Test
	void aDataFolderOfAnotherMajorVersionIsRefusedWithWhatToDo(@TempDir Path dataDirectory) throws Exception {
		Path postgres = Files.createDirectories(dataDirectory.resolve("postgres"));
		Files.writeString(postgres.resolve("PG_VERSION"), "16\n");

		assertThatIllegalStateException()
				.isThrownBy(() -> EmbeddedDatabase.start(properties(dataDirectory, false)))
				.withMessageContaining("made by PostgreSQL 16")
				.withMessageContaining("runs PostgreSQL 15")
				.withMessageContaining("pg_dump");
		assertThat(Files.readString(postgres.resolve("PG_VERSION"))).isEqualTo("16\n");
	}

	@Test
	void furtherSettingsReachPostgres(@TempDir Path dataDirectory) throws Exception {
		EmbeddedDatabaseProperties archiving = new EmbeddedDatabaseProperties(true, dataDirectory.resolve("postgres"), false,
				"on", 0, Duration.ofMillis(500), Map.of("archive_mode", "on", "archive_command", "test -d '/' && /bin/true %p"));
		try (EmbeddedDatabase database = EmbeddedDatabase.start(archiving)) {
			assertThat(firstValue(database, "show archive_mode")).isEqualTo("on");
			assertThat(firstValue(database, "show archive_command")).isEqualTo("test -d '/' && /bin/true %p");
		}
	}

	private static void execute(EmbeddedDatabase database, String... statements) throws SQLException {
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private static String firstValue(EmbeddedDatabase database, String query) throws SQLException {
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(query)) {
			rows.next();
			return rows.getString(1);
		}
	}
}
