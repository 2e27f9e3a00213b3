package org.immunis.database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The PostgreSQL the server starts by itself when no external database is configured.
 *
 * @param enabled whether to start it (off in production, where {@code spring.datasource.*} names the database)
 * @param dataDirectory where its files live; kept across restarts unless {@code cleanOnStart}
 * @param cleanOnStart wipe the data directory at start-up (tests)
 * @param synchronousCommit PostgreSQL's {@code synchronous_commit}: {@code on} (a write is acknowledged once it is on
 *     disk) unless the operator trades durability for speed ({@code off}: a crash of the machine may lose the last
 *     acknowledged writes, though never leaves the database inconsistent)
 * @param port its TCP port on the loopback interface; 0 picks a free one at start-up
 * @param watchInterval how often the server checks that the database still runs, and restarts it when it died
 * @param settings further PostgreSQL settings by their {@code postgresql.conf} names, such as WAL archiving for
 *     point-in-time recovery ({@code archive_mode}, {@code archive_command}: docs/operations.md, "Backups")
 */
@ConfigurationProperties("immunis.database.embedded")
public record EmbeddedDatabaseProperties(
		boolean enabled,
		Path dataDirectory,
		boolean cleanOnStart,
		@DefaultValue("on") String synchronousCommit,
		@DefaultValue("0") int port,
		@DefaultValue("2s") Duration watchInterval,
		Map<String, String> settings) {

	public EmbeddedDatabaseProperties {
		settings = settings == null ? Map.of() : Map.copyOf(settings);
	}
}
