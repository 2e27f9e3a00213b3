package org.immunis.report;

import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immunis.forecast.AdministeredDose;
import org.immunis.forecast.AntigenAssessment;
import org.immunis.forecast.Assessment;
import org.immunis.forecast.DoseEvaluation;
import org.immunis.forecast.EvaluationStatus;
import org.immunis.forecast.Forecast;
import org.immunis.forecast.ForecastEngine;
import org.immunis.forecast.PatientFacts;
import org.immunis.forecast.SeriesStatus;
import org.immunis.forecast.Gender;
import org.immunis.forecast.VaccineGroupAssessment;

/**
 * Decides, for one patient and one measure, whether the patient is in the population and how they stand against each
 * requirement, from CDSi's evaluation of their doses (valid doses only) on their assessment date. Plain Java.
 */
public final class MeasureEvaluator {

	private final ForecastEngine engine;

	public MeasureEvaluator(ForecastEngine engine) {
		this.engine = engine;
	}

	/** The patient's outcome, or empty when the patient is not in the measure's initial population. */
	public Optional<PatientOutcome> evaluate(CoverageMeasure measure, ReportedPatient patient, LocalDate periodStart,
			LocalDate periodEnd, boolean onRoster) {
		LocalDate assessed = measure.assessmentDate(patient.birthDate(), periodStart, periodEnd, onRoster);
		if (assessed == null) {
			return Optional.empty();
		}
		List<AdministeredDose> given = patient.doses().stream()
				.filter(dose -> !dose.dateAdministered().isAfter(assessed))
				.toList();
		// only the groups the measure asks about: the others would take most of the time and decide nothing here
		Assessment assessment = engine.assess(new PatientFacts(patient.birthDate(), gender(patient.sex())), given, assessed,
				measure.vaccineGroups());
		List<RequirementOutcome> outcomes = new ArrayList<>();
		for (Requirement requirement : measure.requirements()) {
			outcomes.add(outcome(requirement, patient, assessment));
		}
		return Optional.of(new PatientOutcome(patient, assessed, outcomes));
	}

	private RequirementOutcome outcome(Requirement requirement, ReportedPatient patient, Assessment assessment) {
		List<String> antigens = requirement.antigen() != null ? List.of(requirement.antigen())
				: engine.schedule().vaccineGroup(requirement.vaccineGroup()).antigens();
		if (antigens.stream().anyMatch(patient.contraindicated()::contains)) {
			return new RequirementOutcome(requirement, RequirementOutcome.Status.CONTRAINDICATED, 0, null);
		}
		if (antigens.stream().allMatch(patient.immuneTo()::contains)) {
			return new RequirementOutcome(requirement, RequirementOutcome.Status.IMMUNE, 0, null);
		}
		Optional<VaccineGroupAssessment> group = assessment.vaccineGroup(requirement.vaccineGroup());
		if (group.isEmpty()) {
			return new RequirementOutcome(requirement, RequirementOutcome.Status.MISSING, 0, null);
		}
		SeriesStatus status = group.get().status();
		Forecast forecast = group.get().forecast();
		if (requirement.antigen() != null) {
			Optional<AntigenAssessment> antigen = group.get().antigens().stream()
					.filter(candidate -> candidate.antigen().equalsIgnoreCase(requirement.antigen())).findFirst();
			status = antigen.map(AntigenAssessment::status).orElse(status);
			forecast = antigen.map(AntigenAssessment::forecast).orElse(forecast);
		}
		if (status == SeriesStatus.IMMUNE) {
			return new RequirementOutcome(requirement, RequirementOutcome.Status.IMMUNE, 0, null);
		}
		if (status == SeriesStatus.CONTRAINDICATED) {
			return new RequirementOutcome(requirement, RequirementOutcome.Status.CONTRAINDICATED, 0, null);
		}
		int valid = validDoses(requirement, group.get(), assessment.assessmentDate());
		// CDSi's complete series can need fewer doses than the usual count (a late start of Hib or PCV, HPV before 15)
		boolean complete = status == SeriesStatus.COMPLETE && !requirement.thisSeason();
		if (valid >= requirement.doses() || complete) {
			return new RequirementOutcome(requirement, RequirementOutcome.Status.MET, valid, null);
		}
		return new RequirementOutcome(requirement, RequirementOutcome.Status.MISSING, valid, forecast);
	}

	private static int validDoses(Requirement requirement, VaccineGroupAssessment group, LocalDate assessed) {
		LocalDate seasonStart = seasonStart(assessed);
		int valid = 0;
		for (DoseEvaluation dose : group.doses()) {
			boolean counts = dose.status() == EvaluationStatus.VALID
					&& (requirement.cvx().isEmpty() || requirement.cvx().contains(dose.dose().cvx()))
					&& (!requirement.thisSeason() || !dose.dose().dateAdministered().isBefore(seasonStart));
			if (counts) {
				valid++;
			}
		}
		return valid;
	}

	/** The influenza season a date falls in starts on July 1. */
	static LocalDate seasonStart(LocalDate date) {
		LocalDate julyFirst = LocalDate.of(date.getYear(), Month.JULY, 1);
		return date.isBefore(julyFirst) ? julyFirst.minusYears(1) : julyFirst;
	}

	private static Gender gender(String sex) {
		if ("female".equals(sex)) {
			return Gender.FEMALE;
		}
		return "male".equals(sex) ? Gender.MALE : Gender.UNKNOWN;
	}
}
