package io.kubeplane.apiserver.printing;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Durations as kubectl shows them in AGE and similar columns: apimachinery's
 * {@code duration.HumanDuration}, about two significant figures.
 *
 * <pre>
 *   elapsed              shown as        elapsed              shown as
 *   below -1s            &lt;invalid&gt;       [3h, 8h)             3h, 3h1m, 7h59m
 *   [-1s, 0s)            0s              [8h, 48h)            8h, 47h
 *   [0s, 2m)             0s, 45s, 119s   [2d, 8d)             2d, 2d1h, 7d23h
 *   [2m, 10m)            2m, 5m30s       [8d, 2y)             8d, 729d
 *   [10m, 3h)            10m, 179m       [2y, 8y)             2y, 2y1d, 7y364d
 *                                        8y and more          8y, 9y
 * </pre>
 * Every step truncates, as Go's integer division does. Up to a second in the future still shows as
 * {@code 0s}, so a little clock skew between servers does not print {@code <invalid>}.
 *
 * <p>Stateless and thread-safe. Used by every {@link ResourcePrinter}.
 */
public final class HumanDuration {

    /** What a column shows for a timestamp that is not set. */
    public static final String UNKNOWN = "<unknown>";

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;
    private static final long NANOS_PER_HOUR = 60 * NANOS_PER_MINUTE;

    // A Go time.Duration is int64 nanoseconds; time.Since saturates at these bounds (about 292 years).
    private static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);
    private static final Duration MIN = Duration.ofNanos(Long.MIN_VALUE);

    private HumanDuration() {
    }

    /**
     * @param duration an elapsed time, negative for the future
     * @return the duration as {@code duration.HumanDuration} prints it, e.g. {@code 45s}, {@code 5m30s}
     */
    public static String format(Duration duration) {
        long nanos = clamp(duration).toNanos();
        long seconds = nanos / NANOS_PER_SECOND;
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = nanos / NANOS_PER_MINUTE;
        if (minutes < 10) {
            return withRemainder(minutes, "m", seconds % 60, "s");
        }
        if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = nanos / NANOS_PER_HOUR;
        if (hours < 8) {
            return withRemainder(hours, "h", minutes % 60, "m");
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (hours < 24 * 8) {
            return withRemainder(hours / 24, "d", hours % 24, "h");
        }
        if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        }
        if (hours < 24 * 365 * 8) {
            return withRemainder(hours / 24 / 365, "y", (hours / 24) % 365, "d");
        }
        return hours / 24 / 365 + "y";
    }

    /**
     * The age of a timestamp, as the printers' {@code translateTimestampSince}.
     *
     * @param timestamp when something happened; null if it is not set
     * @param now the time of the request
     * @return {@link #format} of the time since {@code timestamp}, or {@value #UNKNOWN}
     */
    public static String since(@Nullable Instant timestamp, Instant now) {
        return timestamp == null ? UNKNOWN : format(Duration.between(timestamp, now));
    }

    /**
     * @param timestamp an RFC 3339 timestamp as in the API ({@code 2025-01-01T12:00:00Z}); null, blank
     *     or unreadable counts as not set
     * @param now the time of the request
     * @return {@link #format} of the time since {@code timestamp}, or {@value #UNKNOWN}
     */
    public static String since(@Nullable String timestamp, Instant now) {
        return since(Timestamps.parse(timestamp), now);
    }

    private static String withRemainder(long whole, String unit, long remainder, String remainderUnit) {
        return remainder == 0 ? whole + unit : whole + unit + remainder + remainderUnit;
    }

    private static Duration clamp(Duration duration) {
        if (duration.compareTo(MAX) > 0) {
            return MAX;
        }
        return duration.compareTo(MIN) < 0 ? MIN : duration;
    }
}
