package org.immunis.forecast.fhir;

import java.time.LocalDate;
import java.util.Map;
import org.immunis.forecast.DoseEvaluation;
import org.immunis.forecast.EvaluationStatus;
import org.immunis.forecast.Forecast;

/**
 * The forecast in the words a person reads: when a vaccine group's next dose is due relative to the assessment date
 * (overdue, due now, due next, not yet), and why a dose counts or not.
 */
final class ForecastWords {

	static final String TIMING = "http://immunis.org/fhir/CodeSystem/forecast-timing";

	/** When the next dose of a group is due, as the assessment date sees it. */
	enum Timing {
		/** the past-due date has passed */
		OVERDUE("overdue", "Overdue"),
		/** the recommended date has come */
		DUE_NOW("due-now", "Due now"),
		/** recommended on the next date any group is due: what the next visit is for */
		DUE_NEXT("due-next", "Due next"),
		/** recommended later than that, e.g. a vaccine for an age the patient has not reached */
		NOT_YET("not-yet", "Not yet due");

		final String code;
		final String display;

		Timing(String code, String display) {
			this.code = code;
			this.display = display;
		}
	}

	private static final Map<String, String> REASONS = Map.of(
			"Age: Too Young", "it was given before the minimum age for this dose",
			"Age: Too Old", "it was given after the maximum age for this dose",
			"Interval: Too Soon", "it was given too soon after an earlier dose",
			"Live Virus Conflict", "it was given too soon after another live vaccine",
			"Inadvertent Vaccine", "this vaccine was not meant for this patient or dose",
			"Not a preferable or allowable vaccine", "this vaccine does not count for this dose",
			"Series Already Complete", "the series was already complete (an extra dose)",
			"Expired", "the vaccine lot had expired",
			"Sub-potent", "less than a full dose was given");

	private ForecastWords() {}

	/**
	 * The timing of a group's next dose; {@code nextDueDate} is the earliest recommended date after the assessment date
	 * among all the patient's groups (null when none is in the future).
	 */
	static Timing timing(Forecast forecast, LocalDate assessmentDate, LocalDate nextDueDate) {
		if (forecast.pastDue() != null && forecast.pastDue().isBefore(assessmentDate)) {
			return Timing.OVERDUE;
		}
		if (!forecast.recommended().isAfter(assessmentDate)) {
			return Timing.DUE_NOW;
		}
		return forecast.recommended().equals(nextDueDate) ? Timing.DUE_NEXT : Timing.NOT_YET;
	}

	/** "Due now: dose 3, recommended from 2023-07-01, overdue after 2024-08-28." */
	static String timingText(Timing timing, Forecast forecast) {
		String text = timing.display + ": dose " + forecast.doseNumber() + ", recommended from " + forecast.recommended();
		if (forecast.earliest().isBefore(forecast.recommended())) {
			text += " (at the earliest " + forecast.earliest() + ")";
		}
		return text + (forecast.pastDue() == null ? "" : ", overdue after " + forecast.pastDue()) + ".";
	}

	/** "Counts as dose 2." or "Does not count: it was given too soon after an earlier dose." */
	static String evaluationText(DoseEvaluation dose, Integer doseNumber) {
		if (dose.status() == EvaluationStatus.VALID) {
			return doseNumber == null ? "Counts." : "Counts as dose " + doseNumber + ".";
		}
		String reason = dose.reason() == null ? null : REASONS.getOrDefault(dose.reason(), dose.reason());
		return "Does not count" + (reason == null || reason.isBlank() ? "." : ": " + reason + ".");
	}
}
