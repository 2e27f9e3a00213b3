package org.immunis.forecast.fhir;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import org.immunis.consent.ObjectionRegister;
import org.immunis.consent.SharingEnforcement;
import org.immunis.forecast.ForecastEngine;
import org.immunis.identity.Requester;
import org.immunis.identity.Role;
import org.immunis.storage.CurrentVersions;
import org.immunis.validation.VaccineCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The FHIR side of the CDSi engine: {@code $immds-forecast} and the flag on stored doses. */
@Configuration(proxyBeanMethods = false)
class ForecastFhirConfig {

	@Bean
	ForecastInputReader forecastInputReader(ForecastEngine engine, VaccineCatalog vaccineCatalog) {
		return new ForecastInputReader(vaccineCatalog::isKnownCvx, engine.schedule().observations());
	}

	@Bean
	AssessmentWriter assessmentWriter() {
		return new AssessmentWriter();
	}

	/** The patient (or a guardian) and the registry admin see every record; the server's own work has no requester. */
	@Bean
	RecordCompleteness recordCompleteness(ObjectionRegister objections) {
		return new ObjectionRecordCompleteness(objections::objects, (patient, request) -> Requester.of(request)
				.map(requester -> requester.role() == Role.REGISTRY_ADMIN || requester.actsForPatient(patient.getIdPart()))
				.orElse(true));
	}

	@Bean
	ImmdsForecastProvider immdsForecastProvider(ForecastEngine engine, ForecastInputReader reader, AssessmentWriter writer,
			RecordCompleteness completeness, DaoRegistry daoRegistry, CurrentVersions currentVersions,
			SharingEnforcement sharing, Clock clock) {
		return new ImmdsForecastProvider(engine, reader, writer, completeness, daoRegistry, currentVersions, sharing, clock);
	}

	@Bean
	StoredDoseFlagInterceptor storedDoseFlagInterceptor(ForecastEngine engine, ForecastInputReader reader,
			AssessmentWriter writer, DaoRegistry daoRegistry, Clock clock) {
		return new StoredDoseFlagInterceptor(engine, reader, writer, daoRegistry, clock);
	}
}
