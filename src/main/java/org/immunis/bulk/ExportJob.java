package org.immunis.bulk;

import java.time.Instant;
import java.util.Map;

/**
 * One bulk export, as the database keeps it.
 *
 * @param id the job's id (a UUID), the last part of its status URL
 * @param owner who started it (token issuer, subject and client); only they may see its status and files
 * @param claims the starting token's claims, from which the job derives its requester (the identity it decides as)
 * @param request what was asked for
 * @param status queued, running, completed or failed
 * @param transactionTime when the export started reading (the manifest's {@code transactionTime}); null while queued
 * @param progress what the job has done so far, in words
 * @param error why the job failed, for the client; null unless failed
 * @param expiresAt when the job and its files are deleted; null until it ends
 */
record ExportJob(String id, String owner, Map<String, Object> claims, ExportRequest request, Status status,
		Instant transactionTime, String progress, String error, Instant expiresAt) {

	enum Status {
		QUEUED, RUNNING, COMPLETED, FAILED
	}

	/** One output file of a job (without its content). */
	record OutputFile(int number, String type, int count) {}

	/** An output file's content and the patients whose records it holds (for the audit trail). */
	record FileContent(String type, byte[] ndjson, java.util.List<String> patients) {}
}
