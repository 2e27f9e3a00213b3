package org.immunis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ImmunizationRecommendation;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.immunis.RegistryIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code Measure/measles-immunity/$evaluate-measure} over HTTP for every requester kind, against counts worked out by
 * hand for the fixture's town on 2026-11-30:
 * <pre>
 * patient          lives in town  objects  on roster  MMR doses      measles immunity
 * fully            yes            no       yes        2 valid        met
 * one-dose         yes            no       yes        1 (age 11)     not met, 2nd dose overdue
 * objecting        yes            yes      yes        2 valid        met (only admin and clinic A count it)
 * withdrawn        yes            withdrew yes        2 valid        met
 * moved            no (old addr.) no       no         2 valid        not in the town
 * born-1950        yes            no       no         none           met (CDSi birth-date immunity)
 * contraindicated  yes            no       yes        not done MEDPREC  excluded
 * immune           yes            no       yes        not done IMMUNE   met
 * toddler (17 mo.) yes            no       yes        none           not met, 1st dose due
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportIT extends RegistryIntegrationTest {

	private static final String PERIOD = "periodStart=2026-01-01&periodEnd=2026-11-30";
	private ReportFixture fixture;

	@BeforeAll
	void registry() {
		fixture = new ReportFixture(baseUrl(), fhirContext);
	}

	@ParameterizedTest(name = "{0} counts its patients of the town")
	@CsvSource({
			"admin,      fully one-dose objecting withdrawn born-1950 contraindicated immune toddler",
			"provider-a, fully one-dose objecting withdrawn born-1950 contraindicated immune toddler",
			"provider-c, fully one-dose withdrawn born-1950 contraindicated immune toddler",
			"board,      fully one-dose withdrawn born-1950 contraindicated immune toddler",
			"program,    fully one-dose withdrawn born-1950 contraindicated immune toddler",
			"researcher, fully one-dose withdrawn born-1950 contraindicated immune toddler",
			"school,     fully one-dose withdrawn contraindicated immune toddler"})
	void townSubjectList(String kind, String expected) {
		MeasureReport report = evaluate(kind, "town=" + fixture.town + "&reportType=subject-list");
		Set<String> denominator = names(list(report, "denominator"));
		assertThat(denominator).containsExactlyInAnyOrderElementsOf(words(expected));
		assertThat(names(list(report, "denominator-exclusion"))).isEqualTo(denominator.contains("contraindicated")
				? Set.of("contraindicated") : Set.of());
		Set<String> met = new LinkedHashSet<>(denominator);
		met.removeAll(Set.of("one-dose", "toddler", "contraindicated"));
		assertThat(names(list(report, "numerator"))).containsExactlyInAnyOrderElementsOf(met);
		assertThat(gapPatients(report)).containsExactlyInAnyOrderElementsOf(
				denominator.stream().filter(name -> name.equals("one-dose") || name.equals("toddler")).toList());
	}

	@Test
	void theSchoolCountsItsRosterChildrenWhoShare() {
		MeasureReport report = evaluate("school", "subject=Group/" + id(fixture.roster) + "&reportType=subject-list");
		assertThat(names(list(report, "denominator")))
				.containsExactlyInAnyOrder("fully", "one-dose", "withdrawn", "contraindicated", "immune", "toddler");
		assertThat(report.getSubject().getReference()).isEqualTo(fixture.roster);
		assertThat(scope(report)).contains("school's rosters");
	}

	@Test
	void aSubjectListIsInTheAccountingOfDisclosuresOfEachPatientItNamesAndNoOther() {
		evaluate("school", "subject=Group/" + id(fixture.roster) + "&reportType=subject-list");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
				assertThat(rosterReports("fully")).isNotEmpty().allSatisfy(event ->
						assertThat(event.getEntity()).filteredOn(entity -> entity.getWhat().hasReference())
								.extracting(entity -> entity.getWhat().getReference())
								.containsExactly("Patient/" + fixture.patients.get("fully"))));
		assertThat(rosterReports("objecting")).isEmpty();
	}

	// the AuditEvents about a patient for the school's subject list of its roster
	private List<AuditEvent> rosterReports(String patient) {
		Bundle trail = client().search().byUrl("AuditEvent?_count=200&patient=Patient/" + fixture.patients.get(patient))
				.returnBundle(Bundle.class).execute();
		return trail.getEntry().stream().map(entry -> (AuditEvent) entry.getResource())
				.filter(event -> event.getEntity().stream().anyMatch(entity -> entity.hasQuery()
						&& new String(entity.getQuery(), StandardCharsets.UTF_8).contains("subject=Group/" + id(fixture.roster))
						&& new String(entity.getQuery(), StandardCharsets.UTF_8).contains("subject-list")))
				.toList();
	}

	@Test
	void theAdminSeesEveryCountAndTheGaps() {
		MeasureReport report = evaluate("admin", "town=" + fixture.town + "&reportType=subject-list");
		MeasureReport.MeasureReportGroupComponent all = report.getGroupFirstRep();
		assertThat(counts(all.getPopulation())).containsExactly(8, 8, 1, 5);
		assertThat(all.getMeasureScore().getValue().doubleValue()).isEqualTo(0.7143);
		assertThat(report.getExtensionByUrl(MeasureReportWriter.THRESHOLD_EXTENSION)).isNull();
		ImmunizationRecommendation oneDose = gaps(report).stream()
				.filter(gap -> gap.getPatient().getReference().equals("Patient/" + fixture.patients.get("one-dose")))
				.findFirst().orElseThrow();
		ImmunizationRecommendation.ImmunizationRecommendationRecommendationComponent due = oneDose.getRecommendationFirstRep();
		assertThat(due.getDescription()).isEqualTo("1 of 2 valid Measles doses");
		assertThat(due.getForecastStatus().getCodingFirstRep().getCode()).isEqualTo("overdue");
		assertThat(due.getDoseNumberPositiveIntType().getValue()).isEqualTo(2);
		assertThat(due.getDateCriterion()).extracting(criterion -> criterion.getCode().getCodingFirstRep().getCode())
				.contains("30980-7");
	}

	@Test
	void smallCellsAreWithheldForEveryoneButTheAdmin() {
		MeasureReport report = evaluate("board", "town=" + fixture.town);
		assertThat(report.getType()).isEqualTo(MeasureReport.MeasureReportType.SUMMARY);
		MeasureReport.MeasureReportGroupComponent all = report.getGroupFirstRep();
		assertThat(all.getPopulation()).allSatisfy(population -> assertThat(masked(population.getCountElement())).isTrue());
		assertThat(all.hasMeasureScore()).isFalse();
		assertThat(((IntegerType) report.getExtensionByUrl(MeasureReportWriter.THRESHOLD_EXTENSION).getValue()).getValue())
				.isEqualTo(11);
		assertThat(report.getContained()).isEmpty();
	}

	@Test
	void aStratumBelowTheThresholdIsWithheldTogetherWithTheOneItCouldBeHadFrom() {
		MeasureReport program = evaluate("program", "town=" + fixture.bigTown);
		MeasureReport.MeasureReportGroupComponent all = program.getGroupFirstRep();
		assertThat(counts(all.getPopulation())).containsExactly(14, 14, 0, 14);
		MeasureReport.MeasureReportGroupStratifierComponent sex = stratifier(all, "sex");
		assertThat(sex.getStratum()).hasSize(2).allSatisfy(stratum ->
				assertThat(stratum.getPopulation()).allSatisfy(population -> assertThat(masked(population.getCountElement())).isTrue()));
		MeasureReport.MeasureReportGroupStratifierComponent town = stratifier(all, "town");
		assertThat(town.getStratumFirstRep().getPopulation().get(3).getCount()).isEqualTo(14);

		MeasureReport admin = evaluate("admin", "town=" + fixture.bigTown);
		Map<String, Integer> numerators = stratifier(admin.getGroupFirstRep(), "sex").getStratum().stream()
				.collect(Collectors.toMap(stratum -> stratum.getValue().getText(), stratum -> stratum.getPopulation().get(3).getCount()));
		assertThat(numerators).containsExactlyInAnyOrderEntriesOf(Map.of("female", 12, "male", 2));
	}

	@Test
	void theMeasuresAreReadableDefinitions() {
		ReportHttp.Answer answer = fixture.http(fixture.token("school")).get("Measure/measles-immunity");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(((Measure) answer.resource()).getUrl()).isEqualTo("http://immunis.org/fhir/Measure/measles-immunity");
		Bundle all = (Bundle) fixture.http(fixture.token("board")).get("Measure").resource();
		assertThat(all.getEntry()).hasSize(7);
	}

	@ParameterizedTest(name = "{0}: {2}")
	@CsvSource(delimiter = '|', value = {
			"admin  | Measure/unknown/$evaluate-measure?periodStart=2026-01-01&periodEnd=2026-11-30 | 404 | Resource Measure/unknown is not known",
			"admin  | Measure/measles-immunity/$evaluate-measure?periodStart=2026-11-30&periodEnd=2026-01-01 | 400 | is after periodEnd",
			"admin  | Measure/measles-immunity/$evaluate-measure?periodStart=2026-01-01 | 400 | periodEnd",
			"admin  | Measure/measles-immunity/$evaluate-measure?periodStart=soon&periodEnd=2026-11-30 | 400 | periodStart must be a date",
			"admin  | Measure/measles-immunity/$evaluate-measure?periodStart=2026-01-01&periodEnd=2026-11-30&reportType=individual | 400 | reportType must be summary or subject-list",
			"admin  | Measure/measles-immunity/$evaluate-measure?periodStart=2026-01-01&periodEnd=2026-11-30&subject=Patient/1 | 400 | subject must be a Group",
			"admin  | Measure/measles-immunity/$evaluate-measure?periodStart=2026-01-01&periodEnd=2026-11-30&subject=Group/no-such-group | 400 | subject: Resource Group/no-such-group is not known",
			"patient | Measure/measles-immunity/$evaluate-measure?periodStart=2026-01-01&periodEnd=2026-11-30 | 403 | Access denied"})
	void badInput(String kind, String path, int status, String message) {
		ReportHttp.Answer answer = fixture.http(fixture.token(kind)).get(path);
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(((OperationOutcome) answer.resource()).getIssueFirstRep().getDiagnostics()).contains(message);
	}

	@Test
	void aRosterOfAnotherSchoolAnswersAsAnUnknownGroup() {
		ReportHttp school = fixture.http(fixture.token("school"));
		ReportHttp.Answer other = school.get("Measure/measles-immunity/$evaluate-measure?" + PERIOD + "&subject=Group/" + id(fixture.otherRoster));
		ReportHttp.Answer unknown = school.get("Measure/measles-immunity/$evaluate-measure?" + PERIOD + "&subject=Group/no-such-group");
		assertThat(other.status()).isEqualTo(400);
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(diagnostics(other).replace(id(fixture.otherRoster), "X"))
				.isEqualTo(diagnostics(unknown).replace("no-such-group", "X"));
		ReportHttp.Answer board = fixture.http(fixture.token("board"))
				.get("Measure/measles-immunity/$evaluate-measure?" + PERIOD + "&subject=Group/" + id(fixture.roster));
		assertThat(board.status()).isEqualTo(400);
	}

	private MeasureReport evaluate(String kind, String query) {
		ReportHttp.Answer answer = fixture.http(fixture.token(kind))
				.get("Measure/measles-immunity/$evaluate-measure?" + PERIOD + "&" + query);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return (MeasureReport) answer.resource();
	}

	private static String diagnostics(ReportHttp.Answer answer) {
		return ((OperationOutcome) answer.resource()).getIssueFirstRep().getDiagnostics();
	}

	private static ListResource list(MeasureReport report, String id) {
		return report.getContained().stream().filter(ListResource.class::isInstance).map(ListResource.class::cast)
				.filter(list -> list.getIdElement().getIdPart().equals(id)).findFirst().orElseThrow();
	}

	private List<ImmunizationRecommendation> gaps(MeasureReport report) {
		return report.getContained().stream().filter(ImmunizationRecommendation.class::isInstance)
				.map(ImmunizationRecommendation.class::cast).toList();
	}

	private Set<String> gapPatients(MeasureReport report) {
		return gaps(report).stream().map(gap -> name(gap.getPatient().getReference())).collect(Collectors.toSet());
	}

	private Set<String> names(ListResource list) {
		return list.getEntry().stream().map(entry -> name(entry.getItem().getReference())).collect(Collectors.toSet());
	}

	private String name(String reference) {
		String id = id(reference);
		return fixture.patients.entrySet().stream().filter(entry -> entry.getValue().equals(id)).map(Map.Entry::getKey)
				.findFirst().orElse(reference);
	}

	private static Set<String> words(String text) {
		return text.isBlank() ? Set.of() : Set.of(text.trim().split("\\s+"));
	}

	private static List<Integer> counts(List<MeasureReport.MeasureReportGroupPopulationComponent> populations) {
		return populations.stream().map(population -> population.getCountElement().getValue()).toList();
	}

	private static MeasureReport.MeasureReportGroupStratifierComponent stratifier(MeasureReport.MeasureReportGroupComponent group,
			String code) {
		return group.getStratifier().stream().filter(stratifier -> stratifier.getCodeFirstRep().getText().equals(code))
				.findFirst().orElseThrow();
	}

	private static boolean masked(IntegerType count) {
		return !count.hasValue() && count.getExtensionByUrl(MeasureReportWriter.DATA_ABSENT_REASON) != null;
	}

	private static String scope(MeasureReport report) {
		return report.getExtensionByUrl(MeasureReportWriter.SCOPE_EXTENSION).getValue().primitiveValue();
	}

	private static String id(String reference) {
		return reference.substring(reference.lastIndexOf('/') + 1);
	}

}
