package org.immunis.consent;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.immunis.records.RecordKind;
import org.immunis.records.RecordTypes;

/**
 * A requester's view of a record it may see, for every requester but the registry admin. A reference to a record the
 * requester may not see, or to one that does not exist, is removed together with the innermost repeating element that
 * holds it (a Group's member, an AuditEvent's entity or agent, a Patient's link, an extension), so that nothing shown
 * points at a hidden record and a hidden record leaves the same trace as an unknown one: none. A record that names
 * such a record where nothing repeats is not shown at all. A record's own patient is decided with the record itself,
 * and directory data is visible to all: neither needs a decision here. An AuditEvent's query strings are left out
 * (they are the requester's words and may name any patient), and a Group's quantity counts what is left. Messages
 * (an OperationOutcome's issue texts, the text of an error) name no record the requester may not see: each such
 * {@code Type/id} in them is replaced by {@link #UNNAMED}.
 */
final class OutgoingView {

	/** What a message says instead of a record the requester may not see. */
	static final String UNNAMED = "a record";

	// Type/id as HAPI's messages write a record; the type must be one the registry classifies
	private static final Pattern RECORD_IN_TEXT = Pattern.compile("\\b([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(/_history/[A-Za-z0-9\\-.]{1,64})?");

	private OutgoingView() {}

	/** The records ({@code Type/id}) that this record refers to, or its messages name, and whose visibility its view depends on. */
	static Set<String> referencesToDecide(FhirContext fhirContext, IBaseResource resource) {
		String ownPatient = RecordTypes.patientOf(resource);
		Set<String> targets = new LinkedHashSet<>();
		for (Reference reference : fhirContext.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
			String target = targetOf(reference, ownPatient);
			if (target != null) {
				targets.add(target);
			}
		}
		if (resource instanceof OperationOutcome outcome) {
			messagesOf(outcome).forEach(message -> targets.addAll(recordsNamedIn(message)));
		}
		return targets;
	}

	/** The records ({@code Type/id}, of a type the registry classifies and not directory data) a message names. */
	static Set<String> recordsNamedIn(String text) {
		Set<String> records = new LinkedHashSet<>();
		if (text != null) {
			Matcher matcher = RECORD_IN_TEXT.matcher(text);
			while (matcher.find()) {
				if (needsDecision(matcher.group(1))) {
					records.add(matcher.group(1) + "/" + matcher.group(2));
				}
			}
		}
		return records;
	}

	/** The message as this requester may read it: every record it names that is not {@code visible} unnamed. */
	static String message(String text, Predicate<String> visible) {
		if (text == null) {
			return null;
		}
		Matcher matcher = RECORD_IN_TEXT.matcher(text);
		StringBuilder view = new StringBuilder();
		while (matcher.find()) {
			boolean hidden = needsDecision(matcher.group(1)) && !visible.test(matcher.group(1) + "/" + matcher.group(2));
			matcher.appendReplacement(view, Matcher.quoteReplacement(hidden ? UNNAMED : matcher.group()));
		}
		matcher.appendTail(view);
		return view.toString();
	}

	/** An OperationOutcome whose issue texts name no record the requester may not see (the same object if none do). */
	static OperationOutcome outcome(OperationOutcome outcome, Predicate<String> visible) {
		boolean namesHidden = messagesOf(outcome).stream().flatMap(text -> recordsNamedIn(text).stream()).anyMatch(visible.negate());
		if (!namesHidden) {
			return outcome;
		}
		OperationOutcome view = outcome.copy();
		for (OperationOutcome.OperationOutcomeIssueComponent issue : view.getIssue()) {
			if (issue.hasDiagnostics()) {
				issue.setDiagnostics(message(issue.getDiagnostics(), visible));
			}
			if (issue.getDetails().hasText()) {
				issue.getDetails().setText(message(issue.getDetails().getText(), visible));
			}
			issue.getLocation().forEach(location -> location.setValue(message(location.getValue(), visible)));
			issue.getExpression().forEach(expression -> expression.setValue(message(expression.getValue(), visible)));
		}
		return view;
	}

	private static List<String> messagesOf(OperationOutcome outcome) {
		List<String> messages = new ArrayList<>();
		for (OperationOutcome.OperationOutcomeIssueComponent issue : outcome.getIssue()) {
			messages.add(issue.getDiagnostics());
			messages.add(issue.getDetails().getText());
			issue.getLocation().forEach(location -> messages.add(location.getValue()));
			issue.getExpression().forEach(expression -> messages.add(expression.getValue()));
		}
		return messages;
	}

	/**
	 * The requester's view: the record itself when nothing in it needs removing, a copy without what points at records
	 * that are not {@code visible} otherwise, or null when the record cannot be shown without them.
	 */
	static IBaseResource of(FhirContext fhirContext, IBaseResource resource, Predicate<String> visible) {
		Set<String> targets = referencesToDecide(fhirContext, resource);
		if (resource instanceof OperationOutcome outcome) {
			return outcome(outcome, visible);
		}
		boolean hidesSome = targets.stream().anyMatch(visible.negate());
		boolean hasQuery = resource instanceof AuditEvent event && event.getEntity().stream().anyMatch(AuditEvent.AuditEventEntityComponent::hasQuery);
		if (!hidesSome && !hasQuery) {
			return resource;
		}
		Resource view = ((Resource) resource).copy();
		if (view instanceof AuditEvent event) {
			event.getEntity().forEach(entity -> entity.setQuery(null));
		}
		if (hidesSome) {
			String ownPatient = RecordTypes.patientOf(resource);
			if (mustGo(view, visible, ownPatient)) {
				return null;
			}
			if (view instanceof Group group && group.hasQuantity()) {
				group.setQuantity(group.getMember().size());
			}
		}
		return view;
	}

	// Whether the element must go (it is, or holds where nothing repeats, a reference to a record that is not visible);
	// what must go inside a repeating element is removed from it.
	private static boolean mustGo(Base element, Predicate<String> visible, String ownPatient) {
		if (element instanceof Reference reference) {
			String target = targetOf(reference, ownPatient);
			return target != null && !visible.test(target);
		}
		for (Property property : element.children()) {
			if (!property.hasValues()) {
				continue;
			}
			List<Base> values = new ArrayList<>(property.getValues());
			for (Base value : values) {
				if (value.isPrimitive() || !mustGo(value, visible, ownPatient)) {
					continue;
				}
				if (property.getMaxCardinality() == 1) {
					return true;
				}
				element.removeChild(property.getName(), value);
			}
		}
		return false;
	}

	// the record a reference names, when its visibility matters: not directory data, not the record's own patient
	private static String targetOf(Reference reference, String ownPatient) {
		IIdType id = reference.getReferenceElement();
		if (id == null || !id.hasResourceType() || !id.hasIdPart() || id.isLocal()) {
			return null;
		}
		String type = id.getResourceType();
		if (RecordTypes.is(type, RecordKind.DIRECTORY) || ("Patient".equals(type) && id.getIdPart().equals(ownPatient))) {
			return null;
		}
		return type + "/" + id.getIdPart();
	}

	// a record a message names: of a type the registry stores, not directory data (visible to all)
	private static boolean needsDecision(String type) {
		return RecordTypes.of(type).isPresent() && !RecordTypes.is(type, RecordKind.DIRECTORY)
				&& !RecordTypes.is(type, RecordKind.ENVELOPE);
	}
}
