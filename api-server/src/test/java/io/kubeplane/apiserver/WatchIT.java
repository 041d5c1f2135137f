package io.kubeplane.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Watches over HTTP: ordered events from a resourceVersion, selector transitions, bookmarks, 410 Gone. */
class WatchIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private ApiClient api;
    private String ns;
    private String services;

    @BeforeEach
    void namespace() {
        api = SharedApiServer.get().client();
        ns = SharedApiServer.newNamespace("watch");
        services = "/api/v1/namespaces/" + ns + "/services";
    }

    @Test
    void aWatchFromAListVersionSeesEveryLaterChangeInOrder() throws Exception {
        api.post(services, ResourceVerbsIT.service("before", ""));
        String version = api.get(services).json().at("/metadata/resourceVersion").asString();

        try (ApiClient.Watch watch = api.watch(services + "?watch=true&resourceVersion=" + version)) {
            assertThat(watch.status()).isEqualTo(200);
            api.post(services, ResourceVerbsIT.service("web", ""));
            api.patch(services + "/web", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"v\":\"2\"}}}");
            api.delete(services + "/web");

            JsonNode added = watch.next(WAIT);
            JsonNode modified = watch.next(WAIT);
            JsonNode deleted = watch.next(WAIT);
            assertThat(added.at("/type").asString()).isEqualTo("ADDED");
            assertThat(added.at("/object/metadata/name").asString()).isEqualTo("web");
            assertThat(modified.at("/type").asString()).isEqualTo("MODIFIED");
            assertThat(modified.at("/object/metadata/labels/v").asString()).isEqualTo("2");
            assertThat(deleted.at("/type").asString()).isEqualTo("DELETED");
            assertThat(versionOf(added)).isLessThan(versionOf(modified));
            assertThat(versionOf(modified)).isLessThan(versionOf(deleted));
        }
    }

    @Test
    void aWatchWithoutVersionStartsWithTheCurrentObjects() throws Exception {
        api.post(services, ResourceVerbsIT.service("existing", ""));

        try (ApiClient.Watch watch = api.watch(services + "?watch=1")) {
            JsonNode first = watch.next(WAIT);
            assertThat(first.at("/type").asString()).isEqualTo("ADDED");
            assertThat(first.at("/object/metadata/name").asString()).isEqualTo("existing");
        }
    }

    @Test
    void aSelectorWatchSeesObjectsEnterAndLeave() throws Exception {
        api.post(services, ResourceVerbsIT.service("web", "\"tier\":\"back\""));
        String version = api.get(services).json().at("/metadata/resourceVersion").asString();

        try (ApiClient.Watch watch = api.watch(services + "?watch=true&labelSelector=tier%3Dfront&resourceVersion=" + version)) {
            api.patch(services + "/web", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}");
            api.patch(services + "/web", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"tier\":\"back\"}}}");

            assertThat(watch.next(WAIT).at("/type").asString()).isEqualTo("ADDED");
            assertThat(watch.next(WAIT).at("/type").asString()).isEqualTo("DELETED");
        }
    }

    @Test
    void bookmarksCarryTheCurrentVersionWhenAskedFor() throws Exception {
        String version = api.get(services).json().at("/metadata/resourceVersion").asString();

        try (ApiClient.Watch watch = api.watch(services + "?watch=true&allowWatchBookmarks=true&resourceVersion=" + version)) {
            JsonNode bookmark = watch.next(WAIT);
            assertThat(bookmark.at("/type").asString()).isEqualTo("BOOKMARK");
            assertThat(bookmark.at("/object/kind").asString()).isEqualTo("Service");
            assertThat(Long.parseLong(bookmark.at("/object/metadata/resourceVersion").asString()))
                    .isGreaterThanOrEqualTo(Long.parseLong(version));
        }
    }

    @Test
    void aWatchEndsAtItsTimeout() throws Exception {
        try (ApiClient.Watch watch = api.watch(services + "?watch=true&timeoutSeconds=1&resourceVersion="
                + api.get(services).json().at("/metadata/resourceVersion").asString())) {
            watch.reader().join(Duration.ofSeconds(10));
            assertThat(watch.reader().isAlive()).isFalse();
        }
    }

    @Test
    void aVersionOlderThanTheWindowIsGone() throws Exception {
        String old = api.get(services).json().at("/metadata/resourceVersion").asString();
        // The shared server keeps a window of 1000 events; push this version out of it.
        java.util.stream.IntStream.range(0, 1100).parallel().forEach(i -> api.post("/api/v1/namespaces/" + ns + "/endpoints",
                "{\"apiVersion\":\"v1\",\"kind\":\"Endpoints\",\"metadata\":{\"name\":\"e-" + i + "\"}}"));

        try (ApiClient.Watch watch = api.watch(services + "?watch=true&resourceVersion=" + old)) {
            JsonNode error = watch.next(WAIT);
            assertThat(error.at("/type").asString()).isEqualTo("ERROR");
            assertThat(error.at("/object/code").asInt()).isEqualTo(410);
            assertThat(error.at("/object/reason").asString()).isEqualTo("Expired");
            assertThat(error.at("/object/message").asString()).startsWith("too old resource version: " + old);
        }
    }

    private static long versionOf(JsonNode event) {
        return Long.parseLong(event.at("/object/metadata/resourceVersion").asString());
    }
}
