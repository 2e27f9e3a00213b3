package org.immunis.report;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The counts of one group of a report, in total and by stratum: one group counts all requirements together, the
 * others one requirement each.
 */
final class GroupTally {

	private final String code;
	private final Predicate<PatientOutcome> excluded;
	private final Predicate<PatientOutcome> met;
	private PopulationCounts total = PopulationCounts.NONE;
	private final Map<Stratifier, Map<String, PopulationCounts>> strata = new EnumMap<>(Stratifier.class);

	GroupTally(String code, Predicate<PatientOutcome> excluded, Predicate<PatientOutcome> met) {
		this.code = code;
		this.excluded = excluded;
		this.met = met;
		for (Stratifier stratifier : Stratifier.values()) {
			strata.put(stratifier, new TreeMap<>());
		}
	}

	void add(PatientOutcome outcome) {
		boolean isExcluded = excluded.test(outcome);
		boolean isMet = !isExcluded && met.test(outcome);
		total = total.plus(isExcluded, isMet);
		for (Stratifier stratifier : Stratifier.values()) {
			strata.get(stratifier).merge(stratifier.valueOf(outcome), PopulationCounts.NONE.plus(isExcluded, isMet),
					GroupTally::sum);
		}
	}

	boolean isMet(PatientOutcome outcome) {
		return !excluded.test(outcome) && met.test(outcome);
	}

	boolean isExcluded(PatientOutcome outcome) {
		return excluded.test(outcome);
	}

	String code() {
		return code;
	}

	PopulationCounts total() {
		return total;
	}

	Map<Stratifier, Map<String, PopulationCounts>> strata() {
		return strata;
	}

	private static PopulationCounts sum(PopulationCounts a, PopulationCounts b) {
		return new PopulationCounts(a.initialPopulation() + b.initialPopulation(), a.denominator() + b.denominator(),
				a.exclusions() + b.exclusions(), a.numerator() + b.numerator());
	}
}
