package io.kubeplane.apiserver.watch;

import java.util.Arrays;

/**
 * A PostgreSQL transaction snapshot, as {@code pg_current_snapshot()} prints it:
 * {@code xmin:xmax:xip1,xip2,...}.
 *
 * <pre>
 *   finished          in progress (xip) or finished          not yet started
 * ──────────────┤xmin ─────────────────────────────── xmax├───────────────────
 * </pre>
 *
 * Every transaction id below {@code xmin} had finished (committed or aborted) when the snapshot was
 * taken; ids from {@code xmin} to {@code xmax} had finished unless listed as in progress; ids from
 * {@code xmax} on had not started. Immutable and thread-safe.
 *
 * @param xmin       lowest transaction id still running
 * @param xmax       first transaction id not yet assigned
 * @param inProgress ids in progress, sorted ascending
 */
public record PgSnapshot(long xmin, long xmax, long[] inProgress) {

    public PgSnapshot {
        inProgress = inProgress.clone();
        Arrays.sort(inProgress);
    }

    /** Parses the text form of {@code pg_snapshot}. */
    public static PgSnapshot parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a pg_snapshot: " + text);
        }
        long[] xip = parts[2].isEmpty()
                ? new long[0]
                : Arrays.stream(parts[2].split(",")).mapToLong(Long::parseLong).toArray();
        return new PgSnapshot(Long.parseLong(parts[0]), Long.parseLong(parts[1]), xip);
    }

    /** Whether the transaction had finished, committed or aborted, when this snapshot was taken. */
    public boolean hasFinished(long xid) {
        return xid < xmin || (xid < xmax && Arrays.binarySearch(inProgress, xid) < 0);
    }

    /** Whether every transaction that was in progress at {@code earlier} had finished by this snapshot. */
    public boolean sawFinish(PgSnapshot earlier) {
        for (long xid : earlier.inProgress) {
            if (!hasFinished(xid)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgSnapshot s && xmin == s.xmin && xmax == s.xmax && Arrays.equals(inProgress, s.inProgress);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(xmin) * 31 + Long.hashCode(xmax) * 17 + Arrays.hashCode(inProgress);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder().append(xmin).append(':').append(xmax).append(':');
        for (int i = 0; i < inProgress.length; i++) {
            out.append(i == 0 ? "" : ",").append(inProgress[i]);
        }
        return out.toString();
    }
}
