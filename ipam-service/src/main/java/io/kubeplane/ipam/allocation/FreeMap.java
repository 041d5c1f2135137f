package io.kubeplane.ipam.allocation;

import io.kubeplane.ipam.pool.PoolKind.PickOrder;
import java.util.BitSet;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * What one replica believes is taken in a pool, as a bitmap over ordinals, and the choice of the
 * next value to try. The database decides who gets a value; this map only keeps tries cheap, so a
 * pick costs the same at 1% and at 99% full (a word-wise scan of the bitmap, not random probing).
 *
 * <p>Dynamic picks come from the upper band ({@code [staticBand, size)}) and fall back to the static
 * band only when the upper band is full (KEP-3070). Thread-safe.
 */
public final class FreeMap {

    private final int size;
    private final int staticBand;
    private final PickOrder order;
    private final BitSet taken;
    private int count;

    public FreeMap(int size, int staticBand, PickOrder order) {
        if (staticBand < 0 || staticBand > size) {
            throw new IllegalArgumentException("static band " + staticBand + " does not fit a pool of " + size);
        }
        this.size = size;
        this.staticBand = staticBand;
        this.order = order;
        this.taken = new BitSet(size);
    }

    /** Marks and returns a free ordinal for a dynamic request, or empty when the pool is full. */
    public synchronized OptionalInt takeAny(RandomGenerator random) {
        int ordinal = pick(staticBand, size, random);
        if (ordinal < 0) {
            ordinal = pick(0, staticBand, random);
        }
        if (ordinal < 0) {
            return OptionalInt.empty();
        }
        mark(ordinal);
        return OptionalInt.of(ordinal);
    }

    /** Marks {@code ordinal} as taken; false when it already was. */
    public synchronized boolean take(int ordinal) {
        if (taken.get(ordinal)) {
            return false;
        }
        mark(ordinal);
        return true;
    }

    /** Marks {@code ordinal} as taken whether or not it was (another replica holds it). */
    public synchronized void markTaken(int ordinal) {
        if (!taken.get(ordinal)) {
            mark(ordinal);
        }
    }

    public synchronized void release(int ordinal) {
        if (taken.get(ordinal)) {
            taken.clear(ordinal);
            count--;
        }
    }

    /** Replaces what is believed taken with {@code stored}, keeping {@code inFlight} (picks not yet committed). */
    public synchronized void reset(BitSet stored, BitSet inFlight) {
        taken.clear();
        taken.or(stored);
        taken.or(inFlight);
        taken.clear(size, Math.max(size, taken.length()));
        count = taken.cardinality();
    }

    public synchronized boolean isTaken(int ordinal) {
        return taken.get(ordinal);
    }

    public synchronized int takenCount() {
        return count;
    }

    public int size() {
        return size;
    }

    public int staticBand() {
        return staticBand;
    }

    private void mark(int ordinal) {
        if (ordinal < 0 || ordinal >= size) {
            throw new IndexOutOfBoundsException("ordinal " + ordinal + " is outside a pool of " + size);
        }
        taken.set(ordinal);
        count++;
    }

    /** A free ordinal in {@code [from, to)}, or -1: the lowest, or the first free at or after a random start. */
    private int pick(int from, int to, RandomGenerator random) {
        if (from >= to) {
            return -1;
        }
        int start = order == PickOrder.LOWEST ? from : from + random.nextInt(to - from);
        int free = taken.nextClearBit(start);
        if (free < to) {
            return free;
        }
        free = taken.nextClearBit(from);
        return free < start ? free : -1;
    }
}
