package org.immunis.forecast.schedule;

import static org.immunis.forecast.schedule.CdsiXml.children;
import static org.immunis.forecast.schedule.CdsiXml.date;
import static org.immunis.forecast.schedule.CdsiXml.list;
import static org.immunis.forecast.schedule.CdsiXml.offset;
import static org.immunis.forecast.schedule.CdsiXml.text;

import java.util.Locale;
import org.immunis.forecast.schedule.ConditionalSkip.SkipContext;
import org.immunis.forecast.schedule.SkipCondition.CountLogic;
import org.w3c.dom.Element;

/** Reads conditional skips, normalising CDC's free-text spellings ("Vaccine Count by Age", "greater than"). */
final class SkipXmlReader {

    private SkipXmlReader() {
    }

    static ConditionalSkip conditionalSkip(Element skip) {
        return new ConditionalSkip(
                SkipContext.valueOf(upperSnake(text(skip, "context"))),
                "OR".equalsIgnoreCase(text(skip, "setLogic")),
                children(skip, "set").stream().map(SkipXmlReader::set).toList());
    }

    private static SkipSet set(Element set) {
        return new SkipSet(text(set, "setID"), text(set, "setDescription"), date(set, "effectiveDate"),
                date(set, "cessationDate"), "OR".equalsIgnoreCase(text(set, "conditionLogic")),
                children(set, "condition").stream()
                        .filter(c -> text(c, "conditionType") != null).map(SkipXmlReader::condition).toList());
    }

    private static SkipCondition condition(Element condition) {
        String count = text(condition, "doseCount");
        String logic = text(condition, "doseCountLogic");
        return new SkipCondition(
                SkipCondition.Type.valueOf(upperSnake(text(condition, "conditionType"))),
                date(condition, "startDate"),
                date(condition, "endDate"),
                offset(condition, "beginAge"),
                offset(condition, "endAge"),
                offset(condition, "interval"),
                count == null ? null : Integer.valueOf(count),
                "valid".equalsIgnoreCase(text(condition, "doseType")),
                logic == null ? null : CountLogic.valueOf(upperSnake(logic)),
                list(condition, "vaccineTypes"),
                list(condition, "seriesGroups"));
    }

    private static String upperSnake(String text) {
        return text.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", "_");
    }
}
