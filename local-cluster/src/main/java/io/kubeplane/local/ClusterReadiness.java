package io.kubeplane.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for the api-server's {@code /readyz} to answer 200, which it does only when every component
 * is ready and its caches are synced (the local cluster lists the components in its readiness
 * checks). Gives up after a deadline, or at once when the components stop, with the failing checks
 * from {@code /readyz?verbose} in the message. Stateless; called once per start.
 */
final class ClusterReadiness {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ClusterReadiness() {
    }

    /**
     * Returns once {@code readyz} answers 200.
     *
     * @param stillRunning false once a component has stopped: waiting longer is pointless
     * @throws IllegalStateException when the deadline passes or a component stops
     */
    static void await(URI readyz, Duration timeout, BooleanSupplier stillRunning) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (status(readyz) != 200) {
            if (!stillRunning.getAsBoolean()) {
                throw new IllegalStateException("a component stopped before the cluster was ready");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster was not ready within " + timeout.toSeconds() + " s; "
                        + readyz + "?verbose says: " + failingChecks(readyz));
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the cluster to be ready");
            }
        }
    }

    private static int status(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String failingChecks(URI readyz) {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(readyz + "?verbose")).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            String failing = body.lines().filter(line -> line.startsWith("[-]")).map(String::strip)
                    .reduce((a, b) -> a + ", " + b).orElse(body.strip());
            return failing.isEmpty() ? "(nothing)" : failing;
        } catch (IOException e) {
            return "(no answer: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }
}
