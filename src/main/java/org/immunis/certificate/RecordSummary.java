package org.immunis.certificate;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.immunis.forecast.AdministeredDose;
import org.immunis.forecast.Assessment;
import org.immunis.forecast.DoseEvaluation;
import org.immunis.forecast.EvaluationStatus;
import org.immunis.forecast.Forecast;
import org.immunis.forecast.SeriesStatus;
import org.immunis.forecast.VaccineGroupAssessment;

/**
 * What the printable record says, in words: every dose by vaccine group with whether it counts (the CDSi evaluation),
 * and the doses due now or within a year (the forecast), overdue first.
 */
record RecordSummary(List<Group> groups, List<Due> due) {

	static final String OTHER_VACCINES = "Other vaccines";
	static final String OVERDUE = "Overdue";
	static final String DUE_NOW = "Due now";
	static final String DUE_LATER = "Due later";
	/** How far ahead the record looks: a dose recommended later is not yet of interest to a school or camp. */
	static final Period HORIZON = Period.ofYears(1);

	/** A vaccine group ("MMR") and its doses, oldest first. */
	record Group(String name, List<Dose> doses) {}

	/** A dose: date, vaccine name, and whether it counts ("Yes", or "No: Not Valid: Age: Too Young"). */
	record Dose(LocalDate date, String vaccine, String counts) {}

	/** The next dose of a vaccine group, recommended within the {@link #HORIZON} or already due. */
	record Due(String group, int doseNumber, LocalDate earliest, LocalDate recommended, LocalDate pastDue, String when) {}

	static RecordSummary of(List<AdministeredDose> doses, Assessment assessment, VaccineNames names) {
		List<Group> groups = new ArrayList<>();
		Set<String> evaluated = assessment.vaccineGroups().stream()
				.flatMap(group -> group.doses().stream()).map(evaluation -> evaluation.dose().id()).collect(Collectors.toSet());
		for (VaccineGroupAssessment group : assessment.vaccineGroups()) {
			List<Dose> lines = group.doses().stream()
					.sorted(Comparator.comparing(evaluation -> evaluation.dose().dateAdministered()))
					.map(evaluation -> new Dose(evaluation.dose().dateAdministered(), names.of(evaluation.dose().cvx()), counts(evaluation)))
					.toList();
			if (!lines.isEmpty()) {
				groups.add(new Group(group.vaccineGroup(), lines));
			}
		}
		List<Dose> others = doses.stream()
				.filter(dose -> !evaluated.contains(dose.id()))
				.sorted(Comparator.comparing(AdministeredDose::dateAdministered))
				.map(dose -> new Dose(dose.dateAdministered(), names.of(dose.cvx()), "Not evaluated"))
				.toList();
		if (!others.isEmpty()) {
			groups.add(new Group(OTHER_VACCINES, others));
		}
		return new RecordSummary(List.copyOf(groups), due(assessment));
	}

	private static String counts(DoseEvaluation evaluation) {
		if (evaluation.status() == EvaluationStatus.VALID) {
			return "Yes";
		}
		String reason = evaluation.reason() == null || evaluation.reason().isBlank() ? "" : ": " + evaluation.reason();
		return "No (" + evaluation.status().cdsiName() + reason + ")";
	}

	private static List<Due> due(Assessment assessment) {
		LocalDate today = assessment.assessmentDate();
		Map<String, Due> due = new LinkedHashMap<>();
		for (VaccineGroupAssessment group : assessment.vaccineGroups()) {
			Forecast next = group.forecast();
			if (group.status() == SeriesStatus.NOT_COMPLETE && next != null && next.recommended() != null
					&& (!next.recommended().isAfter(today.plus(HORIZON)) || !when(next, today).equals(DUE_LATER))) {
				due.put(group.vaccineGroup(), new Due(group.vaccineGroup(), next.doseNumber(), next.earliest(),
						next.recommended(), next.pastDue(), when(next, today)));
			}
		}
		return due.values().stream()
				.sorted(Comparator.comparing((Due entry) -> rank(entry.when())).thenComparing(Due::recommended))
				.toList();
	}

	private static String when(Forecast next, LocalDate today) {
		if (next.pastDue() != null && !today.isBefore(next.pastDue())) {
			return OVERDUE;
		}
		return !today.isBefore(next.earliest() == null ? next.recommended() : next.earliest()) ? DUE_NOW : DUE_LATER;
	}

	private static int rank(String when) {
		return switch (when) {
			case OVERDUE -> 0;
			case DUE_NOW -> 1;
			default -> 2;
		};
	}
}
