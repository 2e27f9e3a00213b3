package org.immunis.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.ImmunizationRecommendation;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;
import org.immunis.forecast.Forecast;

/**
 * Writes a measure's counts as a FHIR R4 MeasureReport (DEQM's summary and subject-list forms), withholding small
 * cells as {@link CellSuppression} says, and saying in the report whom it counts and what it withholds.
 */
final class MeasureReportWriter {

	static final String MEASURE_BASE = "http://immunis.org/fhir/Measure/";
	static final String POPULATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/measure-population";
	static final String DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
	static final String SCOPE_EXTENSION = "http://immunis.org/fhir/StructureDefinition/report-population-scope";
	static final String THRESHOLD_EXTENSION = "http://immunis.org/fhir/StructureDefinition/report-small-cell-threshold";
	static final String NOT_MET_EXTENSION = "http://immunis.org/fhir/StructureDefinition/report-not-met-list";
	static final String GROUP_SYSTEM = "http://immunis.org/fhir/CodeSystem/measure-group";
	static final String STRATIFIER_SYSTEM = "http://immunis.org/fhir/CodeSystem/measure-stratifier";
	static final String CVX = "http://hl7.org/fhir/sid/cvx";
	static final String LOINC = "http://loinc.org";
	static final String RECOMMENDATION_STATUS = "http://terminology.hl7.org/CodeSystem/immunization-recommendation-status";

	/** What the report is about and for whom, as the writer needs it. */
	record Request(LocalDate periodStart, LocalDate periodEnd, String subjectReference, boolean subjectList,
			String scope, Integer smallCellThreshold) {}

	MeasureReport write(MeasureTally tally, Request request, Date now) {
		MeasureReport report = new MeasureReport();
		report.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
		report.setType(request.subjectList() ? MeasureReport.MeasureReportType.SUBJECTLIST : MeasureReport.MeasureReportType.SUMMARY);
		report.setMeasure(MEASURE_BASE + tally.measure().id());
		report.setDate(now);
		report.setPeriod(new Period().setStartElement(new DateTimeType(request.periodStart().toString()))
				.setEndElement(new DateTimeType(request.periodEnd().toString())));
		if (request.subjectReference() != null) {
			report.setSubject(new Reference(request.subjectReference()));
		}
		report.setImprovementNotation(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/measure-improvement-notation", "increase", "Increased score indicates improvement")));
		report.addExtension(SCOPE_EXTENSION, new StringType(request.scope()));
		if (request.smallCellThreshold() != null) {
			report.addExtension(THRESHOLD_EXTENSION, new IntegerType(request.smallCellThreshold()));
		}
		report.setText(narrative(tally, request));
		for (GroupTally group : tally.groups()) {
			CellSuppression.Withheld withheld = request.smallCellThreshold() == null ? CellSuppression.Withheld.NOTHING
					: CellSuppression.of(group.total(), group.strata(), request.smallCellThreshold());
			MeasureReport.MeasureReportGroupComponent component = report.addGroup();
			component.setCode(new CodeableConcept(new Coding(GROUP_SYSTEM, group.code(), groupDisplay(group.code()))));
			populations(group.total(), withheld.total(), component.getPopulation()::add);
			score(group.total(), withheld.total(), component::setMeasureScore);
			group.strata().forEach((stratifier, strata) -> stratifier(component, stratifier, strata, withheld));
		}
		if (request.subjectList()) {
			SubjectLists.add(report, tally, now);
		}
		return report;
	}

	private static void stratifier(MeasureReport.MeasureReportGroupComponent group, Stratifier stratifier,
			Map<String, PopulationCounts> strata, CellSuppression.Withheld withheld) {
		MeasureReport.MeasureReportGroupStratifierComponent component = group.addStratifier();
		component.addCode(new CodeableConcept(new Coding(STRATIFIER_SYSTEM, stratifier.code(), null)).setText(stratifier.code()));
		strata.forEach((value, counts) -> {
			boolean hidden = withheld.stratum(stratifier, value);
			MeasureReport.StratifierGroupComponent stratum = component.addStratum();
			stratum.setValue(new CodeableConcept().setText(value));
			populations(counts, hidden, population -> stratum.addPopulation()
					.setCode(population.getCode()).setCountElement(population.getCountElement()));
			score(counts, hidden, stratum::setMeasureScore);
		});
	}

	private static void populations(PopulationCounts counts, boolean withheld,
			Consumer<MeasureReport.MeasureReportGroupPopulationComponent> sink) {
		sink.accept(population("initial-population", "Initial Population", counts.initialPopulation(), withheld));
		sink.accept(population("denominator", "Denominator", counts.denominator(), withheld));
		sink.accept(population("denominator-exclusion", "Denominator Exclusion", counts.exclusions(), withheld));
		sink.accept(population("numerator", "Numerator", counts.numerator(), withheld));
	}

	static MeasureReport.MeasureReportGroupPopulationComponent population(String code, String display, int count,
			boolean withheld) {
		MeasureReport.MeasureReportGroupPopulationComponent population = new MeasureReport.MeasureReportGroupPopulationComponent();
		population.setCode(new CodeableConcept(new Coding(POPULATION_SYSTEM, code, display)));
		IntegerType value = new IntegerType();
		if (withheld) {
			value.addExtension(new Extension(DATA_ABSENT_REASON, new CodeType("masked")));
		} else {
			value.setValue(count);
		}
		population.setCountElement(value);
		return population;
	}

	private static void score(PopulationCounts counts, boolean withheld, Consumer<Quantity> sink) {
		Double score = counts.score();
		if (!withheld && score != null) {
			sink.accept(new Quantity().setValue(BigDecimal.valueOf(score).setScale(4, RoundingMode.HALF_UP)));
		}
	}

	private static String groupDisplay(String code) {
		return MeasureTally.ALL_REQUIREMENTS.equals(code) ? "All requirements" : code;
	}

	private static Narrative narrative(MeasureTally tally, Request request) {
		XhtmlNode div = new XhtmlNode(NodeType.Element, "div");
		div.para().addText(tally.measure().title() + ", " + request.periodStart() + " to " + request.periodEnd() + ".");
		div.para().addText(request.scope());
		div.para().addText(request.smallCellThreshold() == null
				? "No cell is withheld: the registry admin sees every count."
				: "Counts from 1 to " + (request.smallCellThreshold() - 1) + " (and the counts they could be had from by"
						+ " subtraction) are withheld, shown as masked.");
		Narrative narrative = new Narrative();
		narrative.setStatus(Narrative.NarrativeStatus.GENERATED);
		narrative.setDiv(div);
		return narrative;
	}

	/** The patients of the denominator, those meeting the measure, and for each patient not meeting it what is due. */
	private static final class SubjectLists {

		static void add(MeasureReport report, MeasureTally tally, Date now) {
			GroupTally all = tally.groups().get(0);
			List<PatientOutcome> outcomes = tally.outcomes();
			ListResource denominator = list("denominator", "Patients of the denominator");
			ListResource numerator = list("numerator", "Patients meeting the measure");
			ListResource excluded = list("denominator-exclusion", "Patients excluded (contraindication)");
			ListResource notMet = list("not-met", "Patients not meeting the measure, with the doses they miss");
			int index = 0;
			for (PatientOutcome outcome : outcomes) {
				Reference patient = new Reference("Patient/" + outcome.patient().id());
				denominator.addEntry().setItem(patient.copy());
				if (all.isExcluded(outcome)) {
					excluded.addEntry().setItem(patient.copy());
				} else if (all.isMet(outcome)) {
					numerator.addEntry().setItem(patient.copy());
				} else {
					ImmunizationRecommendation gaps = gaps(outcome, now);
					gaps.setId("gap-" + index++);
					report.addContained(gaps);
					notMet.addEntry().setItem(new Reference("#" + gaps.getId()));
				}
			}
			for (ListResource list : List.of(denominator, numerator, excluded, notMet)) {
				report.addContained(list);
			}
			MeasureReport.MeasureReportGroupComponent group = report.getGroupFirstRep();
			for (MeasureReport.MeasureReportGroupPopulationComponent population : group.getPopulation()) {
				String code = population.getCode().getCodingFirstRep().getCode();
				if (!"initial-population".equals(code)) {
					population.setSubjectResults(new Reference("#" + code));
				}
			}
			group.addExtension(NOT_MET_EXTENSION, new Reference("#not-met"));
		}

		private static ListResource list(String id, String title) {
			ListResource list = new ListResource();
			list.setId(id);
			list.setStatus(ListResource.ListStatus.CURRENT);
			list.setMode(ListResource.ListMode.SNAPSHOT);
			list.setTitle(title);
			return list;
		}

		private static ImmunizationRecommendation gaps(PatientOutcome outcome, Date now) {
			ImmunizationRecommendation recommendation = new ImmunizationRecommendation();
			recommendation.setPatient(new Reference("Patient/" + outcome.patient().id()));
			recommendation.setDate(now);
			for (RequirementOutcome missing : outcome.missing()) {
				ImmunizationRecommendation.ImmunizationRecommendationRecommendationComponent due = recommendation.addRecommendation();
				CodeableConcept vaccine = new CodeableConcept().setText(missing.requirement().label());
				Forecast forecast = missing.forecast();
				if (forecast != null) {
					forecast.vaccineCvx().forEach(cvx -> vaccine.addCoding(new Coding(CVX, cvx, null)));
				}
				due.addVaccineCode(vaccine);
				boolean overdue = forecast != null && forecast.pastDue() != null && !forecast.pastDue().isAfter(outcome.assessmentDate());
				due.setForecastStatus(new CodeableConcept(new Coding(RECOMMENDATION_STATUS, overdue ? "overdue" : "due",
						overdue ? "Overdue" : "Due")));
				due.setDescription(missing.validDoses() + " of " + missing.requirement().doses() + " valid "
						+ missing.requirement().label() + " doses");
				due.setSeriesDoses(new PositiveIntType(missing.requirement().doses()));
				if (forecast != null) {
					due.setDoseNumber(new PositiveIntType(forecast.doseNumber()));
					date(due, "30981-5", "Earliest date to give", forecast.earliest());
					date(due, "30980-7", "Date vaccine due", forecast.recommended());
					date(due, "59778-1", "Date when overdue for immunization", forecast.pastDue());
				}
			}
			return recommendation;
		}

		private static void date(ImmunizationRecommendation.ImmunizationRecommendationRecommendationComponent due,
				String code, String display, LocalDate date) {
			if (date != null) {
				due.addDateCriterion().setCode(new CodeableConcept(new Coding(LOINC, code, display)))
						.setValueElement(new DateTimeType(date.toString()));
			}
		}
	}
}
