package org.immunis.audit;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.immunis.records.RecordTypes;

/** The patients a request is about, for the audit trail (AuditEvents themselves are not audited by patient). */
final class AuditPatients {

	private AuditPatients() {}

	/** The patients a request names by its id ({@code Patient/<id>}) or its parameters: what a refused or empty one asked for. */
	static Set<String> askedFor(String resourceName, String id, Map<String, String[]> parameters) {
		Set<String> patients = new LinkedHashSet<>();
		if ("Patient".equals(resourceName) && id != null && !id.isBlank()) {
			patients.add(id);
		}
		for (String name : List.of("patient", "subject", "_id")) {
			String[] values = parameters.get(name);
			if (values == null || ("_id".equals(name) && !"Patient".equals(resourceName))) {
				continue;
			}
			Arrays.stream(values).flatMap(value -> Arrays.stream(value.split(",")))
					.map(value -> value.substring(value.lastIndexOf('/') + 1))
					.filter(AuditPatients::isLogicalId)
					.forEach(patients::add);
		}
		return patients;
	}

	/** The stored patients a request body names (a record, or each record of a bundle): what a refused write was about. */
	static Set<String> namedIn(IBaseResource body) {
		Set<String> patients = new LinkedHashSet<>();
		List<? extends IBaseResource> records = body instanceof Bundle bundle
				? bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(Objects::nonNull).toList()
				: List.of(body);
		for (IBaseResource record : records) {
			String patient = of(record);
			// a patient the request itself would create (no id, or a urn:uuid) is no stored patient
			if (patient != null && isLogicalId(patient)) {
				patients.add(patient);
			}
		}
		return patients;
	}

	/** Whether a value could be a FHIR logical id (what a request may name is not trusted to be one). */
	static boolean isLogicalId(String value) {
		return value.matches("[A-Za-z0-9\\-.]{1,64}");
	}

	/** The patient a record is about; AuditEvents themselves are not audited by patient. */
	static String of(IBaseResource resource) {
		return "AuditEvent".equals(resource.fhirType()) ? null : RecordTypes.patientOf(resource);
	}
}
