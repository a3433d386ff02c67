package io.seqcast.series;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sampling frequency of a regular series: a calendar unit times a multiple.
 *
 * <p>Quarters and years are months ({@code Q} = 3 months, {@code Y} = 12 months) so that
 * stepping follows the calendar the same way for all three. Accepted spellings ({@link #parse}):
 * <ul>
 *   <li>codes, with an optional multiple: {@code min} (or {@code T}), {@code H}, {@code D},
 *       {@code B} (business days, Monday to Friday), {@code W}, {@code M}, {@code Q}, {@code Y}
 *       (or {@code A}), e.g. {@code 15min}, {@code 2H}; pandas' {@code MS}/{@code ME},
 *       {@code QS}/{@code QE}, {@code YS}/{@code YE} are read as M, Q, Y (the anchor comes from
 *       the timestamps, see {@link TimeAxis}); letters other than {@code M} are case-insensitive;</li>
 *   <li>single-component ISO-8601 durations: {@code P1D}, {@code P1W}, {@code P1M}, {@code P3M},
 *       {@code P1Y}, {@code PT1H}, {@code PT15M}.</li>
 * </ul>
 *
 * @param unit     the calendar unit
 * @param multiple how many units one step is, {@code >= 1}
 */
public record Frequency(Unit unit, int multiple) {

    /** Calendar units. Months step with the calendar (lengths vary); the others are fixed lengths. */
    public enum Unit { MINUTE, HOUR, DAY, BUSINESS_DAY, WEEK, MONTH }

    public static final Frequency HOURLY = new Frequency(Unit.HOUR, 1);
    public static final Frequency DAILY = new Frequency(Unit.DAY, 1);
    public static final Frequency BUSINESS_DAILY = new Frequency(Unit.BUSINESS_DAY, 1);
    public static final Frequency WEEKLY = new Frequency(Unit.WEEK, 1);
    public static final Frequency MONTHLY = new Frequency(Unit.MONTH, 1);
    public static final Frequency QUARTERLY = new Frequency(Unit.MONTH, 3);
    public static final Frequency YEARLY = new Frequency(Unit.MONTH, 12);

    private static final Pattern CODE = Pattern.compile("(\\d*)\\s*([A-Za-z]+)");
    private static final Pattern ISO_DATE = Pattern.compile("P(\\d+)([YMWD])");
    private static final Pattern ISO_TIME = Pattern.compile("PT(\\d+)([HM])");

    public Frequency {
        if (unit == null || multiple < 1) {
            throw new IllegalArgumentException("frequency needs a unit and a multiple >= 1, got " + multiple + " " + unit);
        }
    }

    /** Parses a frequency code or ISO-8601 duration (see the class comment). */
    public static Frequency parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("frequency is empty");
        }
        String s = text.trim();
        Matcher iso = ISO_DATE.matcher(s.toUpperCase(Locale.ROOT));
        if (iso.matches()) {
            int n = multiple(iso.group(1), text);
            switch (iso.group(2)) {
                case "Y": return new Frequency(Unit.MONTH, Math.multiplyExact(n, 12));
                case "M": return new Frequency(Unit.MONTH, n);
                case "W": return new Frequency(Unit.WEEK, n);
                default: return new Frequency(Unit.DAY, n);
            }
        }
        iso = ISO_TIME.matcher(s.toUpperCase(Locale.ROOT));
        if (iso.matches()) {
            int n = multiple(iso.group(1), text);
            return new Frequency(iso.group(2).equals("H") ? Unit.HOUR : Unit.MINUTE, n);
        }
        Matcher code = CODE.matcher(s);
        if (!code.matches()) {
            throw unknown(text);
        }
        int n = code.group(1).isEmpty() ? 1 : multiple(code.group(1), text);
        String u = code.group(2);
        if (u.equalsIgnoreCase("min") || u.equals("T")) {
            return new Frequency(Unit.MINUTE, n);
        }
        if (u.equals("m")) {
            throw new IllegalArgumentException("frequency '" + text + "' is ambiguous: use M for months, min for minutes");
        }
        switch (u.toUpperCase(Locale.ROOT)) {
            case "H": return new Frequency(Unit.HOUR, n);
            case "D": return new Frequency(Unit.DAY, n);
            case "B": return new Frequency(Unit.BUSINESS_DAY, n);
            case "W": return new Frequency(Unit.WEEK, n);
            case "M": case "MS": case "ME": return new Frequency(Unit.MONTH, n);
            case "Q": case "QS": case "QE": return new Frequency(Unit.MONTH, Math.multiplyExact(n, 3));
            case "Y": case "A": case "YS": case "YE": return new Frequency(Unit.MONTH, Math.multiplyExact(n, 12));
            default: throw unknown(text);
        }
    }

    /**
     * Infers the frequency of regular timestamps; shorthand for {@code TimeAxis.infer(timestamps).frequency()}.
     *
     * @throws InvalidTimestampsException when they are unparseable or irregular
     */
    public static Frequency infer(List<String> timestamps) {
        return TimeAxis.infer(timestamps).frequency();
    }

    /** The canonical code: {@code D}, {@code B}, {@code W}, {@code M}, {@code Q}, {@code Y}, {@code H}, {@code min}, prefixed by the multiple when it is not 1. */
    public String code() {
        switch (unit) {
            case MINUTE: return prefix(multiple) + "min";
            case HOUR: return prefix(multiple) + "H";
            case DAY: return prefix(multiple) + "D";
            case BUSINESS_DAY: return prefix(multiple) + "B";
            case WEEK: return prefix(multiple) + "W";
            default:
                if (multiple % 12 == 0) {
                    return prefix(multiple / 12) + "Y";
                }
                return multiple == 3 ? "Q" : prefix(multiple) + "M";
        }
    }

    /**
     * The timestamp {@code k} steps after {@code anchor} ({@code k >= 0}).
     *
     * <p>Months step from the anchor, not from the previous step, so a series dated on the 31st
     * goes Jan 31, Feb 29, Mar 31 instead of drifting to the 29th; with {@code monthEnd} every
     * result is moved to the last day of its month (Feb 28, Mar 31, Apr 30...). Business days
     * skip Saturdays and Sundays (no holiday calendar) and need a weekday anchor.
     */
    public LocalDateTime step(LocalDateTime anchor, long k, boolean monthEnd) {
        long n = Math.multiplyExact(k, (long) multiple);
        switch (unit) {
            case MINUTE: return anchor.plusMinutes(n);
            case HOUR: return anchor.plusHours(n);
            case DAY: return anchor.plusDays(n);
            case WEEK: return anchor.plusWeeks(n);
            case BUSINESS_DAY: return plusBusinessDays(anchor, n);
            default:
                LocalDateTime t = anchor.plusMonths(n);
                return monthEnd ? t.withDayOfMonth(t.toLocalDate().lengthOfMonth()) : t;
        }
    }

    static boolean isWeekend(LocalDateTime t) {
        DayOfWeek d = t.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    private static LocalDateTime plusBusinessDays(LocalDateTime anchor, long n) {
        if (isWeekend(anchor)) {
            throw new IllegalArgumentException("business-day steps need a weekday anchor, got " + anchor);
        }
        LocalDateTime t = anchor.plusWeeks(n / 5); // five business days are one calendar week
        for (long r = n % 5; r > 0; ) {
            t = t.plusDays(1);
            if (!isWeekend(t)) {
                r--;
            }
        }
        return t;
    }

    private static String prefix(int n) {
        return n == 1 ? "" : Integer.toString(n);
    }

    private static int multiple(String digits, String text) {
        try {
            int n = Integer.parseInt(digits);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException("frequency '" + text + "' needs a multiple >= 1");
    }

    private static IllegalArgumentException unknown(String text) {
        return new IllegalArgumentException("unknown frequency '" + text
                + "'; expected min, H, D, B, W, M, Q, Y with an optional multiple (15min, 2H) or an ISO-8601"
                + " duration (P1D, PT15M, P1M)");
    }
}
