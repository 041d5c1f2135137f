package io.kubeplane.apiserver.http;

import java.io.IOException;

/**
 * Where a watch's events go: the chunked body of an HTTP response, or the messages of a WebSocket,
 * the two ways Kubernetes clients watch. Used by one thread at a time.
 */
interface WatchSink {

    /** Sends one watch event, {@code {"type":...,"object":...}}; may buffer until {@link #flush()}. */
    void send(String type, String objectJson) throws IOException;

    /** Pushes buffered events to the client. */
    void flush() throws IOException;
}
