package io.kubeplane.apiserver.rest;

import org.jspecify.annotations.Nullable;

/**
 * Options every write takes, from the request's query: {@code dryRun=All} (run every step but the
 * store write) and {@code fieldManager} (who makes the change).
 *
 * @param dryRun       whether to stop before writing
 * @param fieldManager the writer's name, or null to derive one from the user agent
 */
public record WriteOptions(boolean dryRun, @Nullable String fieldManager) {

    public static final WriteOptions DEFAULT = new WriteOptions(false, null);
}
