package org.immunis.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Clock;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.fhir.FhirInterceptor;
import org.immunis.fhir.HookOrder;
import org.springframework.stereotype.Component;

/**
 * Refuses, with 422 and an OperationOutcome naming each offending element, a Patient or Immunization that breaks the
 * registry's rules. It runs before storage, inside the transaction, so nothing of a refused bundle is kept.
 */
@Component
@Interceptor
class RecordRulesInterceptor implements FhirInterceptor {

	private final FhirContext fhirContext;
	private final ImmunizationRules immunizationRules;
	private final PatientRules patientRules = new PatientRules();
	private final Clock clock;

	RecordRulesInterceptor(FhirContext fhirContext, ImmunizationRules immunizationRules, Clock clock) {
		this.fhirContext = fhirContext;
		this.immunizationRules = immunizationRules;
		this.clock = clock;
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = HookOrder.RECORD_RULES)
	void beforeCreate(IBaseResource resource) {
		check(resource);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = HookOrder.RECORD_RULES)
	void beforeUpdate(IBaseResource previous, IBaseResource resource) {
		check(resource);
	}

	private void check(IBaseResource resource) {
		List<RecordProblem> problems = problemsOf(resource);
		if (!problems.isEmpty()) {
			throw new UnprocessableEntityException(fhirContext, outcome(problems));
		}
	}

	private List<RecordProblem> problemsOf(IBaseResource resource) {
		if (resource instanceof Immunization immunization) {
			return immunizationRules.check(immunization, clock.instant());
		}
		if (resource instanceof Patient patient) {
			return patientRules.check(patient, clock.instant());
		}
		return List.of();
	}

	private static OperationOutcome outcome(List<RecordProblem> problems) {
		OperationOutcome outcome = new OperationOutcome();
		problems.forEach(problem -> outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.INVALID)
				.setDiagnostics(problem.path() + ": " + problem.message())
				.addExpression(problem.path()));
		return outcome;
	}
}
