package org.immunis.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.FileSystemUtils;

/**
 * Runs a real PostgreSQL from binaries on the classpath, so that a fresh machine needs no database
 * installed and development, tests and production all speak to the same engine.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "immunis.database.embedded.enabled", havingValue = "true")
class EmbeddedDatabaseConfig {

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
		if (properties.cleanOnStart()) {
			FileSystemUtils.deleteRecursively(properties.dataDirectory());
		}
		Files.createDirectories(properties.dataDirectory());
		return EmbeddedPostgres.builder()
				.setDataDirectory(properties.dataDirectory().toAbsolutePath())
				// initdb runs only on an empty directory; an existing cluster is reopened as it is
				.setCleanDataDirectory(false)
				.setServerConfig("max_connections", "100")
				.setServerConfig("fsync", "on")
				.start();
	}

	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(EmbeddedPostgres postgres) {
		return DataSourceBuilder.create()
				.type(HikariDataSource.class)
				.url(postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true")
				.username("postgres")
				.password("")
				.build();
	}
}
