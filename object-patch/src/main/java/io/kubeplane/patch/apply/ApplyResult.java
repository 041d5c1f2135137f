package io.kubeplane.patch.apply;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * What a server-side apply gives: the object to store, or the conflicts that stop it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param object the merged object with its new managed fields; with conflicts, the live object unchanged
 * @param conflicts the fields other managers hold with other values; empty if the apply succeeded
 */
public record ApplyResult(JsonNode object, List<Conflict> conflicts) {

    public ApplyResult {
        conflicts = List.copyOf(conflicts);
    }

    /** @return whether conflicts stopped the apply (answer 409 Conflict) */
    public boolean conflicted() {
        return !conflicts.isEmpty();
    }

    /** @return kube-apiserver's message for the conflicts; see {@link Conflict#message(List)} */
    public String conflictMessage() {
        return Conflict.message(conflicts);
    }
}
