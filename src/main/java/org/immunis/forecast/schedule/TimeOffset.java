package org.immunis.forecast.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CDSi age or interval such as "4 months - 4 days" or "1 year + 6 months".
 *
 * <p>CDSi adds years and months first; when that lands on a day the month does not have (31 March + 1 month),
 * the date moves to the first day of the next month. Weeks and days are added afterwards.
 */
public record TimeOffset(int years, int months, int days, String text) {

    private static final Pattern TERM =
            Pattern.compile("([+-]?)\\s*(\\d+)\\s*(year|month|week|day)s?", Pattern.CASE_INSENSITIVE);

    @JsonCreator
    public static TimeOffset parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        int years = 0;
        int months = 0;
        int days = 0;
        Matcher matcher = TERM.matcher(text);
        int matched = 0;
        while (matcher.find()) {
            matched++;
            int amount = Integer.parseInt(matcher.group(2)) * ("-".equals(matcher.group(1)) ? -1 : 1);
            switch (matcher.group(3).toLowerCase()) {
                case "year" -> years += amount;
                case "month" -> months += amount;
                case "week" -> days += 7 * amount;
                default -> days += amount;
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException("Not a CDSi time offset: '" + text + "'");
        }
        return new TimeOffset(years, months, days, text.trim());
    }

    public LocalDate addTo(LocalDate date) {
        LocalDate result = date;
        int totalMonths = years * 12 + months;
        if (totalMonths != 0) {
            int monthIndex = date.getYear() * 12 + date.getMonthValue() - 1 + totalMonths;
            int year = Math.floorDiv(monthIndex, 12);
            int month = Math.floorMod(monthIndex, 12) + 1;
            LocalDate firstOfMonth = LocalDate.of(year, month, 1);
            result = date.getDayOfMonth() > firstOfMonth.lengthOfMonth()
                    ? firstOfMonth.plusMonths(1)
                    : firstOfMonth.withDayOfMonth(date.getDayOfMonth());
        }
        return result.plusDays(days);
    }

    @JsonValue
    @Override
    public String text() {
        return text;
    }
}
