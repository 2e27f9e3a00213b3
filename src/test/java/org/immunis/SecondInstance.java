package org.immunis;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A second registry server on the integration tests' database, as a second instance behind a load balancer would run. */
public final class SecondInstance {

	private SecondInstance() {}

	/** Starts it; close it when done. */
	public static ConfigurableApplicationContext start(DataSource dataSource) {
		HikariDataSource database = (HikariDataSource) dataSource;
		return new SpringApplicationBuilder(ImmunisApplication.class)
				.profiles("test")
				// command-line arguments, so that they win over the profile's files (which start an embedded database)
				.run(
						"--server.port=0",
						"--immunis.database.embedded.enabled=false",
						"--spring.datasource.url=" + database.getJdbcUrl(),
						"--spring.datasource.username=" + database.getUsername(),
						"--spring.datasource.password=" + (database.getPassword() == null ? "" : database.getPassword()),
						"--immunis.data-directory=target/test-data-second",
						"--spring.datasource.hikari.maximum-pool-size=5");
	}

	/** Its FHIR base URL. */
	public static String fhirBase(ConfigurableApplicationContext second) {
		return "http://localhost:" + second.getEnvironment().getProperty("local.server.port") + "/fhir";
	}
}
