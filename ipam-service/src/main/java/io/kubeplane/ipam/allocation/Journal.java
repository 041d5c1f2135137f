package io.kubeplane.ipam.allocation;

import java.util.ArrayList;
import java.util.List;

/**
 * The values one transaction has taken. If the transaction does not commit (a later value failed,
 * or it was a dry run) the replica's free maps are told to forget them. Not thread-safe: one per
 * transaction.
 */
public final class Journal {

    private record Entry(PoolAllocator allocator, Allocation allocation) {
    }

    private final List<Entry> taken = new ArrayList<>();
    private boolean rolledBack;

    void taken(PoolAllocator allocator, Allocation allocation) {
        taken.add(new Entry(allocator, allocation));
    }

    /** What this transaction took, in order. */
    public List<Allocation> allocations() {
        return taken.stream().map(Entry::allocation).toList();
    }

    /**
     * The transaction rolled back: the values are free again as far as this replica knows. Only the
     * first call counts: by a second one another request may have picked them.
     */
    public void rolledBack() {
        if (!rolledBack) {
            rolledBack = true;
            taken.forEach(e -> e.allocator().forget(e.allocation().ordinal()));
        }
    }

    /** The transaction is over, committed or not: its picks are no longer in flight. */
    public void finished() {
        taken.forEach(e -> e.allocator().settled(e.allocation().ordinal()));
        taken.clear();
    }
}
