package org.immunis.bulk;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.immunis.audit.AuditLog;
import org.immunis.fhir.FhirServerProperties;
import org.immunis.identity.Requester;
import org.immunis.identity.RequesterClaims;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A bulk export's status (poll), cancellation (DELETE) and output files, at {@code /bulk-export/[job]}: only for a token
 * of the requester who started it (same issuer, subject and client); for anyone else, and after the files expired, a
 * job answers exactly as one that never existed (404). File downloads are audited with the patients they disclose.
 */
@RestController
class BulkExportController {

	private static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");
	private static final MediaType NDJSON = MediaType.parseMediaType(ExportParameters.NDJSON);
	private static final ObjectMapper JSON = new ObjectMapper();

	private final ExportJobStore store;
	private final RequesterClaims requesterClaims;
	private final AuditLog audit;
	private final FhirContext fhirContext;
	private final FhirServerProperties fhirServer;
	private final BulkExportProperties properties;

	BulkExportController(ExportJobStore store, RequesterClaims requesterClaims, AuditLog audit, FhirContext fhirContext,
			FhirServerProperties fhirServer, BulkExportProperties properties) {
		this.store = store;
		this.requesterClaims = requesterClaims;
		this.audit = audit;
		this.fhirContext = fhirContext;
		this.fhirServer = fhirServer;
		this.properties = properties;
	}

	@GetMapping(ExportUrls.PATH + "/{jobId}")
	ResponseEntity<String> status(@PathVariable String jobId, JwtAuthenticationToken token) throws Exception {
		Optional<ExportJob> found = owned(jobId, token);
		if (found.isEmpty()) {
			return notKnown(jobId);
		}
		ExportJob job = found.get();
		switch (job.status()) {
			case QUEUED, RUNNING:
				return ResponseEntity.status(HttpStatus.ACCEPTED)
						.header("X-Progress", job.progress())
						.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, properties.retryAfter().toSeconds())))
						.build();
			case FAILED:
				return outcome(HttpStatus.INTERNAL_SERVER_ERROR, OperationOutcome.IssueSeverity.ERROR,
						OperationOutcome.IssueType.EXCEPTION, job.error());
			default:
				return ResponseEntity.ok()
						.contentType(MediaType.APPLICATION_JSON)
						.header(HttpHeaders.EXPIRES, DateTimeFormatter.RFC_1123_DATE_TIME.format(job.expiresAt().atOffset(ZoneOffset.UTC)))
						.body(JSON.writeValueAsString(manifest(job)));
		}
	}

	@DeleteMapping(ExportUrls.PATH + "/{jobId}")
	ResponseEntity<String> cancel(@PathVariable String jobId, JwtAuthenticationToken token) {
		if (owned(jobId, token).isEmpty() || !store.delete(jobId)) {
			return notKnown(jobId);
		}
		audit.record(requester(token), "bulk-export-cancel", ExportUrls.PATH + "/" + jobId, List.of(), 202, null);
		return outcome(HttpStatus.ACCEPTED, OperationOutcome.IssueSeverity.INFORMATION, OperationOutcome.IssueType.INFORMATIONAL,
				"The export was cancelled and its files deleted");
	}

	@GetMapping(ExportUrls.PATH + "/{jobId}/{number}")
	ResponseEntity<byte[]> file(@PathVariable String jobId, @PathVariable String number, JwtAuthenticationToken token) {
		Optional<ExportJob.FileContent> file = owned(jobId, token)
				.filter(job -> job.status() == ExportJob.Status.COMPLETED && number.matches("\\d{1,9}"))
				.flatMap(job -> store.file(jobId, Integer.parseInt(number)));
		if (file.isEmpty()) {
			ResponseEntity<String> unknown = notKnown(jobId + "/" + number);
			return ResponseEntity.status(unknown.getStatusCode()).contentType(FHIR_JSON).body(unknown.getBody().getBytes());
		}
		audit.record(requester(token), "bulk-export-file", ExportUrls.PATH + "/" + jobId + "/" + number, file.get().patients(),
				200, null);
		return ResponseEntity.ok().contentType(NDJSON).body(file.get().ndjson());
	}

	private ObjectNode manifest(ExportJob job) {
		String fhirBase = fhirBase();
		ObjectNode manifest = JSON.createObjectNode();
		manifest.put("transactionTime", job.transactionTime().toString());
		manifest.put("request", job.request().url());
		manifest.put("requiresAccessToken", true);
		ArrayNode output = manifest.putArray("output");
		for (ExportJob.OutputFile file : store.files(job.id())) {
			output.addObject().put("type", file.type()).put("url", ExportUrls.file(fhirBase, job.id(), file.number()))
					.put("count", file.count());
		}
		manifest.putArray("error");
		return manifest;
	}

	private String fhirBase() {
		String configured = fhirServer.serverAddress();
		return configured != null && !configured.isBlank() ? configured
				: ServletUriComponentsBuilder.fromCurrentContextPath().path("/fhir").toUriString();
	}

	private Optional<ExportJob> owned(String jobId, JwtAuthenticationToken token) {
		String owner = ExportOwner.of(token.getTokenAttributes());
		return jobId.length() > 36 ? Optional.empty() : store.find(jobId).filter(job -> job.owner().equals(owner));
	}

	private Requester requester(JwtAuthenticationToken token) {
		return requesterClaims.requesterOf(token.getTokenAttributes());
	}

	private ResponseEntity<String> notKnown(String what) {
		return outcome(HttpStatus.NOT_FOUND, OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueType.NOTFOUND,
				"Bulk export " + what + " is not known");
	}

	private ResponseEntity<String> outcome(HttpStatus status, OperationOutcome.IssueSeverity severity,
			OperationOutcome.IssueType type, String text) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(severity).setCode(type).setDiagnostics(text);
		return ResponseEntity.status(status).contentType(FHIR_JSON).body(fhirContext.newJsonParser().encodeResourceToString(outcome));
	}
}
