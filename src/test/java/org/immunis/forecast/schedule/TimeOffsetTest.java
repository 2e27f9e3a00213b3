package org.immunis.forecast.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TimeOffsetTest {

    @Test
    void parsesCompositeOffsets() {
        TimeOffset offset = TimeOffset.parse("4 months - 4 days");
        assertEquals(0, offset.years());
        assertEquals(4, offset.months());
        assertEquals(-4, offset.days());
        assertEquals(new TimeOffset(1, 6, 28, "1 year + 6 months + 4 weeks"),
                TimeOffset.parse("1 year + 6 months + 4 weeks"));
        assertEquals(14, TimeOffset.parse("2 weeks").days());
    }

    @Test
    void blankIsNoOffsetAndGarbageIsRejected() {
        assertNull(TimeOffset.parse(" "));
        assertNull(TimeOffset.parse(null));
        assertThrows(IllegalArgumentException.class, () -> TimeOffset.parse("soon"));
    }

    @Test
    void addsYearsAndMonthsBeforeDays() {
        assertEquals(LocalDate.of(2025, 12, 31), TimeOffset.parse("4 months - 4 days").addTo(LocalDate.of(2025, 9, 4)));
        assertEquals(LocalDate.of(2026, 1, 6), TimeOffset.parse("4 months").addTo(LocalDate.of(2025, 9, 6)));
        assertEquals(LocalDate.of(2025, 10, 17), TimeOffset.parse("6 weeks").addTo(LocalDate.of(2025, 9, 5)));
    }

    @Test
    void missingDayOfMonthMovesToFirstOfNextMonth() {
        assertEquals(LocalDate.of(2025, 3, 1), TimeOffset.parse("1 month").addTo(LocalDate.of(2025, 1, 31)));
        assertEquals(LocalDate.of(2025, 3, 1), TimeOffset.parse("1 year").addTo(LocalDate.of(2024, 2, 29)));
        assertEquals(LocalDate.of(2025, 5, 1), TimeOffset.parse("6 months").addTo(LocalDate.of(2024, 10, 31)));
        assertEquals(LocalDate.of(2025, 2, 25), TimeOffset.parse("1 month - 4 days").addTo(LocalDate.of(2025, 1, 29)));
    }

    @Test
    void subtractsAcrossYearBoundaries() {
        assertEquals(LocalDate.of(2024, 11, 30), TimeOffset.parse("-2 months").addTo(LocalDate.of(2025, 1, 30)));
    }
}
