package org.immunis.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImmunizationRulesTest {

	private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
	private final ImmunizationRules rules = new ImmunizationRules(new VaccineCatalog(Set.of("08", "20", "110")));

	static Immunization complete() {
		Immunization immunization = new Immunization();
		immunization.setStatus(Immunization.ImmunizationStatus.COMPLETED);
		immunization.getVaccineCode().addCoding().setSystem(VaccineCatalog.CVX_SYSTEM).setCode("20");
		immunization.setPatient(new Reference("Patient/1"));
		immunization.setOccurrence(new DateTimeType("2026-06-01"));
		return immunization;
	}

	@Test
	void aCompleteImmunizationHasNoProblem() {
		assertThat(rules.check(complete(), NOW)).isEmpty();
	}

	@Test
	void aShotGivenEarlierTodayIsNotInTheFuture() {
		Immunization immunization = complete();
		immunization.setOccurrence(new DateTimeType(Date.from(NOW.minusSeconds(60))));
		assertThat(rules.check(immunization, NOW)).isEmpty();
	}

	@Test
	void aPlaceholderForAPatientInTheSameTransactionIsAccepted() {
		Immunization immunization = complete();
		immunization.setPatient(new Reference("urn:uuid:6a1e5b1c-0000-4000-8000-000000000001"));
		assertThat(rules.check(immunization, NOW)).isEmpty();
	}

	@Test
	void anNdcBesideTheCvxCodeIsAccepted() {
		Immunization immunization = complete();
		immunization.getVaccineCode().addCoding().setSystem("http://hl7.org/fhir/sid/ndc").setCode("58160-0842-11");
		assertThat(rules.check(immunization, NOW)).isEmpty();
	}

	static Stream<Arguments> brokenImmunizations() {
		return Stream.of(
				broken("no status", i -> i.setStatus(null), "Immunization.status", "status is required"),
				broken("no vaccine code", i -> i.getVaccineCode().getCoding().clear(), "Immunization.vaccineCode", "CVX coding"),
				broken("NDC only", i -> i.getVaccineCode().getCodingFirstRep().setSystem("http://hl7.org/fhir/sid/ndc"),
						"Immunization.vaccineCode", "CVX coding"),
				broken("unknown CVX", i -> i.getVaccineCode().getCodingFirstRep().setCode("9999"),
						"Immunization.vaccineCode", "unknown CVX code '9999'"),
				broken("no patient", i -> i.setPatient(null), "Immunization.patient", "patient is required"),
				broken("patient is a Group", i -> i.setPatient(new Reference("Group/4")), "Immunization.patient", "must reference a Patient"),
				broken("patient is contained", i -> i.setPatient(new Reference("#p1")), "Immunization.patient", "must reference a Patient"),
				broken("no occurrence", i -> i.setOccurrence(null), "Immunization.occurrence", "occurrenceDateTime is required"),
				broken("occurrence as free text", i -> i.setOccurrence(new StringType("spring 1990")),
						"Immunization.occurrence", "occurrenceDateTime is required"),
				broken("given tomorrow", i -> i.setOccurrence(new DateTimeType("2026-06-16")),
						"Immunization.occurrence", "is in the future"),
				broken("a negative dose", i -> i.getDoseQuantity().setValue(-1), "Immunization.doseQuantity.value",
						"greater than 0"),
				broken("a dose of nothing", i -> i.getDoseQuantity().setValue(0), "Immunization.doseQuantity.value",
						"greater than 0"),
				broken("a dose of 1e400", i -> i.getDoseQuantity().setValue(new java.math.BigDecimal("1e400")),
						"Immunization.doseQuantity.value", "far out of range"));
	}

	private static Arguments broken(String name, Consumer<Immunization> breakIt, String path, String message) {
		return Arguments.of(name, breakIt, path, message);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenImmunizations")
	void eachBrokenRuleNamesTheElementAndWhy(String name, Consumer<Immunization> breakIt, String path, String message) {
		Immunization immunization = complete();
		breakIt.accept(immunization);
		assertThat(rules.check(immunization, NOW))
				.singleElement()
				.satisfies(problem -> {
					assertThat(problem.path()).isEqualTo(path);
					assertThat(problem.message()).contains(message);
				});
	}

	@Test
	void anOrdinaryDoseIsAccepted() {
		Immunization immunization = complete();
		immunization.getDoseQuantity().setValue(new java.math.BigDecimal("0.5")).setUnit("mL");
		assertThat(rules.check(immunization, NOW)).isEmpty();
	}

	@Test
	void everyProblemIsReportedAtOnce() {
		assertThat(rules.check(new Immunization(), NOW))
				.extracting(RecordProblem::path)
				.containsExactly("Immunization.status", "Immunization.vaccineCode", "Immunization.patient", "Immunization.occurrence");
	}
}
