package org.immunis.report;

import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry's measures, by the id of their Measure resource in the implementation guide (ig/resources), where each
 * is described for people. The school-entry requirements come from configuration.
 */
public final class CoverageMeasures {

	static final String ACIP = "ACIP child and adolescent immunization schedule; CDSi supporting data 4.64";
	static final String HEALTHY_PEOPLE = "Healthy People 2030 IID-06 combined 7-vaccine series (4:3:1:3:3:1:4)";
	static final String ADULT = "ACIP adult immunization schedule; CDSi supporting data 4.64";
	static final String TDAP = "115";

	private final Map<String, CoverageMeasure> measures = new LinkedHashMap<>();

	public CoverageMeasures(Map<String, List<ReportProperties.SchoolRequirement>> schoolRequirements) {
		add(new CoverageMeasure("childhood-combined-7", "Children up to date with the combined 7-vaccine series by 24 months",
				Period.ZERO, null, Period.ofMonths(24), false, List.of(
						Requirement.of("DTaP", "DTaP/Tdap/Td", 4, HEALTHY_PEOPLE),
						Requirement.of("Polio", "Polio", 3, HEALTHY_PEOPLE),
						Requirement.of("MMR", "MMR", 1, HEALTHY_PEOPLE),
						Requirement.of("Hib", "Hib", 3, HEALTHY_PEOPLE),
						Requirement.of("HepB", "HepB", 3, HEALTHY_PEOPLE),
						Requirement.of("Varicella", "Varicella", 1, HEALTHY_PEOPLE),
						Requirement.of("PCV", "Pneumococcal", 4, HEALTHY_PEOPLE))));
		add(school("school-entry-kindergarten", "Kindergarten children meeting the school-entry requirements",
				Period.ofYears(5), Period.ofYears(7), schoolRequirements.getOrDefault("kindergarten", List.of())));
		add(school("school-entry-grade-7", "Grade 7 children meeting the school-entry requirements",
				Period.ofYears(12), Period.ofYears(14), schoolRequirements.getOrDefault("grade-7", List.of())));
		add(new CoverageMeasure("adolescent", "Adolescents 13-17 up to date with Tdap, MenACWY and HPV",
				Period.ofYears(13), Period.ofYears(18), null, false, List.of(
						new Requirement("Tdap", "DTaP/Tdap/Td", null, 1, Set.of(TDAP), false, ACIP),
						Requirement.of("MenACWY", "Meningococcal", 1, ACIP),
						Requirement.of("HPV", "HPV", 3, ACIP))));
		add(new CoverageMeasure("adult-65", "Adults 65 and older up to date with pneumococcal and zoster vaccines",
				Period.ofYears(65), null, null, false, List.of(
						Requirement.of("Pneumococcal", "Pneumococcal", 1, ADULT),
						Requirement.of("Zoster", "Zoster", 2, ADULT))));
		add(new CoverageMeasure("influenza-season", "People 6 months and older vaccinated against influenza this season",
				Period.ofMonths(6), null, null, false, List.of(
						new Requirement("Influenza", "Influenza", null, 1, Set.of(), true,
								"ACIP influenza recommendations; the season starts on July 1"))));
		add(new CoverageMeasure("measles-immunity", "People 12 months and older with evidence of measles immunity",
				Period.ofMonths(12), null, null, false, List.of(
						new Requirement("Measles", "MMR", "Measles", 2, Set.of(), false,
								"ACIP presumptive evidence of measles immunity; CDSi measles series and birth-date immunity"))));
	}

	private static CoverageMeasure school(String id, String title, Period from, Period to,
			List<ReportProperties.SchoolRequirement> rows) {
		return new CoverageMeasure(id, title, from, to, null, true,
				rows.stream().map(ReportProperties.SchoolRequirement::requirement).toList());
	}

	private void add(CoverageMeasure measure) {
		measures.put(measure.id(), measure);
	}

	public Optional<CoverageMeasure> byId(String id) {
		return Optional.ofNullable(measures.get(id));
	}

	public List<CoverageMeasure> all() {
		return List.copyOf(measures.values());
	}
}
