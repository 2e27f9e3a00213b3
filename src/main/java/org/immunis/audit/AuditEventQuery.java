package org.immunis.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A search of the audit log in SQL: conditions joined by {@code and}, each of a value list joined by {@code or}, and an
 * order. Built from what the request asked; every value is a bound argument.
 */
final class AuditEventQuery {

	/** How a comparison of the recorded time reads in SQL. */
	enum Comparison {
		EQ("="), LT("<"), LE("<="), GT(">"), GE(">=");

		private final String sql;

		Comparison(String sql) {
			this.sql = sql;
		}
	}

	private final List<String> conditions = new ArrayList<>();
	private final List<Object> arguments = new ArrayList<>();
	private String orderBy = " order by seq";

	/** Events about one of these patients (logical ids). */
	AuditEventQuery patients(Collection<String> ids) {
		return anyOf("patient", ids.toArray(String[]::new), "varchar");
	}

	/** Events with one of these outcome codes (0, 4, 8). */
	AuditEventQuery outcomes(Collection<String> codes) {
		return anyOf("outcome", codes.toArray(String[]::new), "bpchar");
	}

	/** Events with one of these actions (C, R, U, D, E). */
	AuditEventQuery actions(Collection<String> codes) {
		return anyOf("action", codes.toArray(String[]::new), "bpchar");
	}

	/** Events with one of these ids, as served (a logged event's UUID or a copied event's former id). */
	AuditEventQuery ids(Collection<String> ids) {
		List<UUID> logged = new ArrayList<>();
		List<String> legacy = new ArrayList<>();
		for (String id : ids) {
			if (isUuid(id)) {
				logged.add(UUID.fromString(id));
			}
			// a copied event keeps its former id, which HAPI may have made a UUID too
			legacy.add(id);
		}
		conditions.add("(id = any(?) or legacy_id = any(?))");
		arguments.add(new SqlArray("uuid", logged.toArray()));
		arguments.add(new SqlArray("varchar", legacy.toArray()));
		return this;
	}

	AuditEventQuery recorded(Comparison comparison, Instant instant) {
		conditions.add("recorded " + comparison.sql + " ?");
		arguments.add(Timestamp.from(instant));
		return this;
	}

	/** Newest first, or oldest first, by the recorded time. */
	AuditEventQuery byRecorded(boolean descending) {
		orderBy = descending ? " order by recorded desc, seq desc" : " order by recorded, seq";
		return this;
	}

	private AuditEventQuery anyOf(String column, Object[] values, String sqlType) {
		conditions.add(column + " = any(?)");
		arguments.add(new SqlArray(sqlType, values));
		return this;
	}

	String where() {
		return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
	}

	String orderBy() {
		return orderBy;
	}

	List<Object> arguments() {
		return List.copyOf(arguments);
	}

	static boolean isUuid(String id) {
		return id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
	}

	/** An array argument: its SQL element type and values. */
	record SqlArray(String type, Object[] values) {}
}
