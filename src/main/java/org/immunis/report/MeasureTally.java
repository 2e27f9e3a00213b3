package org.immunis.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A measure's counts over the patients added to it: the group of all requirements together, then one group per
 * requirement; and, for a subject list, the patients of the denominator and how each stands.
 */
final class MeasureTally {

	static final String ALL_REQUIREMENTS = "all";

	private final CoverageMeasure measure;
	private final List<GroupTally> groups = new ArrayList<>();
	private final List<PatientOutcome> outcomes = new ArrayList<>();
	private final boolean keepOutcomes;

	MeasureTally(CoverageMeasure measure, boolean keepOutcomes) {
		this.measure = measure;
		this.keepOutcomes = keepOutcomes;
		groups.add(new GroupTally(ALL_REQUIREMENTS, PatientOutcome::excluded, PatientOutcome::meetsAll));
		for (int i = 0; i < measure.requirements().size(); i++) {
			int index = i;
			groups.add(new GroupTally(measure.requirements().get(i).label(),
					outcome -> outcome.requirements().get(index).status() == RequirementOutcome.Status.CONTRAINDICATED,
					outcome -> outcome.requirements().get(index).counts()));
		}
	}

	void add(PatientOutcome outcome) {
		groups.forEach(group -> group.add(outcome));
		if (keepOutcomes) {
			outcomes.add(outcome);
		}
	}

	CoverageMeasure measure() {
		return measure;
	}

	List<GroupTally> groups() {
		return groups;
	}

	/** The patients of the population, in the order added (kept for a subject list only). */
	List<PatientOutcome> outcomes() {
		return outcomes;
	}

	int patients() {
		return groups.get(0).total().initialPopulation();
	}
}
