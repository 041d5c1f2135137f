package io.kubeplane.controller;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Brings the world in line with what one key's object asks for. Called by a {@link ControllerLoop}
 * worker, never for the same key on two threads at once. Reading from informer caches and writing
 * through the API, it must be idempotent: a key is reconciled again after every change and after
 * every failure.
 *
 * @param <K> the key
 */
@FunctionalInterface
public interface Reconciler<K> {

    /**
     * @return what to do next with the key
     * @throws Exception to have the key retried after its backoff
     */
    Result reconcile(K key) throws Exception;

    /**
     * The outcome of one reconcile.
     *
     * @param requeueAfter reconcile again after this long; null when nothing is left to do until the
     *                     key changes
     * @param backoff      reconcile again after the key's growing backoff: the world is not there
     *                     yet (a pool is full) and nothing failed, so nothing is logged as an error
     */
    record Result(@Nullable Duration requeueAfter, boolean backoff) {

        public static final Result DONE = new Result(null, false);

        /** Waiting for something that no event will announce: try again, less and less often. */
        public static final Result BACKOFF = new Result(null, true);

        public static Result requeueAfter(Duration delay) {
            return new Result(delay, false);
        }
    }
}
