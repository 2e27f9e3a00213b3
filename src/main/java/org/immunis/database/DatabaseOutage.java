package org.immunis.database;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failure means that the database cannot be reached (lost, stopped, starting), as opposed to a statement it
 * refused. Decided from the standard parts of JDBC only: the pool's "no connection in time", and the SQLSTATE classes of
 * a lost connection ({@code 08}) and of a server shutting down or starting up ({@code 57P}).
 */
public final class DatabaseOutage {

	private static final int MAX_CAUSES = 32;

	private DatabaseOutage() {}

	public static boolean causes(Throwable failure) {
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
			if (cause instanceof SQLTransientConnectionException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
				return true;
			}
		}
		return false;
	}
}
