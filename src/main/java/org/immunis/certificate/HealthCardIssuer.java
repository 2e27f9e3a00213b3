package org.immunis.certificate;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Immunization;
import org.immunis.fhir.FhirServerProperties;

/** Issues a patient's Health Card under the registry's name ({@code iss}: its public base URL, without {@code /fhir}). */
final class HealthCardIssuer {

	/** A signed card, and the stored Immunization behind each of its entries after the Patient. */
	record Card(String jws, List<String> hostedImmunizations) {}

	private final HealthCardSigner signer;
	private final VaccinationRecordReader reader;
	private final FhirServerProperties fhirServer;
	private final Clock clock;

	HealthCardIssuer(HealthCardSigner signer, VaccinationRecordReader reader, FhirServerProperties fhirServer, Clock clock) {
		this.signer = signer;
		this.reader = reader;
		this.fhirServer = fhirServer;
		this.clock = clock;
	}

	Card issue(VaccinationRecord record, List<Immunization> doses, Set<String> identityClaims, RequestDetails request) {
		HealthCardBundle.Content content = HealthCardBundle.of(record.patient(), doses, identityClaims, reader::performerName);
		return new Card(signer.sign(issuer(request), clock.instant(), content.bundle()), content.hostedImmunizations());
	}

	/** The registry's public base URL: configured behind a proxy, else the one the request came in on. */
	String issuer(RequestDetails request) {
		return issuer(fhirServer.serverAddress(), request.getFhirServerBase());
	}

	static String issuer(String configuredFhirBase, String requestFhirBase) {
		String fhirBase = configuredFhirBase != null && !configuredFhirBase.isBlank() ? configuredFhirBase : requestFhirBase;
		String base = fhirBase.replaceAll("/+$", "");
		return base.endsWith("/fhir") ? base.substring(0, base.length() - "/fhir".length()) : base;
	}

	/** Where the registry serves a record over FHIR. */
	String hostedUrl(String reference, RequestDetails request) {
		return request.getFhirServerBase().replaceAll("/+$", "") + "/" + reference;
	}
}
