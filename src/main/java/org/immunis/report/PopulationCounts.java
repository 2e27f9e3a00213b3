package org.immunis.report;

/**
 * The counts of one cell of a report (a whole group, or one stratum of it).
 *
 * @param initialPopulation patients of the population
 * @param denominator the same patients (every patient of the population is in the denominator)
 * @param exclusions patients excluded from the denominator (a contraindication)
 * @param numerator patients meeting the measure
 */
public record PopulationCounts(int initialPopulation, int denominator, int exclusions, int numerator) {

	static final PopulationCounts NONE = new PopulationCounts(0, 0, 0, 0);

	PopulationCounts plus(boolean excluded, boolean met) {
		return new PopulationCounts(initialPopulation + 1, denominator + 1, exclusions + (excluded ? 1 : 0),
				numerator + (met ? 1 : 0));
	}

	/** Patients of the denominator, not excluded, who do not meet the measure: shown only by subtraction. */
	int notMet() {
		return denominator - exclusions - numerator;
	}

	/** Whether any count, or what subtraction gives from them, is a small cell: from 1 to below the threshold. */
	boolean hasSmallCell(int threshold) {
		for (int count : new int[] {initialPopulation, denominator, exclusions, numerator, notMet()}) {
			if (count > 0 && count < threshold) {
				return true;
			}
		}
		return false;
	}

	/** The patients' share meeting the measure, of those not excluded; null for none. */
	Double score() {
		int eligible = denominator - exclusions;
		return eligible == 0 ? null : (double) numerator / eligible;
	}
}
