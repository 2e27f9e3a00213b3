package org.immunis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.immunis.forecast.AdministeredDose;
import org.immunis.forecast.Assessment;
import org.immunis.forecast.ForecastEngine;
import org.immunis.forecast.Gender;
import org.immunis.forecast.PatientFacts;
import org.junit.jupiter.api.Test;

/** The measure logic on CDSi's evaluation, against outcomes worked out by hand from the ACIP schedule. */
class MeasureEvaluatorTest {

	private static final ForecastEngine ENGINE = ForecastEngine.withBundledSchedule();
	private static final MeasureEvaluator EVALUATOR = new MeasureEvaluator(ENGINE);
	private static final CoverageMeasures MEASURES = new CoverageMeasures(Map.of());
	private static final LocalDate BIRTH = LocalDate.of(2022, 1, 15);
	private static final LocalDate START = LocalDate.of(2024, 1, 1);
	private static final LocalDate END = LocalDate.of(2024, 12, 31);

	/** A child vaccinated on the ACIP schedule: the combined 7-vaccine series by 15 months. */
	private static List<AdministeredDose> onSchedule() {
		List<AdministeredDose> doses = new ArrayList<>();
		dose(doses, "08", 0);
		dose(doses, "08", 1);
		dose(doses, "08", 6);
		for (int month : new int[] {2, 4, 6}) {
			dose(doses, "20", month);
			dose(doses, "10", month);
			dose(doses, "48", month);
			dose(doses, "133", month);
		}
		dose(doses, "03", 12);
		dose(doses, "21", 12);
		dose(doses, "133", 12);
		dose(doses, "48", 12);
		dose(doses, "20", 15);
		return doses;
	}

	private static void dose(List<AdministeredDose> doses, String cvx, int month) {
		doses.add(new AdministeredDose("Immunization/" + cvx + "-" + month, BIRTH.plusMonths(month), cvx, null));
	}

	private static ReportedPatient child(List<AdministeredDose> doses) {
		return new ReportedPatient("child", BIRTH, "female", "Springfield", doses, Set.of(), Set.of());
	}

	private static PatientOutcome combined(ReportedPatient patient) {
		return EVALUATOR.evaluate(MEASURES.byId("childhood-combined-7").orElseThrow(), patient, START, END, false).orElseThrow();
	}

	@Test
	void theGroupsAMeasureAsksAboutAreAssessedAsInTheFullAssessment() {
		List<AdministeredDose> doses = onSchedule();
		// a dose too soon after the previous one, and a live vaccine too close to another: evaluations across groups
		dose(doses, "20", 16);
		doses.add(new AdministeredDose("Immunization/21-13", BIRTH.plusMonths(12).plusDays(10), "21", null));
		// the school-entry measures have no rows here (no table configured)
		for (CoverageMeasure measure : MEASURES.all().stream().filter(measure -> !measure.requirements().isEmpty()).toList()) {
			Assessment full = ENGINE.assess(new PatientFacts(BIRTH, Gender.FEMALE), doses, END);
			Assessment narrowed = ENGINE.assess(new PatientFacts(BIRTH, Gender.FEMALE), doses, END, measure.vaccineGroups());
			assertThat(narrowed.vaccineGroups()).as(measure.id()).isNotEmpty().containsExactlyElementsOf(full.vaccineGroups().stream()
					.filter(group -> measure.vaccineGroups().contains(group.vaccineGroup())).toList());
		}
	}

	@Test
	void aChildVaccinatedOnScheduleIsUpToDateOnTheSecondBirthday() {
		PatientOutcome outcome = combined(child(onSchedule()));
		assertThat(outcome.assessmentDate()).isEqualTo(LocalDate.of(2024, 1, 15));
		assertThat(outcome.meetsAll()).isTrue();
		assertThat(outcome.requirements()).extracting(RequirementOutcome::validDoses).containsExactly(4, 3, 1, 4, 3, 1, 4);
	}

	@Test
	void aMissingPneumococcalBoosterIsWhatIsMissingWithItsDueDate() {
		List<AdministeredDose> doses = onSchedule();
		doses.removeIf(dose -> dose.id().equals("Immunization/133-12"));
		PatientOutcome outcome = combined(child(doses));
		assertThat(outcome.meetsAll()).isFalse();
		assertThat(outcome.missing()).singleElement().satisfies(missing -> {
			assertThat(missing.requirement().label()).isEqualTo("PCV");
			assertThat(missing.validDoses()).isEqualTo(3);
			assertThat(missing.forecast()).isNotNull();
			assertThat(missing.forecast().doseNumber()).isEqualTo(4);
		});
	}

	@Test
	void aDoseGivenTooEarlyIsNotCountedThoughItWasGiven() {
		List<AdministeredDose> doses = onSchedule();
		doses.removeIf(dose -> dose.cvx().equals("03"));
		dose(doses, "03", 10);
		PatientOutcome outcome = combined(child(doses));
		assertThat(outcome.missing()).extracting(missing -> missing.requirement().label()).containsExactly("MMR");
		assertThat(outcome.missing().get(0).validDoses()).isZero();
	}

	@Test
	void aDoseAfterTheSecondBirthdayDoesNotCount() {
		List<AdministeredDose> doses = onSchedule();
		doses.removeIf(dose -> dose.cvx().equals("21"));
		dose(doses, "21", 25);
		assertThat(combined(child(doses)).missing()).extracting(missing -> missing.requirement().label()).containsExactly("Varicella");
	}

	@Test
	void onlyChildrenTurningTwoInThePeriodAreCounted() {
		ReportedPatient older = new ReportedPatient("older", BIRTH.minusYears(1), "male", null, onSchedule(), Set.of(), Set.of());
		assertThat(EVALUATOR.evaluate(MEASURES.byId("childhood-combined-7").orElseThrow(), older, START, END, false)).isEmpty();
	}

	@Test
	void aRecordedContraindicationExcludesAndRecordedImmunityMeets() {
		ReportedPatient contraindicated = new ReportedPatient("c", BIRTH, "female", null, List.of(), Set.of(), Set.of("Measles"));
		ReportedPatient immune = new ReportedPatient("i", BIRTH, "female", null, List.of(), Set.of("Measles"), Set.of());
		CoverageMeasure measles = MEASURES.byId("measles-immunity").orElseThrow();
		assertThat(EVALUATOR.evaluate(measles, contraindicated, START, END, false).orElseThrow().excluded()).isTrue();
		PatientOutcome outcome = EVALUATOR.evaluate(measles, immune, START, END, false).orElseThrow();
		assertThat(outcome.meetsAll()).isTrue();
		assertThat(outcome.requirements().get(0).status()).isEqualTo(RequirementOutcome.Status.IMMUNE);
	}

	@Test
	void bornBefore1957IsImmuneToMeaslesByCdsi() {
		ReportedPatient adult = new ReportedPatient("a", LocalDate.of(1950, 6, 10), "male", null, List.of(), Set.of(), Set.of());
		PatientOutcome outcome = EVALUATOR.evaluate(MEASURES.byId("measles-immunity").orElseThrow(), adult, START, END, false)
				.orElseThrow();
		assertThat(outcome.requirements().get(0).status()).isEqualTo(RequirementOutcome.Status.IMMUNE);
	}

	@Test
	void onlyThisSeasonsInfluenzaDoseCounts() {
		LocalDate birth = LocalDate.of(1990, 3, 1);
		CoverageMeasure influenza = MEASURES.byId("influenza-season").orElseThrow();
		LocalDate end = LocalDate.of(2024, 11, 30);
		ReportedPatient lastSeason = new ReportedPatient("l", birth, "female", null,
				List.of(new AdministeredDose("Immunization/1", LocalDate.of(2024, 6, 20), "150", null)), Set.of(), Set.of());
		ReportedPatient thisSeason = new ReportedPatient("t", birth, "female", null,
				List.of(new AdministeredDose("Immunization/2", LocalDate.of(2024, 9, 20), "150", null)), Set.of(), Set.of());
		assertThat(EVALUATOR.evaluate(influenza, lastSeason, START, end, false).orElseThrow().meetsAll()).isFalse();
		assertThat(EVALUATOR.evaluate(influenza, thisSeason, START, end, false).orElseThrow().meetsAll()).isTrue();
		assertThat(MeasureEvaluator.seasonStart(LocalDate.of(2025, 3, 1))).isEqualTo(LocalDate.of(2024, 7, 1));
	}

	@Test
	void aRosterIsTheSchoolEntryPopulationWhateverTheAge() {
		CoverageMeasures configured = new CoverageMeasures(Map.of("kindergarten", List.of(
				new ReportProperties.SchoolRequirement("MMR", "MMR", null, 2, Set.of(), "test table"))));
		CoverageMeasure kindergarten = configured.byId("school-entry-kindergarten").orElseThrow();
		ReportedPatient sevenYearsOld = new ReportedPatient("s", LocalDate.of(2017, 1, 1), "female", null, List.of(), Set.of(), Set.of());
		assertThat(EVALUATOR.evaluate(kindergarten, sevenYearsOld, START, END, false)).isEmpty();
		PatientOutcome onRoster = EVALUATOR.evaluate(kindergarten, sevenYearsOld, START, END, true).orElseThrow();
		assertThat(onRoster.missing()).extracting(missing -> missing.requirement().source()).containsExactly("test table");
	}
}
