package org.immunis.input;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
import org.immunis.fhir.FhirInterceptor;
import org.immunis.fhir.HookOrder;
import org.immunis.validation.RecordProblem;
import org.springframework.stereotype.Component;

/**
 * Every text value of a record about to be stored (created, updated, patched; in a transaction too) is Unicode text
 * within {@code immunis.input.max-string-length} ({@link TextValues}), and every item of a list has a value or an
 * extension (FHIR's rule ele-1; {@code "given": [null]} has neither): refused with 422 naming the element otherwise,
 * before anything else looks at the record and before the database sees it.
 */
@Component
@Interceptor
class RecordTextInterceptor implements FhirInterceptor {

	private final FhirContext fhirContext;
	private final int maxStringLength;

	RecordTextInterceptor(FhirContext fhirContext, InputLimitsProperties limits) {
		this.fhirContext = fhirContext;
		this.maxStringLength = limits.maxStringLength();
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = HookOrder.TEXT_VALUES)
	void beforeCreate(IBaseResource resource) {
		check(resource);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = HookOrder.TEXT_VALUES)
	void beforeUpdate(IBaseResource previous, IBaseResource resource) {
		check(resource);
	}

	private void check(IBaseResource resource) {
		if (!(resource instanceof Base record)) {
			return;
		}
		List<RecordProblem> problems = new ArrayList<>();
		walk(record, resource.fhirType(), problems);
		if (!problems.isEmpty()) {
			OperationOutcome outcome = new OperationOutcome();
			problems.forEach(problem -> outcome.addIssue()
					.setSeverity(OperationOutcome.IssueSeverity.ERROR)
					.setCode(OperationOutcome.IssueType.INVALID)
					.setDiagnostics(problem.path() + " " + problem.message())
					.addExpression(problem.path()));
			throw new UnprocessableEntityException(fhirContext, outcome);
		}
	}

	private void walk(Base element, String path, List<RecordProblem> problems) {
		for (Property property : element.children()) {
			String childPath = path + "." + property.getName().replace("[x]", "");
			for (Base value : property.getValues()) {
				if (value == null) {
					continue;
				}
				if (value instanceof PrimitiveType<?> primitive && !(value instanceof Base64BinaryType)) {
					String text = primitive.getValueAsString();
					if (text != null) {
						TextValues.problem(text, maxStringLength)
								.ifPresent(why -> problems.add(new RecordProblem(childPath, why)));
					} else if (property.getMaxCardinality() != 1 && !primitive.hasExtension()) {
						problems.add(new RecordProblem(childPath, "has an item with neither a value nor an extension"));
					}
				}
				walk(value, childPath, problems);
			}
		}
	}
}
