package io.kubeplane.apiserver.watch;

/**
 * A watch asked to start before the window of events the cache still holds; the client must list
 * again. The HTTP layer answers 410 Gone with reason {@code Expired}, as Kubernetes does.
 */
public final class TooOldResourceVersionException extends RuntimeException {

    public TooOldResourceVersionException(long requested, long oldest) {
        super("too old resource version: " + requested + " (" + oldest + ")");
    }
}
