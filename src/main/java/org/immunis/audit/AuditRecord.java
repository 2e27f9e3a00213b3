package org.immunis.audit;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One audited request, in plain terms (IHE Basic Audit Log Patterns): who, for whom, which patients, what, when, outcome.
 *
 * @param subject the token's subject
 * @param clientId the client application
 * @param role the requester's role (claim value)
 * @param organization the organization acted for ({@code Organization/123}) or null
 * @param actingFor the patients the requester acts for (a patient or guardian)
 * @param interaction the RESTful interaction ({@code read}, {@code search-type}, {@code operation}, ...)
 * @param action C, R, U, D or E (execute: searches and operations)
 * @param target what was asked for: the resource id or type
 * @param query the query string of a search, or null
 * @param patients the patients whose records were disclosed or asked for
 * @param status the HTTP status answered
 * @param outcomeText why a request failed, or null
 * @param recorded when
 */
record AuditRecord(
		String subject,
		String clientId,
		String role,
		String organization,
		Set<String> actingFor,
		String interaction,
		String action,
		String target,
		String query,
		List<String> patients,
		int status,
		String outcomeText,
		Instant recorded) {

	/**
	 * One record per patient (IHE Basic Audit Log Patterns): each patient's accounting of disclosures lists the request,
	 * and none shows another patient.
	 */
	List<AuditRecord> perPatient() {
		if (patients.size() <= 1) {
			return List.of(this);
		}
		return patients.stream()
				.map(patient -> new AuditRecord(subject, clientId, role, organization, actingFor, interaction, action, target,
						query, List.of(patient), status, outcomeText, recorded))
				.toList();
	}
}
