package org.immunis.report;

import java.time.LocalDate;
import java.time.Period;

/** The ways a report's counts are broken down: town of residence, age band on the assessment date, sex. */
enum Stratifier {
	TOWN("town"),
	AGE_BAND("age-band"),
	SEX("sex");

	static final String NO_TOWN = "unknown";

	private final String code;

	Stratifier(String code) {
		this.code = code;
	}

	String code() {
		return code;
	}

	String valueOf(PatientOutcome outcome) {
		switch (this) {
			case TOWN:
				return outcome.patient().town() == null ? NO_TOWN : outcome.patient().town();
			case SEX:
				return outcome.patient().sex() == null ? "unknown" : outcome.patient().sex();
			default:
				return ageBand(outcome.patient().birthDate(), outcome.assessmentDate());
		}
	}

	static String ageBand(LocalDate birthDate, LocalDate on) {
		Period age = Period.between(birthDate, on);
		int years = age.getYears();
		if (years < 2) {
			return "0-23 months";
		}
		if (years < 5) {
			return "2-4 years";
		}
		if (years < 11) {
			return "5-10 years";
		}
		if (years < 13) {
			return "11-12 years";
		}
		if (years < 18) {
			return "13-17 years";
		}
		if (years < 50) {
			return "18-49 years";
		}
		return years < 65 ? "50-64 years" : "65 years and older";
	}
}
