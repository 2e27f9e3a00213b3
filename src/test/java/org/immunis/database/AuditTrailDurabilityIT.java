package org.immunis.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The accounting of disclosures loses no event: every request the server acknowledged has its AuditEvent after the
 * server stopped right after it, by a graceful shutdown (SIGTERM while clients still write) or killed (kill -9). Each
 * test starts the built server as a separate {@code java} process, stops it under load and reads the trail back after
 * a restart.
 */
class AuditTrailDurabilityIT {

	private static final Pattern NEXT = Pattern.compile("\"relation\"\\s*:\\s*\"next\"\\s*,\\s*\"url\"\\s*:\\s*\"([^\"]+)\"");
	private static final Pattern ENTRY = Pattern.compile("\"fullUrl\"");
	/** Every creation is a request with an AuditEvent of action C; the load is all this fresh server is asked. */
	private static final String CREATIONS = "AuditEvent?action=C&outcome=0&_count=200";

	@Test
	void aGracefulShutdownUnderLoadKeepsTheEventOfEveryAcknowledgedRequest() throws Exception {
		Path data = ServerProcess.freshDataDirectory("audit-durability", "sigterm");
		int acknowledged;
		try (ServerProcess server = ServerProcess.start(data)) {
			try (PatientLoad load = PatientLoad.start(server, 4)) {
				load.awaitAcknowledged(300);
				server.terminate();
				acknowledged = load.acknowledged().size();
			}
			assertThat(acknowledged).isGreaterThanOrEqualTo(300);
			assertThat(ServerProcess.lastLog(data)).doesNotContain("AuditEvent could not be stored");
		}
		try (ServerProcess restarted = ServerProcess.start(data)) {
			assertThat(count(restarted, CREATIONS)).isGreaterThanOrEqualTo(acknowledged);
		}
	}

	@Test
	void aServerKilledUnderLoadHasStoredTheEventOfEveryAcknowledgedRequest() throws Exception {
		Path data = ServerProcess.freshDataDirectory("audit-durability", "kill-9");
		int acknowledged;
		try (ServerProcess server = ServerProcess.start(data)) {
			try (PatientLoad load = PatientLoad.start(server, 4)) {
				load.awaitAcknowledged(100);
				server.process().destroyForcibly().waitFor();
				acknowledged = load.acknowledged().size();
			}
			try (ServerProcess restarted = ServerProcess.start(data)) {
				assertThat(acknowledged).isGreaterThanOrEqualTo(100);
				assertThat(count(restarted, CREATIONS)).isGreaterThanOrEqualTo(acknowledged);
			}
		}
	}

	/** The events a search finds, following its next links. */
	private static int count(ServerProcess server, String search) {
		int count = 0;
		String page = search;
		while (page != null) {
			HttpResponse<String> answer = page.startsWith("http")
					? ServerProcess.fhirAt(page.substring(0, page.indexOf("/fhir") + "/fhir".length()), "GET",
							page.substring(page.indexOf("/fhir") + "/fhir/".length()), null).orElseThrow()
					: server.fhir("GET", page, null).orElseThrow();
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
			Matcher entries = ENTRY.matcher(answer.body());
			while (entries.find()) {
				count++;
			}
			Matcher next = NEXT.matcher(answer.body());
			page = next.find() ? next.group(1) : null;
		}
		return count;
	}
}
