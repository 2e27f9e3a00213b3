package org.immunis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CellSuppressionTest {

	private static final int THRESHOLD = 11;

	private static PopulationCounts counts(int population, int numerator) {
		return new PopulationCounts(population, population, 0, numerator);
	}

	private static Map<Stratifier, Map<String, PopulationCounts>> sex(Map<String, PopulationCounts> strata) {
		return Map.of(Stratifier.SEX, new TreeMap<>(strata));
	}

	@Test
	void largeCellsAndZerosAreShown() {
		CellSuppression.Withheld withheld = CellSuppression.of(counts(60, 30),
				sex(Map.of("female", counts(30, 15), "male", counts(30, 15), "other", counts(0, 0))), THRESHOLD);
		assertThat(withheld.total()).isFalse();
		assertThat(withheld.strata().get(Stratifier.SEX)).isEmpty();
	}

	@Test
	void aSmallNumeratorOrASmallRemainderWithholdsTheCell() {
		assertThat(counts(30, 10).hasSmallCell(THRESHOLD)).isTrue();
		assertThat(counts(30, 25).hasSmallCell(THRESHOLD)).as("5 not met, had by subtraction").isTrue();
		assertThat(counts(30, 11).hasSmallCell(THRESHOLD)).isFalse();
		assertThat(new PopulationCounts(30, 30, 3, 11).hasSmallCell(THRESHOLD)).as("3 excluded").isTrue();
		assertThat(counts(30, 30).hasSmallCell(THRESHOLD)).isFalse();
	}

	@Test
	void aLoneSmallStratumTakesTheSmallestOtherWithIt() {
		CellSuppression.Withheld withheld = CellSuppression.of(counts(62, 62),
				sex(Map.of("female", counts(30, 30), "male", counts(30, 30), "unknown", counts(2, 2))), THRESHOLD);
		assertThat(withheld.total()).isFalse();
		assertThat(withheld.strata().get(Stratifier.SEX)).containsExactlyInAnyOrder("unknown", "female");
	}

	@Test
	void twoSmallStrataThatTogetherAreNotSmallNeedNoOther() {
		CellSuppression.Withheld withheld = CellSuppression.of(counts(72, 72),
				sex(Map.of("female", counts(30, 30), "male", counts(30, 30), "other", counts(6, 6), "unknown", counts(6, 6))),
				THRESHOLD);
		assertThat(withheld.strata().get(Stratifier.SEX)).containsExactlyInAnyOrder("other", "unknown");
	}

	@Test
	void aSmallTotalIsWithheldWithItsSmallStrata() {
		CellSuppression.Withheld withheld = CellSuppression.of(counts(5, 3),
				sex(Map.of("female", counts(5, 3), "male", counts(0, 0))), THRESHOLD);
		assertThat(withheld.total()).isTrue();
		assertThat(withheld.strata().get(Stratifier.SEX)).containsExactly("female");
	}
}
