package org.immunis.forecast.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ImmunizationEvaluation;
import org.hl7.fhir.r4.model.ImmunizationRecommendation;
import org.hl7.fhir.r4.model.ImmunizationRecommendation.ImmunizationRecommendationRecommendationComponent;
import org.hl7.fhir.r4.model.Reference;
import org.immunis.forecast.AdministeredDose;
import org.immunis.forecast.Assessment;
import org.immunis.forecast.ForecastEngine;
import org.immunis.forecast.Gender;
import org.immunis.forecast.PatientFacts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A CDC-like case: an infant born 2023-01-01 with HepB at birth and at one month, a DTaP given too young (4 weeks),
 * a valid DTaP at 8 weeks and a duplicate the same day, assessed on 2023-03-15.
 */
class AssessmentWriterTest {

	private static final LocalDate BIRTH = LocalDate.of(2023, 1, 1);
	private static Assessment assessment;
	private final AssessmentWriter writer = new AssessmentWriter();

	@BeforeAll
	static void assess() {
		assessment = ForecastEngine.withBundledSchedule().assess(new PatientFacts(BIRTH, Gender.FEMALE), List.of(
				new AdministeredDose("Immunization/hepb1", BIRTH, "08", null),
				new AdministeredDose("Immunization/hepb2", LocalDate.of(2023, 2, 1), "08", null),
				new AdministeredDose("Immunization/dtap1", LocalDate.of(2023, 1, 29), "20", null),
				new AdministeredDose("Immunization/dtap2", LocalDate.of(2023, 3, 1), "20", null),
				new AdministeredDose("Immunization/dtap3", LocalDate.of(2023, 3, 1), "20", null)), LocalDate.of(2023, 3, 15));
	}

	private ImmunizationRecommendationRecommendationComponent group(ImmunizationRecommendation recommendation, String name) {
		return recommendation.getRecommendation().stream()
				.filter(entry -> entry.getVaccineCodeFirstRep().getText().equals(name))
				.findFirst().orElseThrow();
	}

	private static Map<String, String> dates(ImmunizationRecommendationRecommendationComponent entry) {
		return entry.getDateCriterion().stream().collect(Collectors.toMap(
				criterion -> criterion.getCode().getCodingFirstRep().getCode(), criterion -> criterion.getValueElement().getValueAsString()));
	}

	@Test
	void eachVaccineGroupIsRecommendedWithItsStatusAndLoincDates() {
		ImmunizationRecommendation recommendation = writer.recommendation("Patient/p1", assessment);

		assertThat(recommendation.getPatient().getReference()).isEqualTo("Patient/p1");
		assertThat(recommendation.getDateElement().getValueAsString()).isEqualTo("2023-03-15");
		ImmunizationRecommendationRecommendationComponent hepB = group(recommendation, "HepB");
		assertThat(hepB.getVaccineCodeFirstRep().getCodingFirstRep().getSystem()).isEqualTo(ForecastCodes.VACCINE_GROUP);
		assertThat(hepB.getVaccineCodeFirstRep().getCodingFirstRep().getCode()).isEqualTo("HepB");
		assertThat(hepB.getTargetDisease().getCodingFirstRep().getCode()).isEqualTo("66071002");
		assertThat(hepB.getForecastStatus().getCodingFirstRep().getSystem()).isEqualTo(ForecastCodes.FORECAST_STATUS);
		assertThat(hepB.getForecastStatus().getCodingFirstRep().getCode()).isEqualTo("notComplete");
		assertThat(hepB.getDoseNumberPositiveIntType().getValue()).isEqualTo(3);
		assertThat(dates(hepB)).containsExactlyInAnyOrderEntriesOf(Map.of(
				"30981-5", "2023-06-18", "30980-7", "2023-07-01", "59778-1", "2024-08-28"));
		assertThat(hepB.getDateCriterionFirstRep().getCode().getCodingFirstRep().getSystem()).isEqualTo(ForecastCodes.LOINC);
		assertThat(hepB.getSupportingImmunization()).extracting(Reference::getReference)
				.containsExactly("Immunization/hepb1", "Immunization/hepb2");

		ImmunizationRecommendationRecommendationComponent dtap = group(recommendation, "DTaP/Tdap/Td");
		assertThat(dtap.getTargetDisease().getCoding()).extracting(Coding::getCode)
				.containsExactlyInAnyOrder("397430003", "27836007", "76902006");
		assertThat(dtap.getDoseNumberPositiveIntType().getValue()).isEqualTo(2);
		assertThat(dates(dtap)).containsEntry("30981-5", "2023-03-29").containsEntry("30980-7", "2023-05-01")
				.containsEntry("59778-1", "2023-06-28");

		ImmunizationRecommendationRecommendationComponent rotavirus = group(recommendation, "Rotavirus");
		assertThat(dates(rotavirus)).containsEntry("59777-3", "2023-04-15");

		ImmunizationRecommendationRecommendationComponent rsv = group(recommendation, "RSV");
		assertThat(rsv.getForecastStatus().getCodingFirstRep().getCode()).isEqualTo("agedOut");
		assertThat(rsv.getDateCriterion()).isEmpty();
		assertThat(rsv.hasDoseNumber()).isFalse();
	}

	@Test
	void eachDoseIsEvaluatedPerVaccineGroupWithCdcReasons() {
		List<ImmunizationEvaluation> evaluations = writer.evaluations("Patient/p1", assessment);

		assertThat(evaluations).hasSize(5);
		Map<String, ImmunizationEvaluation> byDose = evaluations.stream()
				.collect(Collectors.toMap(evaluation -> evaluation.getImmunizationEvent().getReference(), e -> e));
		assertThat(byDose.get("Immunization/hepb2").getDoseStatus().getCodingFirstRep().getCode()).isEqualTo("valid");
		assertThat(byDose.get("Immunization/hepb2").getDoseNumberPositiveIntType().getValue()).isEqualTo(2);
		assertThat(byDose.get("Immunization/hepb2").getSeries()).isEqualTo("HepB");

		ImmunizationEvaluation tooYoung = byDose.get("Immunization/dtap1");
		assertThat(tooYoung.getDoseStatus().getCodingFirstRep().getSystem()).isEqualTo(ForecastCodes.DOSE_STATUS);
		assertThat(tooYoung.getDoseStatus().getCodingFirstRep().getCode()).isEqualTo("notvalid");
		assertThat(tooYoung.getDoseStatusReasonFirstRep().getText()).isEqualTo("Not Valid: Age: Too Young");
		assertThat(tooYoung.getDoseStatusReasonFirstRep().getCodingFirstRep().getCode()).isEqualTo("not-valid");
		assertThat(tooYoung.getTargetDisease().getCoding()).hasSize(3);
		assertThat(tooYoung.getPatient().getReference()).isEqualTo("Patient/p1");
		assertThat(tooYoung.getStatus()).isEqualTo(ImmunizationEvaluation.ImmunizationEvaluationStatus.COMPLETED);
		assertThat(tooYoung.getAuthority().getDisplay()).isEqualTo(ForecastCodes.AUTHORITY);

		assertThat(byDose.get("Immunization/dtap2").getDoseStatus().getCodingFirstRep().getCode()).isEqualTo("valid");
		assertThat(byDose.get("Immunization/dtap3").getDoseStatus().getCodingFirstRep().getCode()).isEqualTo("notvalid");
	}

	@Test
	void eachDoseSaysInWordsWhetherItCountsAndWhy() {
		Map<String, String> words = writer.evaluations("Patient/p1", assessment).stream().collect(Collectors.toMap(
				evaluation -> evaluation.getImmunizationEvent().getReference(), ImmunizationEvaluation::getDescription));

		assertThat(words.get("Immunization/hepb2")).isEqualTo("Counts as dose 2.");
		assertThat(words.get("Immunization/dtap1"))
				.isEqualTo("Does not count: it was given before the minimum age for this dose.");
	}

	@Test
	void eachDueGroupSaysWhetherItIsDueNowDueNextOrNotYet() {
		ImmunizationRecommendation recommendation = writer.recommendation("Patient/p1", assessment);

		ImmunizationRecommendationRecommendationComponent polio = group(recommendation, "Polio");
		assertThat(polio.getForecastReasonFirstRep().getCodingFirstRep().getSystem()).isEqualTo(ForecastWords.TIMING);
		assertThat(polio.getForecastReasonFirstRep().getCodingFirstRep().getCode()).isEqualTo("due-now");
		assertThat(polio.getForecastReasonFirstRep().getText()).startsWith("Due now: dose 1, recommended from 2023-03-01");
		ImmunizationRecommendationRecommendationComponent dtap = group(recommendation, "DTaP/Tdap/Td");
		assertThat(dtap.getForecastReasonFirstRep().getCodingFirstRep().getCode()).isEqualTo("due-next");
		assertThat(dtap.getForecastReasonFirstRep().getText()).startsWith("Due next: dose 2, recommended from 2023-05-01");
		ImmunizationRecommendationRecommendationComponent hpv = group(recommendation, "HPV");
		assertThat(hpv.getForecastReasonFirstRep().getCodingFirstRep().getCode()).isEqualTo("not-yet");
		assertThat(hpv.getForecastReasonFirstRep().getCodingFirstRep().getDisplay()).isEqualTo("Not yet due");
	}

	@Test
	void extraneousAndSubStandardDosesAreNotValidWithAReasonThatSaysSo() {
		Assessment expired = ForecastEngine.withBundledSchedule().assess(new PatientFacts(BIRTH, Gender.MALE), List.of(
				new AdministeredDose("Immunization/expired", BIRTH, "08", null, BIRTH.minusDays(1), false),
				new AdministeredDose("Immunization/mmr1", BIRTH.plusYears(1), "03", null),
				new AdministeredDose("Immunization/mmr2", BIRTH.plusYears(4), "03", null),
				new AdministeredDose("Immunization/mmr3", BIRTH.plusYears(5), "03", null)), BIRTH.plusYears(6));

		Map<String, String> reasons = writer.evaluations(null, expired).stream().collect(Collectors.toMap(
				evaluation -> evaluation.getImmunizationEvent().getReference(),
				evaluation -> evaluation.getDoseStatus().getCodingFirstRep().getCode() + " "
						+ evaluation.getDoseStatusReasonFirstRep().getText()));

		assertThat(reasons.get("Immunization/expired")).isEqualTo("notvalid Sub-standard: Expired");
		assertThat(reasons.get("Immunization/mmr3")).startsWith("notvalid Extraneous");
		assertThat(writer.evaluations(null, expired).get(0).getPatient().getDisplay()).isNotBlank();
	}
}
