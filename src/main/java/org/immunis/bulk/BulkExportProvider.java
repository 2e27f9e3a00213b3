package org.immunis.bulk;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.fhir.FhirProvider;
import org.immunis.identity.Requester;
import org.immunis.records.RecordKind;
import org.immunis.records.RecordTypes;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The bulk export kick-off (FHIR Bulk Data Access 2.0): {@code [base]/$export}, {@code [base]/Patient/$export} and
 * {@code [base]/Group/[id]/$export}, with {@code Prefer: respond-async}. Checks who asks and what, keeps the job with the
 * requester's identity and answers 202 with the status URL in {@code Content-Location}. The Group must be one the
 * requester may read (its managing organization): another answers as an unknown one (the registry's read path guard).
 */
final class BulkExportProvider implements FhirProvider {

	private final ExportJobStore store;
	private final ExportWorker worker;
	private final DaoRegistry daos;
	private final FhirContext fhirContext;
	private final List<String> patientTypes;
	private final List<String> systemTypes;

	BulkExportProvider(ExportJobStore store, ExportWorker worker, DaoRegistry daos, FhirContext fhirContext,
			List<String> exposedTypes) {
		this.store = store;
		this.worker = worker;
		this.daos = daos;
		this.fhirContext = fhirContext;
		List<String> patientTypes = new ArrayList<>(List.of("Patient"));
		exposedTypes.stream().filter(type -> RecordTypes.is(type, RecordKind.PATIENT_RECORD) && !"Patient".equals(type))
				.forEach(patientTypes::add);
		this.patientTypes = List.copyOf(patientTypes);
		List<String> systemTypes = new ArrayList<>(patientTypes);
		exposedTypes.stream().filter(type -> RecordTypes.is(type, RecordKind.DIRECTORY)).forEach(systemTypes::add);
		this.systemTypes = List.copyOf(systemTypes);
	}

	@Operation(name = "$export", idempotent = true, manualResponse = true)
	public void exportSystem(ServletRequestDetails request) throws IOException {
		kickOff(ExportLevel.SYSTEM, null, systemTypes, request);
	}

	@Operation(name = "$export", type = Patient.class, idempotent = true, manualResponse = true)
	public void exportPatients(ServletRequestDetails request) throws IOException {
		kickOff(ExportLevel.PATIENT, null, patientTypes, request);
	}

	@Operation(name = "$export", type = Group.class, idempotent = true, manualResponse = true)
	public void exportGroup(@IdParam IdType id, ServletRequestDetails request) throws IOException {
		// hidden or unknown Groups never get here for requesters other than the admin (404 like an unknown id)
		Group group = (Group) daos.getResourceDao(Group.class).read(new IdType("Group", id.getIdPart()), new SystemRequestDetails());
		try {
			ExportGroup.of(group);
		} catch (ExportParameters.BadParameter e) {
			throw new InvalidRequestException(e.getMessage());
		}
		kickOff(ExportLevel.GROUP, id.getIdPart(), patientTypes, request);
	}

	private void kickOff(ExportLevel level, String group, List<String> exportable, ServletRequestDetails request)
			throws IOException {
		String prefer = request.getHeader(Constants.HEADER_PREFER);
		if (prefer == null || !prefer.contains("respond-async")) {
			throw new InvalidRequestException("A bulk export runs in the background: send the header Prefer: respond-async");
		}
		Requester requester = Requester.of(request).orElseThrow(() -> new ForbiddenOperationException("Access denied"));
		String refused = ExportAccess.whyRefused(requester);
		if (refused != null) {
			throw new ForbiddenOperationException("Access denied: " + refused);
		}
		ExportRequest export;
		try {
			export = ExportParameters.read(level, group, parameters(request), exportable,
					type -> ExportAccess.mayExport(requester, type), request.getCompleteUrl());
		} catch (ExportParameters.BadParameter e) {
			throw new InvalidRequestException(e.getMessage());
		} catch (ExportParameters.TypeNotAllowed e) {
			throw new ForbiddenOperationException("Access denied: " + e.getMessage());
		}
		Map<String, Object> claims = tokenClaims();
		String id = store.create(ExportOwner.of(claims), ExportOwner.storable(claims), export);
		worker.wake();

		HttpServletResponse response = request.getServletResponse();
		response.setStatus(202);
		response.setHeader(Constants.HEADER_CONTENT_LOCATION, ExportUrls.status(request.getFhirServerBase(), id));
		response.setContentType(Constants.CT_FHIR_JSON_NEW);
		OperationOutcome accepted = new OperationOutcome();
		accepted.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION).setCode(OperationOutcome.IssueType.INFORMATIONAL)
				.setDiagnostics("The export was accepted; poll the URL in Content-Location for its status");
		response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(accepted));
		response.getWriter().close();
	}

	private static Map<String, List<String>> parameters(ServletRequestDetails request) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		request.getParameters().forEach((name, values) -> {
			if (!name.equals(Constants.PARAM_FORMAT) && !name.equals(Constants.PARAM_PRETTY)) {
				parameters.put(name, List.of(values));
			}
		});
		return parameters;
	}

	private static Map<String, Object> tokenClaims() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof JwtAuthenticationToken token)) {
			throw new ForbiddenOperationException("Access denied: a bulk export needs a bearer token");
		}
		return token.getTokenAttributes();
	}
}
