package org.immunis.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the server does with the database schema at start-up (docs/operations.md, "The database schema").
 *
 * @param onStart {@code migrate}: apply the pending migrations, HAPI's and the registry's, then start; servers starting
 *     together on one database take turns. {@code validate}: change nothing and refuse to start, saying what to do, when
 *     a migration is pending (the operator migrates by hand, see {@link SchemaMigration})
 */
@ConfigurationProperties("immunis.database.schema")
public record SchemaProperties(@DefaultValue("migrate") OnStart onStart) {

	public enum OnStart {
		MIGRATE,
		VALIDATE
	}
}
