package io.kubeplane.proxy.sync;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of the proxy's last sync, for the HTTP view and health.
 *
 * @param at         when it finished
 * @param durationMs how long computing and applying took
 * @param full       whether the data plane rewrote everything
 * @param changed    service ports whose rules changed
 * @param summary    the data plane's one-line account
 * @param error      why it failed, or null
 * @param servicePorts how many service ports the state holds
 */
public record SyncStatus(Instant at, long durationMs, boolean full, int changed, String summary, @Nullable String error,
                         int servicePorts) {
}
