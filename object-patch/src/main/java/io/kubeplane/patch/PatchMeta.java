package io.kubeplane.patch;

import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * How strategic merge patch treats one field: its {@code patchStrategy} and {@code patchMergeKey}
 * tags, e.g. {@code containers}: merge, key {@code name}; {@code finalizers}: merge, no key (a set);
 * {@code tolerations}: no tags (replaced whole).
 *
 * <p>Immutable and thread-safe.
 *
 * @param strategies the field's strategies; empty for an untagged field
 * @param mergeKey the key that identifies an object of a merged list, or null
 */
public record PatchMeta(Set<PatchStrategy> strategies, @Nullable String mergeKey) {

    /** An untagged field: objects merge key by key, lists are replaced. */
    public static final PatchMeta NONE = new PatchMeta(Set.of(), null);

    public PatchMeta {
        strategies = Set.copyOf(strategies);
        if (mergeKey != null && !strategies.contains(PatchStrategy.MERGE)) {
            throw new IllegalArgumentException("a merge key needs the merge strategy: " + mergeKey);
        }
    }

    /** @return a list of objects merged by {@code mergeKey} */
    public static PatchMeta mergeByKey(String mergeKey) {
        return new PatchMeta(Set.of(PatchStrategy.MERGE), mergeKey);
    }

    /** @return a list of primitives merged as a set */
    public static PatchMeta mergeAsSet() {
        return new PatchMeta(Set.of(PatchStrategy.MERGE), null);
    }

    /** @return whether a list is merged rather than replaced */
    public boolean merges() {
        return strategies.contains(PatchStrategy.MERGE);
    }

    /** @return whether an object or list is always replaced whole */
    public boolean replaces() {
        return strategies.contains(PatchStrategy.REPLACE);
    }

    /** @return whether the object (or each object of the list) follows {@code $retainKeys} */
    public boolean retainsKeys() {
        return strategies.contains(PatchStrategy.RETAIN_KEYS);
    }

    /** @return the tags as Kubernetes writes them, e.g. {@code patchStrategy:"merge,retainKeys" patchMergeKey:"name"} */
    @Override
    public String toString() {
        String tags = strategies.stream().sorted().map(PatchStrategy::tag).collect(Collectors.joining(","));
        return "patchStrategy:\"" + tags + "\"" + (mergeKey == null ? "" : " patchMergeKey:\"" + mergeKey + "\"");
    }
}
