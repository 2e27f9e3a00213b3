package org.immunis.certificate;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeSystem;
import org.immunis.consent.ObjectionRegister;
import org.immunis.consent.SharingEnforcement;
import org.immunis.fhir.FhirServerProperties;
import org.immunis.forecast.ForecastEngine;
import org.immunis.ig.RegistryImplementationGuide;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Proof of vaccination: the signing key, {@code $health-cards-issue}, {@code $printable-record} and who may get them. */
@Configuration(proxyBeanMethods = false)
class CertificateConfig {

	@Bean
	SigningKeyStore signingKeyStore(CertificateProperties properties) {
		return SigningKeyStore.open(properties.signingKey(), properties.generateMissingKey());
	}

	@Bean
	VaccinationRecordReader vaccinationRecordReader(DaoRegistry daos, SharingEnforcement sharing, ObjectionRegister objections) {
		return new VaccinationRecordReader(daos, sharing, objections);
	}

	@Bean
	HealthCardIssuer healthCardIssuer(SigningKeyStore keys, FhirContext fhirContext, VaccinationRecordReader reader,
			FhirServerProperties fhirServer, Clock clock) {
		return new HealthCardIssuer(new HealthCardSigner(keys, fhirContext), reader, fhirServer, clock);
	}

	@Bean
	VaccineNames vaccineNames(RegistryImplementationGuide implementationGuide) {
		CodeSystem cvx = implementationGuide.codeSystem(HealthCardBundle.CVX)
				.orElseThrow(() -> new IllegalStateException("the registry IG has no CVX code system"));
		return new VaccineNames(cvx.getConcept().stream().filter(CodeSystem.ConceptDefinitionComponent::hasDisplay).collect(Collectors.toMap(
				CodeSystem.ConceptDefinitionComponent::getCode, CodeSystem.ConceptDefinitionComponent::getDisplay)));
	}

	@Bean
	HealthCardsIssueProvider healthCardsIssueProvider(VaccinationRecordReader reader, HealthCardIssuer issuer,
			FhirContext fhirContext, Clock clock) {
		return new HealthCardsIssueProvider(reader, issuer, fhirContext, clock);
	}

	@Bean
	PrintableRecordProvider printableRecordProvider(VaccinationRecordReader reader, HealthCardIssuer issuer,
			ForecastEngine engine, VaccineNames vaccineNames, CertificateProperties properties, Clock clock) {
		return new PrintableRecordProvider(reader, issuer, engine, vaccineNames, new PrintableRecordWriter(),
				properties.registryName(), clock);
	}

	@Bean
	ProofAccessInterceptor proofAccessInterceptor() {
		return new ProofAccessInterceptor();
	}
}
