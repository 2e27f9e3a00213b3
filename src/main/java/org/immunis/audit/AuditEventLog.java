package org.immunis.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit trail's table ({@code immunis_audit_event}): an append-only log, one row per AuditEvent. Rows are inserted
 * in batches, one transaction per batch, and never changed; they are read back by id or by an {@link AuditEventQuery}.
 */
@Component
class AuditEventLog {

	private static final String COLUMNS = "id, recorded, patient, patient_stored, subject, client_id, role, organization,"
			+ " acting_for, interaction, action, target, query, status, outcome_text, legacy_id, legacy_resource";

	private final JdbcTemplate jdbc;

	AuditEventLog(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores the events (one patient each) in one transaction, with one batch of inserts. */
	void append(List<LoggedEvent> events) {
		jdbc.execute((ConnectionCallback<Void>) connection -> {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection.prepareStatement("insert into immunis_audit_event (recorded, patient,"
					+ " patient_stored, subject, client_id, role, organization, acting_for, interaction, action, target, query,"
					+ " status, outcome_text, outcome) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
				for (LoggedEvent event : events) {
					bind(connection, insert, event);
					insert.addBatch();
				}
				insert.executeBatch();
				connection.commit();
			} catch (SQLException | RuntimeException e) {
				connection.rollback();
				throw e;
			} finally {
				connection.setAutoCommit(autoCommit);
			}
			return null;
		});
	}

	/** Copies an AuditEvent the release before stored as a HAPI resource, once: its id and JSON are kept as they were. */
	void appendLegacy(String id, String json, String patient, Instant recorded, String action, String outcome) {
		jdbc.update("insert into immunis_audit_event (recorded, patient, patient_stored, acting_for, interaction, action, status,"
						+ " outcome, legacy_id, legacy_resource) values (?, ?, ?, '{}', 'legacy', ?, 0, ?, ?, ?)"
						+ " on conflict (legacy_id) do nothing",
				Timestamp.from(recorded), patient, patient != null, action, outcome, id, json);
	}

	private static void bind(Connection connection, PreparedStatement insert, LoggedEvent event) throws SQLException {
		AuditRecord record = event.record();
		insert.setTimestamp(1, Timestamp.from(record.recorded()));
		insert.setString(2, record.patients().isEmpty() ? null : record.patients().get(0));
		insert.setBoolean(3, event.patientStored());
		insert.setString(4, record.subject());
		insert.setString(5, record.clientId());
		insert.setString(6, record.role());
		insert.setString(7, record.organization());
		Array actingFor = connection.createArrayOf("text", record.actingFor().toArray());
		insert.setArray(8, actingFor);
		insert.setString(9, record.interaction());
		insert.setString(10, record.action());
		insert.setString(11, record.target());
		insert.setString(12, record.query());
		insert.setInt(13, record.status());
		if (record.outcomeText() == null) {
			insert.setNull(14, Types.VARCHAR);
		} else {
			insert.setString(14, record.outcomeText());
		}
		insert.setString(15, AuditEvents.outcomeCode(record.status()));
	}

	/** The event with this id (as served), if stored. */
	Optional<StoredAuditEvent> byId(String id) {
		// a copied event keeps its former id, which HAPI may have made a UUID too
		List<StoredAuditEvent> found = AuditEventQuery.isUuid(id)
				? jdbc.query("select " + COLUMNS + " from immunis_audit_event where id = ? or legacy_id = ?", this::row,
						UUID.fromString(id), id)
				: jdbc.query("select " + COLUMNS + " from immunis_audit_event where legacy_id = ?", this::row, id);
		return found.stream().findFirst();
	}

	/** One page of the events a query matches, in its order. */
	List<StoredAuditEvent> page(AuditEventQuery query, int offset, int count) {
		List<Object> arguments = new ArrayList<>(query.arguments());
		arguments.add(count);
		arguments.add(offset);
		return jdbc.query("select " + COLUMNS + " from immunis_audit_event" + query.where() + query.orderBy() + " limit ? offset ?",
				statement -> {
					for (int i = 0; i < arguments.size(); i++) {
						if (arguments.get(i) instanceof AuditEventQuery.SqlArray array) {
							statement.setArray(i + 1, statement.getConnection().createArrayOf(array.type(), array.values()));
						} else {
							statement.setObject(i + 1, arguments.get(i));
						}
					}
				}, this::row);
	}

	private StoredAuditEvent row(ResultSet row, int number) throws SQLException {
		String legacyId = row.getString("legacy_id");
		if (legacyId != null) {
			return StoredAuditEvent.legacy(legacyId, row.getString("legacy_resource"));
		}
		String patient = row.getString("patient");
		Set<String> actingFor = new LinkedHashSet<>(List.of((String[]) row.getArray("acting_for").getArray()));
		AuditRecord record = new AuditRecord(row.getString("subject"), row.getString("client_id"), row.getString("role"),
				row.getString("organization"), actingFor, row.getString("interaction"), row.getString("action"),
				row.getString("target"), row.getString("query"), patient == null ? List.of() : List.of(patient),
				row.getInt("status"), row.getString("outcome_text"), row.getTimestamp("recorded").toInstant());
		return StoredAuditEvent.logged(row.getObject("id", UUID.class).toString(),
				new LoggedEvent(record, row.getBoolean("patient_stored")));
	}
}
