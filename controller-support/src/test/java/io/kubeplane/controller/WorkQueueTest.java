package io.kubeplane.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

    private final WorkQueue<String> queue = new WorkQueue<>("test", Duration.ofMillis(10), Duration.ofSeconds(1));

    @Test
    void aKeyAddedTwiceIsQueuedOnce() throws Exception {
        queue.add("a");
        queue.add("b");
        queue.add("a");
        assertThat(queue.depth()).isEqualTo(2);
        assertThat(queue.take()).isEqualTo("a");
        assertThat(queue.take()).isEqualTo("b");
        assertThat(queue.depth()).isZero();
    }

    @Test
    void aKeyAddedWhileBeingProcessedComesBackOnlyWhenDone() throws Exception {
        queue.add("a");
        String key = queue.take();
        queue.add("a");
        assertThat(queue.depth()).as("not handed to a second worker while the first holds it").isZero();
        queue.done(key);
        assertThat(queue.depth()).isEqualTo(1);
        assertThat(queue.take()).isEqualTo("a");
        queue.done("a");
        assertThat(queue.depth()).isZero();
    }

    @Test
    void backoffDoublesUpToTheMaximumAndForgetResetsIt() {
        Duration base = Duration.ofMillis(200);
        Duration max = Duration.ofMinutes(2);
        assertThat(WorkQueue.backoff(1, base, max)).isEqualTo(Duration.ofMillis(200));
        assertThat(WorkQueue.backoff(2, base, max)).isEqualTo(Duration.ofMillis(400));
        assertThat(WorkQueue.backoff(5, base, max)).isEqualTo(Duration.ofMillis(3200));
        assertThat(WorkQueue.backoff(30, base, max)).isEqualTo(max);
        assertThat(WorkQueue.backoff(1000, base, max)).isEqualTo(max);

        assertThat(queue.addRateLimited("a")).isEqualTo(Duration.ofMillis(10));
        assertThat(queue.addRateLimited("a")).isEqualTo(Duration.ofMillis(20));
        assertThat(queue.failures("a")).isEqualTo(2);
        queue.forget("a");
        assertThat(queue.addRateLimited("a")).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void aDelayedKeyArrivesAfterItsDelay() throws Exception {
        long start = System.nanoTime();
        queue.addAfter("late", Duration.ofMillis(50));
        assertThat(queue.depth()).isZero();
        assertThat(queue.take()).isEqualTo("late");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(45));
    }

    @Test
    void closingReleasesWaitingWorkers() throws Exception {
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        queue.close();
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isNull();
        queue.add("after");
        assertThat(queue.depth()).isZero();
    }
}
