package org.immunis.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The PostgreSQL the server starts by itself when no external database is configured.
 *
 * @param enabled whether to start it (off in production, where {@code spring.datasource.*} names the database)
 * @param dataDirectory where its files live; kept across restarts unless {@code cleanOnStart}
 * @param cleanOnStart wipe the data directory at start-up (tests)
 */
@ConfigurationProperties("immunis.database.embedded")
public record EmbeddedDatabaseProperties(boolean enabled, Path dataDirectory, boolean cleanOnStart) {}
