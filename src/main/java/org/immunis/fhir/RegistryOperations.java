package org.immunis.fhir;

import static org.immunis.fhir.OperationDecision.DECIDED_RECORD_BY_RECORD;
import static org.immunis.fhir.RegistryOperation.adminOnly;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.immunis.identity.Interaction;

/**
 * The one registry of operations: every operation the server answers, and how each is decided. An operation that is
 * not here is refused to every requester, whatever provider HAPI brings along. {@code $validate} is decided by its
 * mode (see {@link #validation(String)}), at every level.
 */
public final class RegistryOperations {

	public static final String VALIDATE = "$validate";

	private static final Map<String, RegistryOperation> OPERATIONS = Stream.of(
					// reads the patient's records through the sharing decision; system level computes on the data sent
					new RegistryOperation(VALIDATE, OperationDecision.AS_THE_VALIDATED_INTERACTION, null, null),
					new RegistryOperation("$immds-forecast", DECIDED_RECORD_BY_RECORD, "Patient", Interaction.READ),
					// proofs of vaccination: the patient's records read as the server, each through the requester's decision;
					// which roles may get them: org.immunis.certificate.ProofAccessInterceptor
					new RegistryOperation("$health-cards-issue", DECIDED_RECORD_BY_RECORD, "Patient", Interaction.READ),
					new RegistryOperation("$printable-record", DECIDED_RECORD_BY_RECORD, "Patient", Interaction.READ),
					// population reports: every patient counted or listed passes the requester's decision (PopulationSharing);
					// a report is over a population (a roster Group or a town), so it needs the right to search populations,
					// which patients and guardians do not have
					new RegistryOperation("$evaluate-measure", DECIDED_RECORD_BY_RECORD, "Group", Interaction.SEARCH),
					// bulk export (org.immunis.bulk): a search over a population, so it needs the right to search patients
					// without naming them (system or user scopes; patients and guardians are refused); the job runs as the
					// requester and every record it writes passes the requester's decision and outgoing view
					new RegistryOperation("$export", DECIDED_RECORD_BY_RECORD, "Patient", Interaction.SEARCH),
					// tags and security labels, history diffs, the whole compartment, physical deletion: maintenance
					adminOnly("$meta"),
					adminOnly("$meta-add"),
					adminOnly("$meta-delete"),
					adminOnly("$diff"),
					adminOnly("$everything"),
					adminOnly("$expunge"))
			.collect(Collectors.toUnmodifiableMap(RegistryOperation::name, Function.identity()));

	private RegistryOperations() {}

	/** The operation by name ({@code $name}), if the registry offers it. */
	public static Optional<RegistryOperation> of(String name) {
		return Optional.ofNullable(name == null ? null : OPERATIONS.get(name));
	}

	/**
	 * Whether a request validates (HAPI calls an instance {@code $validate} an extended operation, a type one a
	 * validation): storage hooks must change nothing for it.
	 */
	public static boolean isValidation(RequestDetails request) {
		return request != null && (request.getRestOperationType() == RestOperationTypeEnum.VALIDATE
				|| VALIDATE.equals(request.getOperation()));
	}

	/**
	 * {@code $validate} needs the right the validated interaction would need: {@code mode=delete} the right to delete the
	 * record, {@code mode=update} to update the type, otherwise to create it. It never changes data.
	 */
	public static Interaction validation(String mode) {
		if ("delete".equals(mode)) {
			return Interaction.DELETE;
		}
		return "update".equals(mode) ? Interaction.UPDATE : Interaction.CREATE;
	}
}
