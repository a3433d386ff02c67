package io.seqcast.series;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;

/**
 * Where a timestamp falls in its season, so that seasonal-position features mean the same calendar
 * position for every series and every request: the month of year for monthly data (season 12), the
 * quarter for quarterly (4), the weekday for daily (7) and business-daily (5) data, the hour for
 * hourly data (24), the ISO week for weekly data (52); for the longer cycles of {@link
 * Seasonality#periods}, the hour of the week for hourly data (168, Monday 00:00 is 0), the
 * {@code n}-minute step of the week for {@code <n>min} data ({@code 10080 / n}: 336 for 30min), the day of
 * the year for daily data (365; December 31 of a leap year shares 364 with December 30). Anything
 * else, or no timestamp, is phase 0: positions then count from the series' first point (the day of
 * {@code <n>min} data among them, as the network was trained).
 */
public final class SeasonPhase {

    private SeasonPhase() {
    }

    /** The phase of {@code timestamp} in a season of {@code seasonLength} at {@code frequency}; 0 when unknown. */
    public static int of(String timestamp, Frequency frequency, int seasonLength) {
        if (timestamp == null || frequency == null || seasonLength <= 1) {
            return 0;
        }
        LocalDateTime t = parse(timestamp);
        if (t == null) {
            return 0;
        }
        int phase = switch (frequency.unit()) {
            case MONTH -> frequency.multiple() == 1 && seasonLength == 12 ? t.getMonthValue() - 1
                    : frequency.multiple() == 3 && seasonLength == 4 ? (t.getMonthValue() - 1) / 3 : 0;
            case DAY -> frequency.multiple() != 1 ? 0 : seasonLength == 7 ? t.getDayOfWeek().getValue() - 1
                    : seasonLength == 365 ? Math.min(364, t.getDayOfYear() - 1) : 0;
            case BUSINESS_DAY -> seasonLength == 5 ? Math.min(4, t.getDayOfWeek().getValue() - 1) : 0;
            case HOUR -> frequency.multiple() == 1 && seasonLength == 24 ? t.getHour()
                    : 168 % frequency.multiple() == 0 && seasonLength == 168 / frequency.multiple()
                    ? ((t.getDayOfWeek().getValue() - 1) * 24 + t.getHour()) / frequency.multiple() : 0;
            case MINUTE -> 10080 % frequency.multiple() == 0 && seasonLength == 10080 / frequency.multiple()
                    ? ((t.getDayOfWeek().getValue() - 1) * 1440 + t.getHour() * 60 + t.getMinute())
                            / frequency.multiple() : 0;
            case WEEK -> seasonLength == 52 ? Math.min(51, t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) - 1) : 0;
            default -> 0;
        };
        return Math.floorMod(phase, seasonLength);
    }

    private static LocalDateTime parse(String text) {
        try {
            if (text.length() <= 10) {
                return LocalDate.parse(text).atStartOfDay();
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(text).toLocalDateTime();
            }
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
