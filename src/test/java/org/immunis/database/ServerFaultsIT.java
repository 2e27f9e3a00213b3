package org.immunis.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Faults of a whole server process: it is killed, stopped or loses its database while clients write, and every record
 * it acknowledged is still there afterwards. Each test starts the built server as a separate {@code java} process.
 */
class ServerFaultsIT {

	/** Readiness must turn, and a request be answered, within this of losing the database (pool timeout: 3 s). */
	private static final Duration NOTICED_WITHIN = Duration.ofSeconds(10);

	@Test
	void aServerKilledUnderLoadStartsAgainOnItsDataWithEveryAcknowledgedRecord() throws Exception {
		Path data = ServerProcess.freshDataDirectory("server-faults", "kill-9");
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

	@Test
	void aLostExternalDatabaseIsNoticedWithinSecondsAndReconnectedToWhenItComesBack() throws Exception {
		Path data = ServerProcess.freshDataDirectory("server-faults", "external-database");
		Path databaseFiles = data.resolve("external-postgres");
		int port = freePort();
		EmbeddedPostgres database = externalDatabase(databaseFiles, port);
		try (ServerProcess server = ServerProcess.start(data,
				"--immunis.database.embedded.enabled=false",
				"--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres",
				"--spring.datasource.username=postgres")) {
			String before = createdPatientId(server);

			database.close();
			assertOutageIsNoticed(server);

			database = externalDatabase(databaseFiles, port);
			await().atMost(Duration.ofSeconds(30)).until(() -> server.readiness() == 200);
			createdPatientId(server);
			assertThat(server.fhir("GET", "Patient/" + before, null).orElseThrow().statusCode()).isEqualTo(200);
		} finally {
			database.close();
		}
	}

	@Test
	void aKilledEmbeddedDatabaseIsNoticedThenStartedAgainByTheServer() throws Exception {
		Path data = ServerProcess.freshDataDirectory("server-faults", "embedded-database-killed");
		try (ServerProcess server = ServerProcess.start(data)) {
			String before = createdPatientId(server);
			int databasePort = databasePort(data.resolve("postgres"));

			ProcessHandle postmaster = OrphanedPostmaster.postmasterOf(data.resolve("postgres")).orElseThrow();
			postmaster.destroyForcibly();
			postmaster.onExit().get(30, TimeUnit.SECONDS);
			// the server's watch would start the database again at its next tick, perhaps before the outage is
			// observed: holding its port keeps the database down until the outage has been checked
			try (PortHold hold = PortHold.loopback(databasePort)) {
				assertOutageIsNoticed(server);
			}

			await().atMost(Duration.ofSeconds(60)).until(() -> server.readiness() == 200);
			createdPatientId(server);
			assertThat(server.fhir("GET", "Patient/" + before, null).orElseThrow().statusCode()).isEqualTo(200);
		}
	}

	@Test
	void sigtermUnderLoadFinishesTheRequestsInFlightThenStopsTheDatabase() throws Exception {
		Path data = ServerProcess.freshDataDirectory("server-faults", "sigterm");
		Set<String> acknowledged;
		PatientLoad load;
		try (ServerProcess server = ServerProcess.start(data)) {
			load = PatientLoad.start(server, 6);
			try (load) {
				load.awaitAcknowledged(60);
				Duration underLoad = server.terminate();
				System.out.println("SIGTERM under load: exited after " + underLoad.toMillis() + " ms");
				assertThat(underLoad).isLessThan(Duration.ofSeconds(30));
				acknowledged = load.acknowledged();
			}
			assertThat(load.otherAnswers()).as("answers other than 201 while the server shut down").isEmpty();
			// the server stopped its database itself, after the requests: nothing is left running on its files
			assertThat(OrphanedPostmaster.postmasterOf(data.resolve("postgres"))).isEmpty();
		}

		try (ServerProcess restarted = ServerProcess.start(data)) {
			assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(60);
			assertThat(PatientLoad.missing(restarted, acknowledged)).isEmpty();
			Duration idle = restarted.terminate();
			System.out.println("SIGTERM when idle: exited after " + idle.toMillis() + " ms");
			assertThat(idle).isLessThan(Duration.ofSeconds(10));
		}
	}

	/** Readiness goes DOWN, and a write is refused quickly with 503 and an OperationOutcome in the registry's words. */
	private static void assertOutageIsNoticed(ServerProcess server) {
		Instant lost = Instant.now();
		await().atMost(NOTICED_WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> server.readiness() == 503);
		Duration untilNotReady = Duration.between(lost, Instant.now());

		Instant sent = Instant.now();
		HttpResponse<String> refused = server.fhir("POST", "Patient", PatientLoad.patientJson()).orElseThrow();
		Duration answeredIn = Duration.between(sent, Instant.now());

		System.out.printf("database lost: readiness DOWN after %d ms, a write answered %d after %d ms%n",
				untilNotReady.toMillis(), refused.statusCode(), answeredIn.toMillis());
		assertThat(untilNotReady).isLessThan(NOTICED_WITHIN);
		assertThat(answeredIn).isLessThan(NOTICED_WITHIN);
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(refused.body()).contains("OperationOutcome").contains("database cannot be reached")
				.doesNotContainIgnoringCase("sql").doesNotContainIgnoringCase("exception").doesNotContain("hikari");
	}

	private static String createdPatientId(ServerProcess server) {
		HttpResponse<String> created = server.fhir("POST", "Patient", PatientLoad.patientJson()).orElseThrow();
		assertThat(created.statusCode()).isEqualTo(201);
		return PatientLoad.idOf(created.body()).orElseThrow();
	}

	/** The port the embedded database listens on, from the fourth line of its {@code postmaster.pid}. */
	private static int databasePort(Path databaseFiles) throws IOException {
		return Integer.parseInt(Files.readAllLines(databaseFiles.resolve(OrphanedPostmaster.PID_FILE)).get(3).strip());
	}

	private static EmbeddedPostgres externalDatabase(Path files, int port) throws IOException {
		return EmbeddedPostgres.builder().setDataDirectory(files).setCleanDataDirectory(false).setPort(port)
				.setServerConfig("synchronous_commit", "on").start();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
