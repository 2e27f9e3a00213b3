package org.immunis.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.immunis.fhir.FhirInterceptor;
import org.immunis.fhir.HookOrder;
import org.immunis.ig.RegistryValidatorFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Refuses, with 422, a record of a type the registry's implementation guide profiles that does not conform to that
 * profile; the OperationOutcome's issues point at the offending elements. Runs before storage, also for
 * each transaction entry, after the registry's own record rules (which explain the common mistakes in plainer words).
 */
@Component
@Interceptor
@ConditionalOnProperty(name = "immunis.validation.profiles", havingValue = "true")
class ProfileValidationInterceptor implements FhirInterceptor {

	private static final Set<ResultSeverityEnum> REFUSING = Set.of(ResultSeverityEnum.ERROR, ResultSeverityEnum.FATAL);

	private final FhirContext fhirContext;
	private final RegistryValidatorFactory validatorFactory;

	ProfileValidationInterceptor(FhirContext fhirContext, RegistryValidatorFactory validatorFactory) {
		this.fhirContext = fhirContext;
		this.validatorFactory = validatorFactory;
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = HookOrder.PROFILE_VALIDATION)
	void beforeCreate(IBaseResource resource) {
		validate(resource);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = HookOrder.PROFILE_VALIDATION)
	void beforeUpdate(IBaseResource previous, IBaseResource resource) {
		validate(resource);
	}

	private void validate(IBaseResource resource) {
		if (validatorFactory.implementationGuide().profileUrlFor(fhirContext.getResourceType(resource)).isEmpty()) {
			return;
		}
		List<SingleValidationMessage> errors = validatorFactory.validateAgainstRegistryProfile(resource).getMessages().stream()
				.filter(message -> REFUSING.contains(message.getSeverity()))
				.toList();
		if (!errors.isEmpty()) {
			throw new UnprocessableEntityException(fhirContext, outcome(errors));
		}
	}

	private static OperationOutcome outcome(List<SingleValidationMessage> errors) {
		OperationOutcome outcome = new OperationOutcome();
		errors.forEach(error -> outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.PROCESSING)
				.setDiagnostics(error.getMessage())
				.addExpression(error.getLocationString()));
		return outcome;
	}
}
