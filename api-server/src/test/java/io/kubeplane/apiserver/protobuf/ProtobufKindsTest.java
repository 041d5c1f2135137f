package io.kubeplane.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProtobufKindsTest {

    static Stream<Arguments> kinds() {
        return Stream.of(
                kind("v1", "Namespace", "k8s.io.api.core.v1.Namespace"),
                kind("v1", "Service", "k8s.io.api.core.v1.Service"),
                kind("v1", "Pod", "k8s.io.api.core.v1.Pod"),
                kind("v1", "Endpoints", "k8s.io.api.core.v1.Endpoints"),
                kind("v1", "Node", "k8s.io.api.core.v1.Node"),
                kind("v1", "Event", "k8s.io.api.core.v1.Event"),
                kind("v1", "ConfigMap", "k8s.io.api.core.v1.ConfigMap"),
                kind("v1", "Binding", "k8s.io.api.core.v1.Binding"),
                kind("v1", "ServiceList", "k8s.io.api.core.v1.ServiceList"),
                kind("apps/v1", "Deployment", "k8s.io.api.apps.v1.Deployment"),
                kind("apps/v1", "StatefulSet", "k8s.io.api.apps.v1.StatefulSet"),
                kind("autoscaling/v1", "Scale", "k8s.io.api.autoscaling.v1.Scale"),
                kind("meta.k8s.io/v1", "DeleteOptions", "k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions"),
                kind("v1", "DeleteOptions", "k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions"),
                kind("discovery.k8s.io/v1", "DeleteOptions", "k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions"),
                kind("coordination.k8s.io/v1", "DeleteOptions", "k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions"),
                kind("apps/v1", "CreateOptions", "k8s.io.apimachinery.pkg.apis.meta.v1.CreateOptions"),
                kind("meta.k8s.io/v1", "PartialObjectMetadata", "k8s.io.apimachinery.pkg.apis.meta.v1.PartialObjectMetadata"));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void findsTheMessageOf(String apiVersion, String kind, String message) {
        assertThat(ProtobufKinds.find(apiVersion, kind)).hasValueSatisfying(
                descriptor -> assertThat(descriptor.getFullName()).isEqualTo(message));
        assertThat(ProtobufBodies.canDecode(apiVersion, kind)).isTrue();
    }

    @Test
    void knowsEveryObjectKindOfCoreAndApps() {
        assertThat(ProtobufBodies.objectKinds().get("v1")).contains(
                "Namespace", "Service", "Pod", "Endpoints", "Node", "Event", "ConfigMap", "Secret",
                "ServiceAccount", "ResourceQuota", "LimitRange", "PersistentVolume", "PersistentVolumeClaim",
                "ReplicationController", "PodTemplate", "ComponentStatus", "Binding", "RangeAllocation");
        assertThat(ProtobufBodies.objectKinds().get("apps/v1")).containsExactlyInAnyOrder(
                "Deployment", "DeploymentList", "ReplicaSet", "ReplicaSetList", "StatefulSet", "StatefulSetList",
                "DaemonSet", "DaemonSetList", "ControllerRevision", "ControllerRevisionList");
        assertThat(ProtobufBodies.objectKinds().get("v1")).doesNotContain("ServiceSpec", "ObjectReference", "PodLogOptions");
    }

    @Test
    void findsNothingForOtherGroupsOrPartsOfKinds() {
        assertThat(ProtobufKinds.find("batch/v1", "Job")).isEmpty();
        // client-java-proto 24 predates coordination.k8s.io/v1: Leases are written as JSON.
        assertThat(ProtobufKinds.find("coordination.k8s.io/v1", "Lease")).isEmpty();
        assertThat(ProtobufKinds.find("v1", "ServiceSpec")).isEmpty();
        assertThat(ProtobufKinds.find("apps/v1", "Service")).isEmpty();
        assertThat(ProtobufKinds.find("v1", "Deployment")).isEmpty();
    }

    private static Arguments kind(String apiVersion, String kind, String message) {
        return Arguments.of(Named.of(apiVersion + " " + kind, apiVersion), kind, message);
    }
}
