package org.immunis.database;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.HapiMigrationLock;
import ca.uhn.fhir.jpa.migrate.HapiMigrationStorageSvc;
import ca.uhn.fhir.jpa.migrate.SchemaMigrator;
import ca.uhn.fhir.jpa.migrate.dao.HapiMigrationDao;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database schema of this release, in two parts with their own history: HAPI's tables by HAPI's own migration tasks
 * (those of its CLI's {@code migrate-database}, history in {@code FLY_HFJ_MIGRATION}) and the registry's own tables by
 * Flyway's versioned migrations under {@code db/registry} (history in {@code immunis_schema_history}).
 *
 * <p>A database of the release before (its schema made by Hibernate, no history) is migrated like any other: HAPI's
 * tasks check what is there before they change it, and the registry's first migration creates only missing tables.
 */
final class SchemaMigration {

	private static final String HAPI_HISTORY = SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME;
	private static final String REGISTRY_HISTORY = "immunis_schema_history";
	private static final String REGISTRY_MIGRATIONS = "classpath:db/registry";

	private final DataSource dataSource;
	private final SchemaMigrator hapi;
	private final Flyway registry;

	SchemaMigration(DataSource dataSource) {
		this.dataSource = dataSource;
		this.hapi = new SchemaMigrator("HAPI FHIR", HAPI_HISTORY, dataSource, new Properties(),
				new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values()),
				new HapiMigrationStorageSvc(new HapiMigrationDao(dataSource, DriverTypeEnum.POSTGRES_9_4, HAPI_HISTORY)));
		this.hapi.setDriverType(DriverTypeEnum.POSTGRES_9_4);
		this.registry = Flyway.configure()
				.dataSource(dataSource)
				.locations(REGISTRY_MIGRATIONS)
				.table(REGISTRY_HISTORY)
				// a database of the release before holds HAPI's tables and no history of ours: start from version 1
				.baselineOnMigrate(true)
				.baselineVersion("0")
				.load();
	}

	/** Applies what is pending; run under the {@link StartupLock}, so by one server at a time. */
	void migrate() {
		hapi.createMigrationTableIfRequired();
		// no other server migrates while this one holds the start-up lock: a lock row of HAPI's is one a server left dying
		new JdbcTemplate(dataSource).update("delete from \"" + HAPI_HISTORY + "\" where \"installed_rank\" = ?",
				HapiMigrationLock.LOCK_PID);
		hapi.migrate();
		registry.migrate();
	}

	/** Refuses a database with a migration pending, saying how to migrate it. */
	void validate() {
		try {
			hapi.validate();
			registry.validate();
		} catch (RuntimeException e) {
			throw new IllegalStateException("The database schema is not this release's and immunis.database.schema.on-start"
					+ " is 'validate', so the server does not change it. Migrate it: start one server once with"
					+ " immunis.database.schema.on-start=migrate (docs/operations.md, \"The database schema\"). Found: "
					+ e.getMessage(), e);
		}
	}
}
