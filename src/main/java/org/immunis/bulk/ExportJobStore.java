package org.immunis.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk export jobs and their output files, in tables of the registry's own ({@code immunis_export_job},
 * {@code immunis_export_file}), so that every server on the database answers for every job: any of them may run it, poll
 * it, serve its files or cancel it. A job is claimed with a row lock that other servers skip; a running job reports
 * (heartbeat) after every batch, and one whose server stopped reporting is taken over and started again.
 */
@Component
class ExportJobStore {

	private static final String JOBS = "immunis_export_job";
	private static final String FILES = "immunis_export_file";
	private static final String JOB_COLUMNS = "id, owner, claims, request, status, transaction_time, progress, error, expires_at";
	private static final ObjectMapper JSON = new ObjectMapper();

	private final JdbcTemplate jdbc;
	private final TransactionTemplate transaction;

	ExportJobStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	String create(String owner, Map<String, Object> claims, ExportRequest request) {
		String id = UUID.randomUUID().toString();
		jdbc.update("insert into " + JOBS + " (id, owner, claims, request, status, created_at, progress)"
				+ " values (?, ?, ?, ?, 'QUEUED', now(), 'queued')", id, owner, write(claims), write(request.toMap()));
		return id;
	}

	/** The job, unless it expired (whether or not it was deleted yet). */
	Optional<ExportJob> find(String id) {
		return jdbc.query("select " + JOB_COLUMNS + " from " + JOBS + " where id = ? and (expires_at is null or expires_at > now())",
				this::job, id).stream().findFirst();
	}

	/** Deletes the job and its files; a server running it stops at its next report. */
	boolean delete(String id) {
		return jdbc.update("delete from " + JOBS + " where id = ?", id) == 1;
	}

	/**
	 * Claims the oldest queued job, or one whose server stopped reporting for longer than {@code stalledAfter}: it starts
	 * afresh (the files written before are deleted) with a new transaction time.
	 */
	Optional<ExportJob> claimNext(String worker, Duration stalledAfter) {
		return transaction.execute(status -> {
			List<String> ids = jdbc.queryForList("select id from " + JOBS + " where status = 'QUEUED' or (status = 'RUNNING'"
					+ " and heartbeat_at < now() - make_interval(secs => ?)) order by created_at limit 1 for update skip locked",
					String.class, (double) stalledAfter.toMillis() / 1000);
			if (ids.isEmpty()) {
				return Optional.<ExportJob>empty();
			}
			String id = ids.get(0);
			jdbc.update("delete from " + FILES + " where job_id = ?", id);
			jdbc.update("update " + JOBS + " set status = 'RUNNING', worker = ?, heartbeat_at = now(), transaction_time = now(),"
					+ " progress = 'started' where id = ?", worker, id);
			return find(id);
		});
	}

	/** Reports progress; false when the job is no longer this worker's (cancelled, or taken over). */
	boolean report(String id, String worker, String progress) {
		return jdbc.update("update " + JOBS + " set heartbeat_at = now(), progress = ? where id = ? and worker = ?"
				+ " and status = 'RUNNING'", progress, id, worker) == 1;
	}

	/** Puts a job this server will not finish back in the queue, for any server to start again. */
	void requeue(String id, String worker) {
		jdbc.update("update " + JOBS + " set status = 'QUEUED', worker = null, progress = 'queued again: its server stopped'"
				+ " where id = ? and worker = ? and status = 'RUNNING'", id, worker);
	}

	/** Stores an output file; false when the job is no longer this worker's. */
	boolean addFile(String id, String worker, int number, String type, int count, List<String> patients, byte[] ndjson) {
		return Boolean.TRUE.equals(transaction.execute(status -> {
			List<String> mine = jdbc.queryForList("select id from " + JOBS + " where id = ? and worker = ? and status = 'RUNNING'"
					+ " for update", String.class, id, worker);
			if (mine.isEmpty()) {
				return false;
			}
			jdbc.update("insert into " + FILES + " (job_id, number, resource_type, resource_count, patients, content)"
					+ " values (?, ?, ?, ?, ?, ?)", id, number, type, count, String.join(",", patients), ndjson);
			return true;
		}));
	}

	void complete(String id, String worker, String progress, Instant expiresAt) {
		jdbc.update("update " + JOBS + " set status = 'COMPLETED', progress = ?, expires_at = ? where id = ? and worker = ?"
				+ " and status = 'RUNNING'", progress, Timestamp.from(expiresAt), id, worker);
	}

	void fail(String id, String worker, String error, Instant expiresAt) {
		jdbc.update("update " + JOBS + " set status = 'FAILED', error = ?, expires_at = ? where id = ? and worker = ?"
				+ " and status = 'RUNNING'", error, Timestamp.from(expiresAt), id, worker);
	}

	List<ExportJob.OutputFile> files(String id) {
		return jdbc.query("select number, resource_type, resource_count from " + FILES + " where job_id = ? order by number",
				(row, n) -> new ExportJob.OutputFile(row.getInt(1), row.getString(2), row.getInt(3)), id);
	}

	Optional<ExportJob.FileContent> file(String id, int number) {
		return jdbc.query("select resource_type, content, patients from " + FILES + " where job_id = ? and number = ?",
				(row, n) -> new ExportJob.FileContent(row.getString(1), row.getBytes(2),
						row.getString(3).isEmpty() ? List.of() : Arrays.asList(row.getString(3).split(","))),
				id, number).stream().findFirst();
	}

	/** Deletes the jobs (and files) past their expiry. */
	int deleteExpired() {
		return jdbc.update("delete from " + JOBS + " where expires_at < now()");
	}

	private ExportJob job(ResultSet row, int number) throws SQLException {
		Timestamp transactionTime = row.getTimestamp("transaction_time");
		Timestamp expiresAt = row.getTimestamp("expires_at");
		return new ExportJob(row.getString("id"), row.getString("owner"), read(row.getString("claims")),
				ExportRequest.fromMap(read(row.getString("request"))), ExportJob.Status.valueOf(row.getString("status")),
				transactionTime == null ? null : transactionTime.toInstant(), row.getString("progress"), row.getString("error"),
				expiresAt == null ? null : expiresAt.toInstant());
	}

	private static String write(Map<String, Object> value) {
		try {
			return JSON.writeValueAsString(value);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	private static Map<String, Object> read(String json) {
		try {
			return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
		} catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}
}
