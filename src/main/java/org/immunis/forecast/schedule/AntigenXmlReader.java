package org.immunis.forecast.schedule;

import static org.immunis.forecast.schedule.CdsiXml.child;
import static org.immunis.forecast.schedule.CdsiXml.children;
import static org.immunis.forecast.schedule.CdsiXml.date;
import static org.immunis.forecast.schedule.CdsiXml.list;
import static org.immunis.forecast.schedule.CdsiXml.offset;
import static org.immunis.forecast.schedule.CdsiXml.text;
import static org.immunis.forecast.schedule.CdsiXml.texts;
import static org.immunis.forecast.schedule.CdsiXml.yes;

import java.nio.file.Path;
import java.util.List;
import org.w3c.dom.Element;

/** Reads one of CDC's AntigenSupportingData-*.xml files. */
final class AntigenXmlReader {

    private AntigenXmlReader() {
    }

    static AntigenDefinition read(Path file, String sourceVersion) {
        Element root = CdsiXml.parse(file);
        List<SeriesDefinition> series = children(root, "series").stream().map(AntigenXmlReader::series).toList();
        Element immunity = child(root, "immunity");
        Element contraindications = child(root, "contraindications");
        return new AntigenDefinition(
                series.get(0).targetDisease(),
                sourceVersion,
                new Immunity(
                        children(immunity, "clinicalHistory").stream().map(c -> text(c, "guidelineCode")).toList(),
                        children(immunity, "dateOfBirth").stream().map(d -> new BirthDateImmunity(
                                date(d, "immunityBirthDate"), text(d, "birthCountry"),
                                children(d, "exclusion").stream().map(e -> text(e, "exclusionCode")).toList()))
                                .toList()),
                children(child(contraindications, "vaccineGroup"), "contraindication").stream()
                        .map(c -> new AntigenContraindication(text(c, "observationCode"), text(c, "observationTitle"),
                                offset(c, "beginAge"), offset(c, "endAge")))
                        .toList(),
                children(child(contraindications, "vaccine"), "contraindication").stream()
                        .map(c -> new VaccineContraindication(text(c, "observationCode"), text(c, "observationTitle"),
                                children(c, "contraindicatedVaccine").stream().filter(AntigenXmlReader::hasCvx)
                        .map(AntigenXmlReader::vaccine).toList()))
                        .toList(),
                series);
    }

    private static SeriesDefinition series(Element series) {
        Element select = child(series, "selectSeries");
        String preference = text(select, "seriesPreference");
        return new SeriesDefinition(
                text(series, "seriesName"),
                text(series, "targetDisease"),
                text(series, "vaccineGroup"),
                text(series, "seriesType"),
                list(series, "equivalentSeriesGroups"),
                texts(series, "requiredGender"),
                new SeriesSelection(yes(select, "defaultSeries"), yes(select, "productPath"),
                        text(select, "seriesGroupName"), text(select, "seriesGroup"), text(select, "seriesPriority"),
                        preference == null ? Integer.MAX_VALUE : Integer.parseInt(preference),
                        offset(select, "minAgeToStart"), offset(select, "maxAgeToStart")),
                children(series, "indication").stream()
                        .filter(i -> child(i, "observationCode") != null)
                        .map(i -> new Indication(text(child(i, "observationCode"), "code"), text(i, "description"),
                                offset(i, "beginAge"), offset(i, "endAge")))
                        .filter(i -> i.observationCode() != null)
                        .toList(),
                children(series, "seriesDose").stream().map(AntigenXmlReader::targetDose).toList());
    }

    private static TargetDose targetDose(Element dose) {
        Element season = child(dose, "seasonalRecommendation");
        return new TargetDose(
                text(dose, "doseNumber"),
                children(dose, "age").stream()
                        .map(a -> new AgeRule(offset(a, "absMinAge"), offset(a, "minAge"), offset(a, "earliestRecAge"),
                                offset(a, "latestRecAge"), offset(a, "maxAge"),
                                date(a, "effectiveDate"), date(a, "cessationDate")))
                        .toList(),
                intervals(dose, "interval"),
                intervals(dose, "allowableInterval"),
                children(dose, "preferableVaccine").stream().filter(AntigenXmlReader::hasCvx)
                        .map(AntigenXmlReader::vaccine).toList(),
                children(dose, "allowableVaccine").stream().filter(AntigenXmlReader::hasCvx)
                        .map(AntigenXmlReader::vaccine).toList(),
                children(dose, "inadvertentVaccine").stream().filter(AntigenXmlReader::hasCvx)
                        .map(v -> text(v, "cvx")).toList(),
                children(dose, "conditionalSkip").stream()
                        .filter(skip -> text(skip, "context") != null).map(SkipXmlReader::conditionalSkip).toList(),
                yes(dose, "recurringDose"),
                season == null || text(season, "startDate") == null && text(season, "endDate") == null
                        ? null
                        : new SeasonalRecommendation(date(season, "startDate"), date(season, "endDate")));
    }

    private static List<IntervalRule> intervals(Element dose, String name) {
        return children(dose, name).stream()
                .map(AntigenXmlReader::interval)
                .filter(AntigenXmlReader::hasReference)
                .toList();
    }

    private static IntervalRule interval(Element interval) {
        String targetDose = text(interval, "fromTargetDose");
        return new IntervalRule(
                yes(interval, "fromPrevious"),
                targetDose == null ? null : Integer.valueOf(targetDose),
                list(interval, "fromMostRecent"),
                text(child(interval, "fromRelevantObs"), "code"),
                offset(interval, "absMinInt"),
                offset(interval, "minInt"),
                offset(interval, "earliestRecInt"),
                offset(interval, "latestRecInt"),
                "override".equalsIgnoreCase(text(interval, "intervalPriority")),
                date(interval, "effectiveDate"),
                date(interval, "cessationDate"));
    }

    private static boolean hasReference(IntervalRule rule) {
        return rule.fromPrevious() || rule.fromTargetDose() != null || !rule.fromMostRecentCvx().isEmpty()
                || rule.fromRelevantObservation() != null;
    }

    private static boolean hasCvx(Element vaccine) {
        return text(vaccine, "cvx") != null;
    }

    private static VaccineRule vaccine(Element vaccine) {
        return new VaccineRule(text(vaccine, "vaccineType"), text(vaccine, "cvx"), offset(vaccine, "beginAge"),
                offset(vaccine, "endAge"), text(vaccine, "tradeName"), text(vaccine, "mvx"),
                yes(vaccine, "forecastVaccineType"));
    }
}
