package io.kubeplane.informer.impl;

import java.time.Duration;

/**
 * The one port through which an informer reads its stream, as fabric8's {@code ListerWatcher} is
 * for the Kubernetes API: a table read from its start, then followed.
 *
 * <p>A source reads in <em>generations</em>. Generation 1 reads the topic from the start; when the
 * source finds that the stream no longer continues what it read (the topic was recreated, emptied
 * or truncated, its partitions changed, a different cluster answers) it starts the next generation,
 * again from the start. Within a generation, {@link SourceBatch#caughtUp()} turns true once the
 * source has read up to the end of the stream as it was when the generation began, and stays true.
 * A stream that does not exist yet is an empty table: its generation is caught up at once.
 *
 * <p>Not thread-safe: {@link #poll} and {@link #close} are called by the informer's one reading
 * thread; only {@link #wakeup()} may be called from another thread.
 */
public interface EventSource extends AutoCloseable {

    /**
     * The next records, waiting at most about {@code timeout} for some. Returns an empty batch when
     * there is nothing new or after {@link #wakeup()}.
     *
     * @throws RuntimeException if the stream cannot be read now (the broker is down, say); the
     *                          caller retries later with the same source
     */
    SourceBatch poll(Duration timeout);

    /** Makes a blocked or the next {@link #poll} return early. Thread-safe. */
    void wakeup();

    /** Releases connections. */
    @Override
    void close();
}
