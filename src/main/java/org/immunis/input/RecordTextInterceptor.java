package org.immunis.input;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.util.IModelVisitor2;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseHasExtensions;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.immunis.fhir.FhirInterceptor;
import org.immunis.validation.RecordProblem;
import org.springframework.stereotype.Component;

/**
 * Every text value of a record about to be stored (created, updated, patched; in a transaction too) is Unicode text
 * within {@code immunis.input.max-string-length} ({@link TextValues}), and every element has a value or an extension:
 * refused with 422 naming the element otherwise, before the database sees it.
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

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	void beforeCreate(IBaseResource resource) {
		check(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	void beforeUpdate(IBaseResource previous, IBaseResource resource) {
		check(resource);
	}

	private void check(IBaseResource resource) {
		List<RecordProblem> problems = new ArrayList<>();
		fhirContext.newTerser().visit(resource, (IModelVisitor2) (element, containingPath, childDefinitionPath, elementPath) -> {
			if (element instanceof IPrimitiveType<?> primitive && !(element instanceof Base64BinaryType)) {
				String value = primitive.getValueAsString();
				if (value != null) {
					TextValues.problem(value, maxStringLength).ifPresent(why -> problems.add(
							new RecordProblem(path(resource, childDefinitionPath), why)));
				} else if (isListItem(childDefinitionPath)
						&& !(element instanceof IBaseHasExtensions extended && !extended.getExtension().isEmpty())) {
					// FHIR's rule ele-1: a null in a JSON array ("given": [null]) is no value at all
					problems.add(new RecordProblem(path(resource, childDefinitionPath), "has neither a value nor an extension"));
				}
			}
			return true;
		});
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

	private static boolean isListItem(List<BaseRuntimeChildDefinition> childPath) {
		BaseRuntimeChildDefinition child = childPath.isEmpty() ? null : childPath.get(childPath.size() - 1);
		return child != null && child.getMax() != 1;
	}

	private static String path(IBaseResource resource, List<BaseRuntimeChildDefinition> childPath) {
		return resource.fhirType() + childPath.stream().filter(child -> child != null)
				.map(child -> "." + child.getElementName()).collect(Collectors.joining());
	}
}
