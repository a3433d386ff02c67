package io.seqcast.series;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The time index of a regular series: its {@link Frequency}, where it ends, and how to write the
 * timestamps that follow, in the same format the caller used.
 *
 * <p>Timestamps are ISO-8601 dates ({@code 2024-01-01}), local date-times
 * ({@code 2024-01-01T00:00:00}) or date-times with an offset ({@code 2024-01-01T00:00:00Z},
 * {@code ...+02:00}); one list uses one format. Offset date-times are compared as instants and
 * written back at the offset of the last one, so a daily series whose offset changes with
 * daylight saving is irregular (a named zone would be needed; not supported).
 *
 * <p>Inference ({@link #infer}) tries, in order: calendar months (M, Q, Y, any multiple),
 * anchored on the same day of month or on month ends (a series dated Jan 31, Feb 29, Mar 31
 * continues Apr 30, May 31); fixed steps (weeks, days, hours, minutes, from the first gap);
 * business days (weekdays only, Friday to Monday counting as one step). Anything else is
 * {@link InvalidTimestampsException}: a missing date counts as irregular, as do market holidays
 * in a business-day series (no holiday calendar). With only a few points the answer can be
 * ambiguous; five consecutive weekdays are read as {@code D}, not {@code B}.
 */
public final class TimeAxis {

    private enum Style { DATE, LOCAL, OFFSET }

    private static final DateTimeFormatter LOCAL_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter OFFSET_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private final Frequency frequency;
    private final LocalDateTime anchor; // steps are counted from here; months keep its day of month
    private final long lastIndex;       // the last known timestamp is step(anchor, lastIndex)
    private final boolean monthEnd;
    private final Style style;
    private final ZoneOffset offset;    // only for Style.OFFSET

    private TimeAxis(Frequency frequency, LocalDateTime anchor, long lastIndex, boolean monthEnd, Style style,
            ZoneOffset offset) {
        this.frequency = frequency;
        this.anchor = anchor;
        this.lastIndex = lastIndex;
        this.monthEnd = monthEnd;
        this.style = style;
        this.offset = offset;
    }

    /**
     * Infers the axis from at least two increasing, regular timestamps.
     *
     * @throws InvalidTimestampsException naming the first offending index
     */
    public static TimeAxis infer(List<String> timestamps) {
        if (timestamps.size() < 2) {
            throw new InvalidTimestampsException(0, "need at least 2 timestamps to infer a frequency, got "
                    + timestamps.size());
        }
        Style style = styleOf(timestamps.get(0));
        int lastAt = timestamps.size() - 1;
        ZoneOffset offset = style == Style.OFFSET ? offsetOf(timestamps.get(lastAt), lastAt) : null;
        List<LocalDateTime> t = new ArrayList<>(timestamps.size());
        for (int i = 0; i < timestamps.size(); i++) {
            t.add(parse(timestamps.get(i), i, style, offset));
            if (i > 0 && !t.get(i).isAfter(t.get(i - 1))) {
                throw new InvalidTimestampsException(i, "timestamps must increase, but " + timestamps.get(i)
                        + " at index " + i + " does not come after " + timestamps.get(i - 1));
            }
        }
        long last = t.size() - 1;
        LocalDateTime t0 = t.get(0);
        LocalDateTime t1 = t.get(1);

        // 1. calendar months, same day of month or month ends
        int months = (t1.getYear() - t0.getYear()) * 12 + t1.getMonthValue() - t0.getMonthValue();
        if (months >= 1 && t0.toLocalTime().equals(t1.toLocalTime())) {
            Frequency f = new Frequency(Frequency.Unit.MONTH, months);
            boolean endFirst = isMonthEnd(t0); // a month-end start is most likely a month-end series
            for (boolean end : new boolean[] {endFirst, !endFirst}) {
                if (firstMismatch(t, f, end) < 0) {
                    return new TimeAxis(f, t0, last, end, style, offset);
                }
            }
        }
        // 2. a fixed step, from the first gap
        Frequency fixed = fixedStep(Duration.between(t0, t1));
        int mismatch = fixed == null ? 1 : firstMismatch(t, fixed, false);
        if (mismatch < 0) {
            return new TimeAxis(fixed, t0, last, false, style, offset);
        }
        // 3. business days
        if (!Frequency.isWeekend(t0) && firstMismatch(t, Frequency.BUSINESS_DAILY, false) < 0) {
            return new TimeAxis(Frequency.BUSINESS_DAILY, t0, last, false, style, offset);
        }
        String expected = fixed == null ? "" : " (expected " + format(fixed.step(t0, mismatch, false), style, offset)
                + " for a step of " + fixed.code() + ")";
        throw new InvalidTimestampsException(mismatch, "timestamps are irregular at index " + mismatch + ": "
                + timestamps.get(mismatch) + expected);
    }

    /**
     * An axis from a known frequency and the last timestamp alone. Without history the month-end
     * anchoring is a guess: a last timestamp on the last day of its month counts as month-end.
     */
    public static TimeAxis of(Frequency frequency, String lastTimestamp) {
        Style style = styleOf(lastTimestamp);
        ZoneOffset offset = style == Style.OFFSET ? offsetOf(lastTimestamp, 0) : null;
        LocalDateTime last = parse(lastTimestamp, 0, style, offset);
        if (frequency.unit() == Frequency.Unit.BUSINESS_DAY && Frequency.isWeekend(last)) {
            throw new InvalidTimestampsException(0, "a business-day series cannot end on a weekend: " + lastTimestamp);
        }
        boolean end = frequency.unit() == Frequency.Unit.MONTH && isMonthEnd(last);
        return new TimeAxis(frequency, last, 0, end, style, offset);
    }

    public Frequency frequency() {
        return frequency;
    }

    /** Whether monthly steps land on month ends. */
    public boolean monthEnd() {
        return monthEnd;
    }

    /** The last known timestamp, in the caller's format. */
    public String last() {
        return format(frequency.step(anchor, lastIndex, monthEnd), style, offset);
    }

    /** The {@code count} timestamps after the last known one, in the caller's format. */
    public List<String> next(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        List<String> out = new ArrayList<>(count);
        for (int k = 1; k <= count; k++) {
            out.add(format(frequency.step(anchor, lastIndex + k, monthEnd), style, offset));
        }
        return out;
    }

    private static int firstMismatch(List<LocalDateTime> t, Frequency f, boolean monthEnd) {
        for (int i = 1; i < t.size(); i++) {
            if (!f.step(t.get(0), i, monthEnd).equals(t.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static Frequency fixedStep(Duration gap) {
        long minutes = gap.toMinutes();
        if (minutes < 1 || !gap.equals(Duration.ofMinutes(minutes)) || minutes > Integer.MAX_VALUE) {
            return null; // sub-minute steps are not supported
        }
        int m = (int) minutes;
        if (m % (7 * 24 * 60) == 0) {
            return new Frequency(Frequency.Unit.WEEK, m / (7 * 24 * 60));
        }
        if (m % (24 * 60) == 0) {
            return new Frequency(Frequency.Unit.DAY, m / (24 * 60));
        }
        if (m % 60 == 0) {
            return new Frequency(Frequency.Unit.HOUR, m / 60);
        }
        return new Frequency(Frequency.Unit.MINUTE, m);
    }

    private static boolean isMonthEnd(LocalDateTime t) {
        return t.getDayOfMonth() == t.toLocalDate().lengthOfMonth();
    }

    private static ZoneOffset offsetOf(String text, int index) {
        try {
            return OffsetDateTime.parse(text == null ? "" : text.trim()).getOffset();
        } catch (DateTimeParseException e) {
            throw new InvalidTimestampsException(index, "timestamp at index " + index + " ('" + text
                    + "') is not an ISO-8601 " + describe(Style.OFFSET) + " like the first one");
        }
    }

    private static Style styleOf(String text) {
        String s = text == null ? "" : text.trim();
        if (s.length() == 10) {
            return Style.DATE;
        }
        try {
            OffsetDateTime.parse(s);
            return Style.OFFSET;
        } catch (DateTimeParseException e) {
            return Style.LOCAL;
        }
    }

    private static LocalDateTime parse(String text, int index, Style style, ZoneOffset offset) {
        String s = text == null ? "" : text.trim();
        try {
            switch (style) {
                case DATE:
                    return LocalDate.parse(s).atStartOfDay();
                case LOCAL:
                    return LocalDateTime.parse(s);
                default:
                    return OffsetDateTime.parse(s).withOffsetSameInstant(offset).toLocalDateTime();
            }
        } catch (DateTimeParseException e) {
            throw new InvalidTimestampsException(index, "timestamp at index " + index + " ('" + text
                    + "') is not an ISO-8601 " + describe(style) + " like the first one");
        }
    }

    private static String describe(Style style) {
        switch (style) {
            case DATE: return "date (2024-01-31)";
            case LOCAL: return "local date-time (2024-01-31T00:00:00)";
            default: return "date-time with offset (2024-01-31T00:00:00Z)";
        }
    }

    private static String format(LocalDateTime t, Style style, ZoneOffset offset) {
        switch (style) {
            case DATE: return t.toLocalDate().toString();
            case LOCAL: return LOCAL_FORMAT.format(t);
            default: return OFFSET_FORMAT.format(t.atOffset(offset));
        }
    }
}
