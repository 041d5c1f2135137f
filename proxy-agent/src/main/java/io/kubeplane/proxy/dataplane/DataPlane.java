package io.kubeplane.proxy.dataplane;

/**
 * One way of carrying service traffic on a node ({@code --mode}): userspace, iptables, nftables,
 * ipvs or dry-run. The agent hands it every new {@link io.kubeplane.proxy.desired.ProxyState}; the
 * data plane makes the node match it, fully on the first call and by changes after.
 */
public interface DataPlane extends AutoCloseable {

    /** The mode's name, as {@code --mode} spells it. */
    String mode();

    /**
     * Makes the node carry traffic as {@code state} says. Called from one thread at a time.
     *
     * @return what the sync did, for the logs and metrics
     * @throws SyncException when the node could not be brought to the state; the agent retries
     */
    SyncResult sync(io.kubeplane.proxy.desired.ProxyState state) throws SyncException;

    /** Removes everything this data plane programmed or opened on the node. Idempotent. */
    @Override
    void close();

    /**
     * @param full     whether everything was rewritten (the first sync, or a periodic resync)
     * @param changed  how many service ports' rules changed
     * @param summary  one line for the log, e.g. {@code nft: 3 chains rewritten, 2 map elements}
     */
    record SyncResult(boolean full, int changed, String summary) {
    }

    /** A sync that left the node not matching the state; the message says what failed. */
    final class SyncException extends Exception {
        public SyncException(String message, Throwable cause) {
            super(message, cause);
        }

        public SyncException(String message) {
            super(message);
        }
    }
}
