package org.immunis.report;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which cells of a group a report withholds (CDC's small-cell rule). A cell is withheld when any of its counts, or the
 * patients not meeting the measure (which subtraction gives), is from 1 to below the threshold: all its counts and its
 * score are withheld together. So that a withheld stratum cannot be had by subtracting the shown strata from the shown
 * total, more strata of the same stratifier are withheld, smallest first, until the withheld strata together have no
 * small count either. Zero is shown: it names nobody.
 */
final class CellSuppression {

	/** What a group withholds: its total, and the strata by stratifier. */
	record Withheld(boolean total, Map<Stratifier, Set<String>> strata) {

		static final Withheld NOTHING = new Withheld(false, Map.of());

		boolean stratum(Stratifier stratifier, String value) {
			return strata.getOrDefault(stratifier, Set.of()).contains(value);
		}
	}

	private CellSuppression() {}

	static Withheld of(PopulationCounts total, Map<Stratifier, Map<String, PopulationCounts>> strata, int threshold) {
		boolean totalWithheld = total.hasSmallCell(threshold);
		Map<Stratifier, Set<String>> withheld = new EnumMap<>(Stratifier.class);
		for (Map.Entry<Stratifier, Map<String, PopulationCounts>> stratifier : strata.entrySet()) {
			withheld.put(stratifier.getKey(), withheldStrata(stratifier.getValue(), threshold, totalWithheld));
		}
		return new Withheld(totalWithheld, withheld);
	}

	private static Set<String> withheldStrata(Map<String, PopulationCounts> strata, int threshold, boolean totalWithheld) {
		Set<String> withheld = new HashSet<>();
		strata.forEach((value, counts) -> {
			if (counts.hasSmallCell(threshold)) {
				withheld.add(value);
			}
		});
		if (totalWithheld) {
			return withheld;
		}
		while (!withheld.isEmpty() && combined(strata, withheld).hasSmallCell(threshold) && withheld.size() < strata.size()) {
			String smallestShown = strata.entrySet().stream()
					.filter(entry -> !withheld.contains(entry.getKey()))
					.min(Comparator.comparingInt((Map.Entry<String, PopulationCounts> entry) -> entry.getValue().initialPopulation())
							.thenComparing(Map.Entry::getKey))
					.orElseThrow()
					.getKey();
			withheld.add(smallestShown);
		}
		return withheld;
	}

	private static PopulationCounts combined(Map<String, PopulationCounts> strata, Set<String> values) {
		PopulationCounts sum = PopulationCounts.NONE;
		for (String value : values) {
			PopulationCounts counts = strata.get(value);
			sum = new PopulationCounts(sum.initialPopulation() + counts.initialPopulation(),
					sum.denominator() + counts.denominator(), sum.exclusions() + counts.exclusions(),
					sum.numerator() + counts.numerator());
		}
		return sum;
	}
}
