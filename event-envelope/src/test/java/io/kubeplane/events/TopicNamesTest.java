package io.kubeplane.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubeplane.model.ApiResource;
import io.kubeplane.model.ApiResources;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TopicNamesTest {

    static Stream<Arguments> topics() {
        return Stream.of(
                Arguments.of(Named.of("core group", ApiResources.SERVICES), "kubeplane.services"),
                Arguments.of(Named.of("cluster-scoped core kind", ApiResources.NODES), "kubeplane.nodes"),
                Arguments.of(Named.of("discovery group", ApiResources.ENDPOINT_SLICES), "kubeplane.endpointslices.discovery.k8s.io"),
                Arguments.of(Named.of("apps group", ApiResources.DEPLOYMENTS), "kubeplane.deployments.apps"));
    }

    @ParameterizedTest
    @MethodSource("topics")
    void topicIsPrefixDotGroupResource(ApiResource resource, String expected) {
        assertThat(TopicNames.defaults().topic(resource)).isEqualTo(expected);
    }

    @Test
    void prefixIsConfigurable() {
        assertThat(new TopicNames("dev-1").topic(ApiResources.PODS)).isEqualTo("dev-1.pods");
    }

    @Test
    void prefixMustBeALegalTopicName() {
        assertThatThrownBy(() -> new TopicNames("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopicNames("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopicNames("x".repeat(201))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topicsAreCompactedTablesThatKeepTombstonesADay() {
        assertThat(TopicNames.topicConfig())
                .containsEntry("cleanup.policy", "compact")
                .containsEntry("delete.retention.ms", "86400000")
                .containsEntry("unclean.leader.election.enable", "false")
                .doesNotContainKey("retention.ms");
    }
}
