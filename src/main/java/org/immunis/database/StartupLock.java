package org.immunis.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Lets servers starting together on one database do their start-up work on it one at a time (a PostgreSQL advisory
 * lock): the schema migrations, and the records every server stores at start-up under fixed ids (search parameters),
 * which two servers would otherwise both try to create first.
 */
@Component
public class StartupLock {

	/** "immunis" in ASCII. */
	private static final long KEY = 0x696d6d756e6973L;

	private final DataSource dataSource;

	StartupLock(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** Runs the work while no other server runs start-up work on this database. */
	public void runAlone(Runnable work) {
		try (Connection lock = dataSource.getConnection()) {
			call(lock, "select pg_advisory_lock(?)");
			try {
				work.run();
			} finally {
				call(lock, "select pg_advisory_unlock(?)");
			}
		} catch (SQLException e) {
			throw new IllegalStateException("Could not take the start-up lock on the database: " + e.getMessage(), e);
		}
	}

	private static void call(Connection connection, String lockFunction) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(lockFunction)) {
			statement.setLong(1, KEY);
			statement.execute();
		}
	}
}
