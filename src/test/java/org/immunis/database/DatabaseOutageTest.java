package org.immunis.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

	@Test
	void thePoolGivingNoConnectionInTimeIsAnOutage() {
		assertThat(DatabaseOutage.causes(new IllegalStateException("could not open",
				new SQLTransientConnectionException("Connection is not available, request timed out after 3000ms")))).isTrue();
	}

	@Test
	void aLostConnectionOrAServerShuttingDownIsAnOutage() {
		assertThat(DatabaseOutage.causes(new RuntimeException(new SQLException("Connection refused", "08001")))).isTrue();
		assertThat(DatabaseOutage.causes(new SQLException("An I/O error occurred", "08006"))).isTrue();
		assertThat(DatabaseOutage.causes(new SQLException("terminating connection due to administrator command", "57P01")))
				.isTrue();
		assertThat(DatabaseOutage.causes(new SQLException("the database system is starting up", "57P03"))).isTrue();
	}

	@Test
	void aStatementTheDatabaseRefusedIsNotAnOutage() {
		assertThat(DatabaseOutage.causes(new RuntimeException(new SQLException("duplicate key", "23505")))).isFalse();
		assertThat(DatabaseOutage.causes(new SQLException("canceling statement due to user request", "57014"))).isFalse();
		assertThat(DatabaseOutage.causes(new SQLException("no state"))).isFalse();
		assertThat(DatabaseOutage.causes(new IllegalArgumentException("bad"))).isFalse();
	}
}
