package io.kubeplane.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubeplane.apiserver.outbox.KafkaRelay;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Two api-server replicas on one database: the same watch on both, one relay at a time. */
class ReplicasIT {

    private static ApiServerHarness server;
    private static ApiServerHarness.Replica second;

    @BeforeAll
    static void start() {
        server = new ApiServerHarness();
        second = server.startReplica();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aWriteThroughOneReplicaReachesWatchersOfTheOther() throws Exception {
        ApiClient first = server.client();
        first.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"replicas\"}}");
        String version = second.client().get("/api/v1/namespaces/replicas/services").json()
                .at("/metadata/resourceVersion").asString();

        try (ApiClient.Watch watch = second.client().watch("/api/v1/namespaces/replicas/services?watch=true&resourceVersion=" + version)) {
            String written = first.post("/api/v1/namespaces/replicas/services", ResourceVerbsIT.service("web", ""))
                    .json().at("/metadata/resourceVersion").asString();

            JsonNode event = watch.next(Duration.ofSeconds(10));
            assertThat(event.at("/type").asString()).isEqualTo("ADDED");
            assertThat(event.at("/object/metadata/resourceVersion").asString()).isEqualTo(written);
        }
    }

    @Test
    void exactlyOneRelayPublishesAndAnotherTakesOverWhenItStops() {
        KafkaRelay firstRelay = server.context().getBean(KafkaRelay.class);
        KafkaRelay secondRelay = second.context().getBean(KafkaRelay.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> firstRelay.isLeading() || secondRelay.isLeading());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> firstRelay.isLeading() ^ secondRelay.isLeading());

        KafkaRelay leader = firstRelay.isLeading() ? firstRelay : secondRelay;
        KafkaRelay follower = leader == firstRelay ? secondRelay : firstRelay;
        leader.close();

        await().atMost(Duration.ofSeconds(30)).until(follower::isLeading);
    }
}
