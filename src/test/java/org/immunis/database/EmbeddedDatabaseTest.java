package org.immunis.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

	private final EmbeddedDatabaseConfig config = new EmbeddedDatabaseConfig();

	@Test
	void dataSurvivesARestart(@TempDir Path dataDirectory) throws Exception {
		EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties(true, dataDirectory.resolve("postgres"), false);

		try (EmbeddedPostgres first = config.embeddedPostgres(properties);
				Connection connection = first.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create table kept (name text)");
			statement.execute("insert into kept values ('still here')");
		}

		try (EmbeddedPostgres second = config.embeddedPostgres(properties)) {
			assertThat(firstName(second.getPostgresDatabase())).isEqualTo("still here");
		}
	}

	@Test
	void cleanOnStartBeginsEmpty(@TempDir Path dataDirectory) throws Exception {
		EmbeddedDatabaseProperties keep = new EmbeddedDatabaseProperties(true, dataDirectory.resolve("postgres"), false);
		try (EmbeddedPostgres first = config.embeddedPostgres(keep);
				Connection connection = first.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create table wiped (name text)");
		}

		EmbeddedDatabaseProperties clean = new EmbeddedDatabaseProperties(true, dataDirectory.resolve("postgres"), true);
		try (EmbeddedPostgres second = config.embeddedPostgres(clean);
				Connection connection = second.getPostgresDatabase().getConnection();
				ResultSet tables = connection.getMetaData().getTables(null, "public", "wiped", null)) {
			assertThat(tables.next()).isFalse();
		}
	}

	private static String firstName(DataSource dataSource) throws Exception {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select name from kept")) {
			rows.next();
			return rows.getString(1);
		}
	}
}
