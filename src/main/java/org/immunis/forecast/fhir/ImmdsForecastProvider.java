package org.immunis.forecast.fhir;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.ImmunizationEvaluation;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.access.AccessPolicy;
import org.immunis.access.RecordFacts;
import org.immunis.consent.SharingEnforcement;
import org.immunis.fhir.FhirProvider;
import org.immunis.identity.Interaction;
import org.immunis.identity.Requester;
import org.immunis.forecast.Assessment;
import org.immunis.forecast.ForecastEngine;
import org.immunis.storage.CurrentVersions;

/**
 * {@code $immds-forecast} of the HL7 Immunization Decision Support Forecast IG: at system level on the data sent, and
 * on a stored patient ({@code Patient/[id]/$immds-forecast}) from the immunizations the requester may see.
 */
final class ImmdsForecastProvider implements FhirProvider {

	static final String INCOMPLETE_HISTORY = "The immunization history may be incomplete: the patient objected to "
			+ "sharing, so this forecast counts only the immunizations the requester may see.";

	private final ForecastEngine engine;
	private final ForecastInputReader reader;
	private final AssessmentWriter writer;
	private final RecordCompleteness completeness;
	private final DaoRegistry daoRegistry;
	private final CurrentVersions currentVersions;
	private final SharingEnforcement sharing;
	private final Clock clock;

	ImmdsForecastProvider(ForecastEngine engine, ForecastInputReader reader, AssessmentWriter writer,
			RecordCompleteness completeness, DaoRegistry daoRegistry, CurrentVersions currentVersions,
			SharingEnforcement sharing, Clock clock) {
		this.engine = engine;
		this.reader = reader;
		this.writer = writer;
		this.completeness = completeness;
		this.daoRegistry = daoRegistry;
		this.currentVersions = currentVersions;
		this.sharing = sharing;
		this.clock = clock;
	}

	/** The IG's operation on the data in the request; nothing is read from or written to the registry. */
	@Operation(name = ForecastCodes.OPERATION, idempotent = false)
	public Parameters forecast(
			@OperationParam(name = "assessmentDate", max = 1) DateType assessmentDate,
			@OperationParam(name = "patient", max = 1) Patient patient,
			@OperationParam(name = "immunization", max = OperationParam.MAX_UNLIMITED) List<Immunization> immunizations,
			@OperationParam(name = "condition", max = OperationParam.MAX_UNLIMITED) List<Condition> conditions,
			@OperationParam(name = "observation", max = OperationParam.MAX_UNLIMITED) List<Observation> observations) {
		if (patient == null) {
			throw new InvalidRequestException("Parameter 'patient' (a Patient resource) is required");
		}
		ForecastInput input = reader.read(patient, orEmpty(immunizations), orEmpty(conditions), orEmpty(observations),
				date(assessmentDate));
		return response(input, null);
	}

	/**
	 * The forecast of a stored patient from the Patient, Immunizations and Conditions the requester may see
	 * ({@link StoredPatientRecords}: the sharing decision filters them as it filters any read or search); Conditions
	 * sent with the request are added to the stored ones.
	 */
	@Operation(name = ForecastCodes.OPERATION, typeName = "Patient", idempotent = true)
	public Parameters forecastStoredPatient(
			@IdParam IdType patientId,
			@OperationParam(name = "assessmentDate", max = 1) DateType assessmentDate,
			@OperationParam(name = "condition", max = OperationParam.MAX_UNLIMITED) List<Condition> conditions,
			@OperationParam(name = "observation", max = OperationParam.MAX_UNLIMITED) List<Observation> observations,
			RequestDetails request) {
		IdType id = patientId.toUnqualifiedVersionless();
		// the same answer as whether the requester sees only some of the patient's records
		boolean partialView = completeness.mayBeIncomplete(id, request);
		StoredPatientRecords stored = StoredPatientRecords.read(daoRegistry, currentVersions, sharing, id, request,
				maySearchConditions(request));
		List<Condition> allConditions = new ArrayList<>(stored.conditions());
		allConditions.addAll(orEmpty(conditions));
		ForecastInput input = reader.read(stored.patient(), stored.immunizations(), allConditions, orEmpty(observations),
				date(assessmentDate));
		return response(input, partialView ? incompleteHistory() : null);
	}

	/**
	 * Whether the requester may search Conditions at all (its role or scopes): if not, no stored Condition decides its
	 * forecast, so that nothing it could not read does. Those it may search are filtered by consent like any search.
	 */
	private static boolean maySearchConditions(RequestDetails request) {
		return Requester.of(request)
				.map(requester -> !AccessPolicy.decide(requester, Interaction.SEARCH, RecordFacts.ofType("Condition"), null)
						.denied())
				.orElse(request.getServer() == null);
	}

	private Parameters response(ForecastInput input, OperationOutcome outcome) {
		Assessment assessment = engine.assess(input.patient(), input.doses(), input.assessmentDate());
		Parameters parameters = new Parameters();
		for (ImmunizationEvaluation evaluation : writer.evaluations(input.patientReference(), assessment)) {
			parameters.addParameter().setName("evaluation").setResource(evaluation);
		}
		parameters.addParameter().setName("recommendation")
				.setResource(writer.recommendation(input.patientReference(), assessment));
		if (outcome != null) {
			parameters.addParameter().setName("outcome").setResource(outcome);
		}
		return parameters;
	}

	private static OperationOutcome incompleteHistory() {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.WARNING)
				.setCode(OperationOutcome.IssueType.INCOMPLETE)
				.setDiagnostics(INCOMPLETE_HISTORY);
		return outcome;
	}

	private LocalDate date(DateType assessmentDate) {
		if (assessmentDate == null || assessmentDate.getValueAsString() == null) {
			return LocalDate.now(clock);
		}
		return LocalDate.parse(assessmentDate.getValueAsString().substring(0, 10));
	}

	private static <T> List<T> orEmpty(List<T> list) {
		return list == null ? List.of() : list;
	}
}
