package io.kubeplane.ipam.allocation;

import io.kubeplane.ipam.pool.Pool;
import io.kubeplane.ipam.store.AllocationStore;
import java.time.Instant;
import java.util.BitSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Hands out the values of one pool. A pick comes from this replica's {@link FreeMap}; the row
 * insert decides whether it is really free (another replica may hold it, and then the map learns
 * it and the next pick is tried). Callers run it inside their transaction and pass its
 * {@link Journal}. Thread-safe.
 */
public final class PoolAllocator {

    private final Pool pool;
    private final AllocationStore store;
    private final FreeMap free;
    /** Picks whose transaction has not finished: a refresh from the table must not free them. */
    private final BitSet inFlight = new BitSet();

    public PoolAllocator(Pool pool, AllocationStore store) {
        this.pool = pool;
        this.store = store;
        this.free = new FreeMap(pool.size(), pool.staticBand(), pool.kind().order());
    }

    public Pool pool() {
        return pool;
    }

    /** Takes any free value for {@code owner}, from the upper band first. */
    public Allocation allocateAny(Owner owner, Journal journal) {
        return allocateAnyInSlot(owner, null, journal);
    }

    /**
     * Takes {@code value} for {@code owner}. A value the owner already holds is confirmed, not taken
     * again, and is not recorded in the journal.
     *
     * @return the allocation, or empty when the owner already held it
     */
    public Optional<Allocation> allocate(String value, Owner owner, Journal journal) {
        int ordinal = ordinalOf(value);
        free.markTaken(ordinal);
        inFlight(ordinal);
        if (store.insert(pool.name(), ordinal, value, owner, null)) {
            Allocation allocation = new Allocation(pool.name(), ordinal, pool.valueAt(ordinal), owner, Instant.now());
            journal.taken(this, allocation);
            return Optional.of(allocation);
        }
        settled(ordinal);
        Allocation holder = store.find(pool.name(), ordinal).orElse(null);
        if (holder != null && holder.owner().uid().equals(owner.uid())) {
            return Optional.empty();
        }
        if (holder == null) {
            // Released between the insert and the read: let the caller try again.
            free.release(ordinal);
            return allocate(value, owner, journal);
        }
        throw new AllocationException.AlreadyAllocated(value, "provided " + noun() + " is already allocated");
    }

    /**
     * Takes any free value for {@code owner}, from the upper band first. With a {@code slot} (one
     * value per owner and slot: a pod's IPv4 address, a node's podCIDR), when the owner already
     * holds a value in the slot, because an earlier attempt or another replica took it, that value
     * is returned and nothing is taken.
     */
    public Allocation allocateAnyInSlot(Owner owner, @Nullable String slot, Journal journal) {
        if (slot != null) {
            Optional<Allocation> held = store.findSlot(owner.uid(), slot);
            if (held.isPresent()) {
                return held.get();
            }
        }
        boolean refreshed = false;
        while (true) {
            OptionalInt pick = free.takeAny(ThreadLocalRandom.current());
            if (pick.isEmpty()) {
                if (refreshed) {
                    throw new AllocationException.Exhausted("range " + pool.range() + " is full");
                }
                // Another replica may have released values this one still believes taken.
                refresh();
                refreshed = true;
                continue;
            }
            int ordinal = pick.getAsInt();
            String value = pool.valueAt(ordinal);
            inFlight(ordinal);
            if (store.insert(pool.name(), ordinal, value, owner, slot)) {
                Allocation allocation = new Allocation(pool.name(), ordinal, value, owner, Instant.now());
                journal.taken(this, allocation);
                return allocation;
            }
            // Held elsewhere: the map keeps it marked, so the next pick goes on past it.
            settled(ordinal);
            if (slot != null) {
                Optional<Allocation> held = store.findSlot(owner.uid(), slot);
                if (held.isPresent()) {
                    // The slot was filled meanwhile; the pick may still be free.
                    if (store.find(pool.name(), ordinal).isEmpty()) {
                        free.release(ordinal);
                    }
                    return held.get();
                }
            }
        }
    }

    /**
     * Takes {@code value} for {@code owner}'s {@code slot}, or confirms it when the owner holds it
     * there already.
     *
     * @throws AllocationException.AlreadyAllocated when another owner holds the value
     * @throws IllegalStateException when the owner holds another value in the slot
     */
    public Allocation allocateInSlot(String value, Owner owner, String slot, Journal journal) {
        int ordinal = ordinalOf(value);
        while (true) {
            Optional<Allocation> held = store.findSlot(owner.uid(), slot);
            if (held.isPresent()) {
                if (held.get().pool().equals(pool.name()) && held.get().ordinal() == ordinal) {
                    return held.get();
                }
                throw new IllegalStateException(owner + " already holds " + held.get().value() + " as its " + slot);
            }
            free.markTaken(ordinal);
            inFlight(ordinal);
            if (store.insert(pool.name(), ordinal, value, owner, slot)) {
                Allocation allocation = new Allocation(pool.name(), ordinal, pool.valueAt(ordinal), owner, Instant.now());
                journal.taken(this, allocation);
                return allocation;
            }
            settled(ordinal);
            Allocation holder = store.find(pool.name(), ordinal).orElse(null);
            if (holder != null && !holder.owner().uid().equals(owner.uid())) {
                throw new AllocationException.AlreadyAllocated(value, value + " is already allocated to " + holder.owner());
            }
            if (holder != null) {
                return holder; // the owner holds it outside any slot
            }
            // The owner filled the slot, or the holder let go, meanwhile: look again.
        }
    }

    /** Gives {@code value} back if {@code ownerUid} holds it; false when it did not. */
    public boolean release(String value, String ownerUid) {
        OptionalInt ordinal = pool.ordinalOf(value);
        if (ordinal.isEmpty() || !store.delete(pool.name(), ordinal.getAsInt(), ownerUid)) {
            return false;
        }
        free.release(ordinal.getAsInt());
        return true;
    }

    /** Whether this pool holds {@code value}. */
    public boolean contains(String value) {
        return pool.ordinalOf(value).isPresent();
    }

    /** Whether {@code value} lies in the band kept for requested values. */
    public boolean inStaticBand(String value) {
        OptionalInt ordinal = pool.ordinalOf(value);
        return ordinal.isPresent() && ordinal.getAsInt() < pool.staticBand();
    }

    /** How many values this replica believes are taken. */
    public int takenCount() {
        return free.takenCount();
    }

    /** Reloads what is taken from the table, keeping this replica's uncommitted picks. */
    public void refresh() {
        BitSet stored = store.taken(pool.name());
        BitSet pending;
        synchronized (inFlight) {
            pending = (BitSet) inFlight.clone();
        }
        free.reset(stored, pending);
    }

    void forget(int ordinal) {
        free.release(ordinal);
    }

    void settled(int ordinal) {
        synchronized (inFlight) {
            inFlight.clear(ordinal);
        }
    }

    private void inFlight(int ordinal) {
        synchronized (inFlight) {
            inFlight.set(ordinal);
        }
    }

    private int ordinalOf(String value) {
        OptionalInt ordinal = pool.ordinalOf(value);
        if (ordinal.isEmpty()) {
            throw new AllocationException.NotInRange(value, "provided " + noun() + " is not in the valid range. The range of valid "
                                                            + noun() + "s is " + pool.range());
        }
        return ordinal.getAsInt();
    }

    private String noun() {
        return switch (pool.kind()) {
            case NODE_PORTS -> "port";
            case NODE_CIDRS -> "CIDR";
            default -> "IP";
        };
    }
}
