package org.immunis.audit;

import java.time.Instant;
import java.util.List;
import org.immunis.identity.Requester;
import org.springframework.stereotype.Component;

/**
 * The audit trail for work that is not a FHIR request (a bulk export's job and its file downloads): the same
 * AuditEvents, one per patient whose records were disclosed, written by the same writer; stored when this returns.
 */
@Component
public class AuditLog {

	private final AuditEventWriter writer;

	AuditLog(AuditEventWriter writer) {
		this.writer = writer;
	}

	/**
	 * @param interaction what was done, e.g. {@code bulk-export-file}
	 * @param target what it was done on (a job or file URL)
	 * @param patients the patients whose records were disclosed
	 * @param status the HTTP status answered (or 200 for work that succeeded)
	 * @param why why it failed, or null
	 */
	public void record(Requester requester, String interaction, String target, List<String> patients, int status, String why) {
		AuditEventWriter.awaitStored(writer.write(new AuditRecord(requester.subject(), requester.clientId(),
				requester.role() == null ? null : requester.role().claimValue(), requester.organization(), requester.patients(),
				interaction, "E", target, null, patients, status, why, Instant.now())));
	}
}
