package org.immunis.database;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.HapiMigrationStorageSvc;
import ca.uhn.fhir.jpa.migrate.SchemaMigrator;
import ca.uhn.fhir.jpa.migrate.dao.HapiMigrationDao;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.util.FileSystemUtils;

/**
 * The schema comes from migrations, never from Hibernate (docs/operations.md, "The database schema"): two servers
 * starting together on a database of the release before migrate it once and serve every record it holds; two starting
 * together on an empty database make the whole schema through the migrations alone; a server that may only validate
 * refuses a database with a migration pending.
 *
 * <p>{@code previous-release.sql.gz} is a database of the release before this one (its schema made by Hibernate's
 * {@code hbm2ddl update}, the registry's tables made at start-up, no migration history) after its demo records loaded and
 * a few writes; its first lines say how it was made.
 */
class SchemaMigrationIT {

	private static final Path ROOT = Path.of("target", "schema-migration").toAbsolutePath();
	/** Stored for HAPI's own use, never served over REST (immunis.fhir.internal-resource-types). */
	private static final Set<String> INTERNAL_TYPES = Set.of("SearchParameter", "Task");

	@Test
	void twoServersMigrateADatabaseOfThePreviousReleaseOnceAndServeEveryRecordItHolds() throws Exception {
		try (EmbeddedDatabase database = EmbeddedDatabase.start(databaseIn(ROOT.resolve("upgrade")))) {
			JdbcTemplate jdbc = jdbc(database);
			loadPreviousRelease(database);
			// its bulk export would have expired (and been deleted) an hour after the dump was made
			jdbc.update("update immunis_export_job set expires_at = now() + interval '1 day'");
			List<Map<String, Object>> stored = jdbc.queryForList(
					"select res_type, fhir_id from hfj_resource where res_deleted_at is null order by res_type, fhir_id");
			Map<String, Integer> registryRows = registryRows(jdbc);
			assertThat(stored).hasSizeGreaterThan(20);
			long auditEvents = stored.stream().filter(record -> "AuditEvent".equals(record.get("res_type"))).count();
			assertThat(auditEvents).isPositive();
			assertThat(registryRows.get("immunis_objection")).isPositive();
			leaveTheLockOfAServerThatDiedMigrating(database);

			List<ServerProcess> servers = startTogether(ROOT.resolve("upgrade"), database);
			try {
				assertMigratedOnce(jdbc);
				assertThat(registryRows(jdbc)).isEqualTo(registryRows);
				// the AuditEvents HAPI stored were moved into the audit log, once, under their ids (read back below)
				assertThat(count(jdbc, "immunis_audit_event where legacy_id is not null")).isEqualTo(auditEvents);
				assertThat(jdbc.queryForObject("select count(*) from hfj_resource where res_type = 'AuditEvent'"
						+ " and res_deleted_at is null", Integer.class)).isZero();
				// HAPI's tuning, which Hibernate never made (V2)
				assertThat(jdbc.queryForObject("select array_to_string(reloptions, ',') from pg_class where relname = 'hfj_resource'",
						String.class)).contains("autovacuum_vacuum_scale_factor=0.01");
				assertThat(jdbc.queryForObject("select attstattarget from pg_attribute where attrelid = 'hfj_spidx_token'::regclass"
						+ " and attname = 'hash_sys_and_value'", Integer.class)).isEqualTo(10000);
				for (Map<String, Object> record : stored) {
					String type = (String) record.get("res_type");
					if (!INTERNAL_TYPES.contains(type)) {
						String path = type + "/" + record.get("fhir_id");
						HttpResponse<String> answer = servers.get(stored.indexOf(record) % 2).fhir("GET", path, null).orElseThrow();
						assertThat(answer.statusCode()).as("%s: %s", path, answer.body()).isEqualTo(200);
						assertThat(answer.body()).contains("\"id\":\"" + record.get("fhir_id") + "\"");
					}
				}
				assertThat(servers.get(0).fhir("POST", "Patient", PATIENT).orElseThrow().statusCode()).isEqualTo(201);
			} finally {
				servers.forEach(ServerProcess::close);
			}
		}
	}

	@Test
	void twoServersStartingTogetherOnAnEmptyDatabaseMakeTheSchemaThroughTheMigrationsAlone() throws Exception {
		try (EmbeddedDatabase database = EmbeddedDatabase.start(databaseIn(ROOT.resolve("fresh")))) {
			List<ServerProcess> servers = startTogether(ROOT.resolve("fresh"), database);
			try {
				assertMigratedOnce(jdbc(database));
				HttpResponse<String> created = servers.get(0).fhir("POST", "Patient", PATIENT).orElseThrow();
				assertThat(created.statusCode()).isEqualTo(201);
				String location = created.headers().firstValue("Location").orElseThrow();
				String path = location.substring(location.indexOf("Patient/")).replaceFirst("/_history/.*", "");
				assertThat(servers.get(1).fhir("GET", path, null).orElseThrow().statusCode()).isEqualTo(200);
			} finally {
				servers.forEach(ServerProcess::close);
			}
		}
	}

	@Test
	void aServerThatMayOnlyValidateRefusesADatabaseWithAMigrationPending() throws Exception {
		try (EmbeddedDatabase database = EmbeddedDatabase.start(databaseIn(ROOT.resolve("validate")))) {
			loadPreviousRelease(database);
			List<String> properties = new ArrayList<>(List.of(onDatabase(database)));
			properties.add("--immunis.database.schema.on-start=validate");
			try (ServerProcess server = ServerProcess.start(ROOT.resolve("validate").resolve("node"), properties.toArray(String[]::new))) {
				throw new AssertionError("started on a database with migrations pending, on port " + server.port());
			} catch (IllegalStateException refused) {
				assertThat(refused).hasMessageContaining("exited");
			}
			assertThat(ServerProcess.lastLog(ROOT.resolve("validate").resolve("node")))
					.contains("immunis.database.schema.on-start=migrate");
			assertThat(jdbc(database).queryForObject("select to_regclass('immunis_schema_history') is null", Boolean.class))
					.as("nothing was changed").isTrue();
		}
	}

	private static final String PATIENT = """
			{"resourceType":"Patient","identifier":[{"system":"urn:oid:2.16.840.1.113883.3.9999.1","value":"SCHEMA-1"}],
			 "name":[{"family":"Upgrade","given":["Ada"]}],"gender":"female","birthDate":"2020-02-02"}
			""";

	private static void loadPreviousRelease(EmbeddedDatabase database) throws Exception {
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
				InputStream dump = new GZIPInputStream(new ClassPathResource("database/previous-release.sql.gz").getInputStream())) {
			ScriptUtils.executeSqlScript(connection, new EncodedResource(new InputStreamResource(dump), StandardCharsets.UTF_8));
		}
	}

	/** HAPI's migration lock row, as a server killed while it migrated leaves it. */
	private static void leaveTheLockOfAServerThatDiedMigrating(EmbeddedDatabase database) {
		HapiMigrationStorageSvc history = new HapiMigrationStorageSvc(new HapiMigrationDao(
				new SingleConnectionDataSource(database.jdbcUrl(), "postgres", "", true), DriverTypeEnum.POSTGRES_9_4,
				SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME));
		history.createMigrationTableIfRequired();
		assertThat(history.insertLockRecord(UUID.randomUUID().toString())).isTrue();
	}

	private static EmbeddedDatabaseProperties databaseIn(Path folder) {
		FileSystemUtils.deleteRecursively(folder.toFile());
		return new EmbeddedDatabaseProperties(true, folder.resolve("database"), true, "on", 0, Duration.ofSeconds(2), Map.of());
	}

	private static String[] onDatabase(EmbeddedDatabase database) {
		return new String[] {
				"--immunis.database.embedded.enabled=false",
				"--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=postgres",
				"--spring.datasource.password=",
				"--spring.datasource.hikari.maximum-pool-size=8"};
	}

	private static List<ServerProcess> startTogether(Path folder, EmbeddedDatabase database) {
		List<CompletableFuture<ServerProcess>> starting = List.of("node1", "node2").stream()
				.map(node -> CompletableFuture.supplyAsync(() -> {
					try {
						return ServerProcess.start(folder.resolve(node), onDatabase(database));
					} catch (Exception e) {
						throw new IllegalStateException(e);
					}
				}))
				.toList();
		return starting.stream().map(CompletableFuture::join).toList();
	}

	/** Every HAPI task and registry migration of this release is recorded once, and none failed. */
	private static void assertMigratedOnce(JdbcTemplate jdbc) {
		assertThat(jdbc.queryForObject("select count(*) from \"FLY_HFJ_MIGRATION\" where not success", Integer.class)).isZero();
		assertThat(jdbc.queryForObject("select count(version) - count(distinct version) from \"FLY_HFJ_MIGRATION\"", Integer.class))
				.isZero();
		assertThat(jdbc.queryForList("select version from immunis_schema_history where success and version <> '0'"
				+ " order by installed_rank", String.class)).containsExactly("1", "2", "3");
	}

	private static Map<String, Integer> registryRows(JdbcTemplate jdbc) {
		return Map.of(
				"immunis_objection", count(jdbc, "immunis_objection"),
				"immunis_export_job", count(jdbc, "immunis_export_job"),
				"immunis_export_file", count(jdbc, "immunis_export_file"));
	}

	private static int count(JdbcTemplate jdbc, String table) {
		return jdbc.queryForObject("select count(*) from " + table, Integer.class);
	}

	private static JdbcTemplate jdbc(EmbeddedDatabase database) {
		return new JdbcTemplate(new SingleConnectionDataSource(database.jdbcUrl(), "postgres", "", true));
	}
}
