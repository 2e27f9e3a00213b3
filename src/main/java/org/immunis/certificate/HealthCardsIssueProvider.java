package org.immunis.certificate;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.immunis.fhir.FhirProvider;

/**
 * {@code Patient/[id]/$health-cards-issue} of SMART Health Cards 1.x: a Health Card of the patient's immunizations that
 * the requester may see, with a {@code resourceLink} from each of its entries to the stored Immunization.
 */
final class HealthCardsIssueProvider implements FhirProvider {

	private final VaccinationRecordReader reader;
	private final HealthCardIssuer issuer;
	private final CredentialTypes credentialTypes;
	private final Clock clock;

	HealthCardsIssueProvider(VaccinationRecordReader reader, HealthCardIssuer issuer, FhirContext fhirContext, Clock clock) {
		this.reader = reader;
		this.issuer = issuer;
		this.credentialTypes = new CredentialTypes(fhirContext.getResourceTypes());
		this.clock = clock;
	}

	@Operation(name = ProofOperations.HEALTH_CARDS_ISSUE, typeName = "Patient", idempotent = true)
	public Parameters issue(
			@IdParam IdType patientId,
			@OperationParam(name = "credentialType", min = 1, max = OperationParam.MAX_UNLIMITED) List<UriType> credentialType,
			@OperationParam(name = "includeIdentityClaim", max = OperationParam.MAX_UNLIMITED) List<StringType> includeIdentityClaim,
			@OperationParam(name = "_since", max = 1) DateTimeType since,
			RequestDetails request) {
		boolean issuable = credentialTypes.issuable(values(credentialType));
		Date sinceDate = since(since);
		Set<String> identityClaims = identityClaims(includeIdentityClaim);
		VaccinationRecord record = reader.read(patientId, request);
		List<Immunization> doses = record.immunizations().stream()
				.filter(immunization -> sinceDate == null || !immunization.getOccurrenceDateTimeType().getValue().before(sinceDate))
				.toList();
		Parameters response = new Parameters();
		if (!issuable || doses.isEmpty()) {
			// the specification's answer when there is no card to give
			return response;
		}
		HealthCardIssuer.Card card = issuer.issue(record, doses, identityClaims, request);
		response.addParameter().setName("verifiableCredential").setValue(new StringType(card.jws()));
		for (int i = 0; i < card.hostedImmunizations().size(); i++) {
			Parameters.ParametersParameterComponent link = response.addParameter().setName("resourceLink");
			link.addPart().setName("vcIndex").setValue(new IntegerType(0));
			link.addPart().setName("bundledResource").setValue(new UriType("resource:" + (i + 1)));
			link.addPart().setName("hostedResource").setValue(new UriType(issuer.hostedUrl(card.hostedImmunizations().get(i), request)));
		}
		return response;
	}

	private Date since(DateTimeType since) {
		if (since == null || since.getValue() == null) {
			return null;
		}
		if (since.getValue().toInstant().isAfter(clock.instant())) {
			throw new InvalidRequestException("Parameter '_since' (" + since.getValueAsString() + ") is in the future");
		}
		return since.getValue();
	}

	// Claims the registry does not put on cards (it puts only name and birth date) are ignored, as the specification allows.
	private static Set<String> identityClaims(List<StringType> requested) {
		if (requested == null || requested.isEmpty()) {
			return HealthCardBundle.IDENTITY_CLAIMS;
		}
		Set<String> claims = new LinkedHashSet<>();
		for (String claim : values(requested)) {
			if (HealthCardBundle.IDENTITY_CLAIMS.contains(claim)) {
				claims.add(claim);
			}
		}
		return claims;
	}

	private static List<String> values(List<? extends org.hl7.fhir.r4.model.PrimitiveType<String>> parameters) {
		return parameters == null ? List.of() : parameters.stream()
				.map(parameter -> parameter.getValue())
				.filter(value -> value != null && !value.isBlank())
				.toList();
	}
}
