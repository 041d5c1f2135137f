package io.kubeplane.apiserver.watch;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Works out up to which resource version every write is settled — committed and visible, or never
 * to commit — so that events can be delivered in resource-version order with none skipped, even
 * though writers commit out of the order in which they took their versions.
 *
 * <p>The store hands out versions from a sequence, and each writer takes its transaction id before
 * its version. A probe reads the highest version handed out ({@code handedOut}), completes a
 * transaction id of its own, then takes a snapshot, whose xmax is therefore above the id of every
 * writer holding a version up to {@code handedOut}: each such writer had finished at the snapshot or
 * is listed in it as in progress. Once those in progress have finished, the versions up to
 * {@code handedOut} are settled: the rows visible from then on are exactly the committed ones.
 *
 * <pre>
 *   probe 1: handedOut=10, in progress {A}      probe 2: handedOut=12, in progress {A, B}
 *   probe 3 sees A finished, B running  → settled up to 10 (probe 1); probe 2 waits for B
 * </pre>
 *
 * <p>A later probe settling implies every earlier one has: a transaction running at an earlier probe
 * either finished before the later one or was still in progress at it. Pure, not thread-safe: the
 * tailer thread owns it.
 */
public final class SettlementTracker {

    private record Probe(long handedOut, PgSnapshot snapshot) {
    }

    /** Probes wait here in the order they were taken; bounded so a stuck transaction cannot grow it. */
    private static final int MAX_PENDING = 4096;

    private final ArrayDeque<Probe> pending = new ArrayDeque<>();
    private long settled;

    public SettlementTracker(long settled) {
        this.settled = settled;
    }

    /** The highest resource version known to be settled. */
    public long settled() {
        return settled;
    }

    /** Whether some versions were handed out but are not yet known to be settled. */
    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /**
     * Records a probe and returns the settled version after it. {@code snapshot} must have been
     * taken after {@code handedOut} was read.
     */
    public long offer(long handedOut, PgSnapshot snapshot) {
        Probe last = pending.peekLast();
        long newest = last == null ? settled : last.handedOut();
        // A probe with no new version settles nothing an earlier probe would not settle sooner: any
        // transaction that started since can only hold a higher version.
        if (handedOut > newest) {
            if (pending.size() == MAX_PENDING) {
                // Dropping the oldest only delays settlement: a newer probe covers its versions too.
                pending.removeFirst();
            }
            pending.addLast(new Probe(handedOut, snapshot));
        }
        long reached = settled;
        Iterator<Probe> newestFirst = pending.descendingIterator();
        while (newestFirst.hasNext()) {
            Probe probe = newestFirst.next();
            if (snapshot.sawFinish(probe.snapshot())) {
                reached = probe.handedOut();
                break;
            }
        }
        while (!pending.isEmpty() && pending.peekFirst().handedOut() <= reached) {
            pending.removeFirst();
        }
        settled = Math.max(settled, reached);
        return settled;
    }
}
