package org.immunis.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import org.immunis.RegistryIntegrationTest;
import org.immunis.SecondInstance;
import org.immunis.bulk.BulkFixture.State;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bulk export jobs as the database keeps them: cancelled with their files, taken over when their server stopped
 * reporting, expired after the configured time, and answered by any of two servers on one database.
 */
class BulkJobsIT extends RegistryIntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private DataSource dataSource;

	private static BulkFixture fixture;

	@BeforeEach
	void fixture() {
		if (fixture == null) {
			fixture = new BulkFixture(this::client);
		}
	}

	@Test
	void deleteCancelsAnExportAndItsFiles() throws Exception {
		BulkClient board = bulk(BulkFixture.token("board-of-health", fixture.board));
		String status = board.kickOff(BulkFixture.export(fixture.jurisdiction)).header("Content-Location");

		assertThat(board.delete(status).status()).isEqualTo(202);
		assertThat(board.get(status).status()).isEqualTo(404);
		assertThat(board.delete(status).status()).isEqualTo(404);
		Thread.sleep(1500);
		assertThat(jdbc.queryForObject("select count(*) from immunis_export_file where job_id = ?", Integer.class,
				status.substring(status.lastIndexOf('/') + 1))).isZero();
	}

	@Test
	void anExportWhoseServerStoppedReportingIsTakenOverAndCompletes() throws Exception {
		BulkClient board = bulk(BulkFixture.token("board-of-health", fixture.board));
		String status = board.kickOff(BulkFixture.export(fixture.jurisdiction)).header("Content-Location");
		String job = status.substring(status.lastIndexOf('/') + 1);
		// as if the server running it had crashed a while ago
		jdbc.update("update immunis_export_job set status = 'RUNNING', worker = 'a-server-that-crashed',"
				+ " heartbeat_at = now() - interval '1 hour' where id = ?", job);

		BulkClient.Export export = board.await(status);

		assertThat(fixture.ids(export)).isEqualTo(fixture.all(State.SHARING, State.WITHDRAWN, State.OFF_ROSTER));
	}

	@Test
	void finishedExportsExpireWithTheirFiles() throws Exception {
		BulkClient board = bulk(BulkFixture.token("board-of-health", fixture.board));
		String status = board.kickOff(BulkFixture.export(fixture.jurisdiction)).header("Content-Location");
		String file = board.manifest(status).get("output").get(0).get("url").asText();
		Instant expires = ZonedDateTime.parse(board.get(status).header("Expires"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
		assertThat(expires).as("immunis.bulk-export.file-lifetime: 1h")
				.isBetween(Instant.now().plus(Duration.ofMinutes(55)), Instant.now().plus(Duration.ofMinutes(61)));

		String job = status.substring(status.lastIndexOf('/') + 1);
		jdbc.update("update immunis_export_job set expires_at = now() - interval '1 second' where id = ?", job);
		Thread.sleep(1500);

		assertThat(board.get(status).status()).isEqualTo(404);
		assertThat(board.get(file).status()).isEqualTo(404);
		assertThat(jdbc.queryForObject("select count(*) from immunis_export_file where job_id = ?", Integer.class, job)).isZero();
	}

	@Test
	void twoServersOnOneDatabaseAnswerForTheSameExports() throws Exception {
		try (ConfigurableApplicationContext second = SecondInstance.start(dataSource)) {
			String secondBase = SecondInstance.fhirBase(second);
			String token = BulkFixture.token("board-of-health", fixture.board);
			String kickOff = BulkFixture.export(fixture.jurisdiction);
			String secondRoot = secondBase.substring(0, secondBase.length() - "/fhir".length());

			String startedOnFirst = bulk(token).kickOff(kickOff).header("Content-Location");
			BulkClient.Export polledOnSecond = new BulkClient(secondBase, token, fhirContext)
					.await(startedOnFirst.replace(root(), secondRoot));
			assertThat(fixture.ids(polledOnSecond)).isEqualTo(fixture.all(State.SHARING, State.WITHDRAWN, State.OFF_ROSTER));

			String startedOnSecond = new BulkClient(secondBase, token, fhirContext).kickOff(kickOff).header("Content-Location");
			assertThat(startedOnSecond).startsWith(secondRoot);
			assertThat(fixture.ids(bulk(token).await(startedOnSecond.replace(secondRoot, root()))))
					.isEqualTo(fixture.all(State.SHARING, State.WITHDRAWN, State.OFF_ROSTER));
			assertThat(bulk(token).delete(startedOnSecond.replace(secondRoot, root())).status()).isEqualTo(202);
			assertThat(new BulkClient(secondBase, token, fhirContext).get(startedOnSecond).status()).isEqualTo(404);
		}
	}

	private BulkClient bulk(String token) {
		return new BulkClient(baseUrl(), token, fhirContext);
	}

	private String root() {
		return baseUrl().substring(0, baseUrl().length() - "/fhir".length());
	}
}
