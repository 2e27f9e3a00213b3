package org.immunis.database;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs a real PostgreSQL from binaries on the classpath, so that a fresh machine needs no database
 * installed and development, tests and production all speak to the same engine.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "immunis.database.embedded.enabled", havingValue = "true")
class EmbeddedDatabaseConfig {

	/** Closed after the data source, which depends on it, and so after the web server has drained its requests. */
	@Bean(destroyMethod = "close")
	EmbeddedDatabase embeddedDatabase(EmbeddedDatabaseProperties properties) throws IOException {
		return EmbeddedDatabase.start(properties);
	}

	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(EmbeddedDatabase database) {
		return DataSourceBuilder.create()
				.type(HikariDataSource.class)
				.url(database.jdbcUrl() + "&reWriteBatchedInserts=true")
				.username("postgres")
				.password("")
				.build();
	}
}
