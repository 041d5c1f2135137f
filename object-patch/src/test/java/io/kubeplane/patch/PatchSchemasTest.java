package io.kubeplane.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schemas carry the struct tags and the server-side apply markers of {@code k8s.io/api} exactly,
 * including the lists Kubernetes leaves atomic.
 */
class PatchSchemasTest {

    private static final PatchMeta ATOMIC = PatchMeta.NONE;

    private static Arguments tag(String apiVersion, String kind, String path, PatchMeta expected) {
        return Arguments.of(named(apiVersion + " " + kind + " " + path, apiVersion), kind, path, expected);
    }

    static Stream<Arguments> tags() {
        PatchMeta mergeRetainingKeysByName = new PatchMeta(Set.of(PatchStrategy.MERGE, PatchStrategy.RETAIN_KEYS), "name");
        return Stream.of(
                tag("v1", "Service", "spec.ports", PatchMeta.mergeByKey("port")),
                tag("v1", "Service", "spec.externalIPs", ATOMIC),
                tag("v1", "Service", "metadata.ownerReferences", PatchMeta.mergeByKey("uid")),
                tag("v1", "Service", "metadata.finalizers", PatchMeta.mergeAsSet()),
                tag("v1", "Pod", "spec.containers", PatchMeta.mergeByKey("name")),
                tag("v1", "Pod", "spec.initContainers.ports", PatchMeta.mergeByKey("containerPort")),
                tag("v1", "Pod", "spec.containers.env", PatchMeta.mergeByKey("name")),
                tag("v1", "Pod", "spec.containers.volumeMounts", PatchMeta.mergeByKey("mountPath")),
                tag("v1", "Pod", "spec.ephemeralContainers.volumeDevices", PatchMeta.mergeByKey("devicePath")),
                tag("v1", "Pod", "spec.volumes", mergeRetainingKeysByName),
                tag("v1", "Pod", "spec.imagePullSecrets", PatchMeta.mergeByKey("name")),
                tag("v1", "Pod", "spec.tolerations", ATOMIC),
                tag("v1", "Pod", "status.conditions", PatchMeta.mergeByKey("type")),
                tag("v1", "Pod", "status.podIPs", PatchMeta.mergeByKey("ip")),
                tag("v1", "Pod", "status.containerStatuses", ATOMIC),
                tag("v1", "Endpoints", "subsets", ATOMIC),
                tag("v1", "Node", "spec.taints", ATOMIC),
                tag("v1", "Node", "spec.podCIDRs", PatchMeta.mergeAsSet()),
                tag("v1", "Node", "status.addresses", PatchMeta.mergeByKey("type")),
                tag("v1", "Node", "status.conditions", PatchMeta.mergeByKey("type")),
                tag("v1", "Namespace", "spec.finalizers", ATOMIC),
                tag("v1", "Namespace", "status.conditions", PatchMeta.mergeByKey("type")),
                tag("v1", "Event", "metadata.finalizers", PatchMeta.mergeAsSet()),
                tag("discovery.k8s.io/v1", "EndpointSlice", "endpoints", ATOMIC),
                tag("discovery.k8s.io/v1", "EndpointSlice", "metadata.ownerReferences", PatchMeta.mergeByKey("uid")),
                tag("apps/v1", "Deployment", "spec.strategy", new PatchMeta(Set.of(PatchStrategy.RETAIN_KEYS), null)),
                tag("apps/v1", "Deployment", "spec.template.spec.containers.ports", PatchMeta.mergeByKey("containerPort")),
                tag("apps/v1", "Deployment", "spec.template.metadata.finalizers", PatchMeta.mergeAsSet()),
                tag("apps/v1", "Deployment", "status.conditions", PatchMeta.mergeByKey("type")),
                tag("networking.k8s.io/v1", "ServiceCIDR", "status.conditions", PatchMeta.mergeByKey("type")),
                tag("example.com/v1", "Widget", "metadata.finalizers", ATOMIC));
    }

    @ParameterizedTest
    @MethodSource("tags")
    void carriesKubernetesStructTags(String apiVersion, String kind, String path, PatchMeta expected) {
        assertThat(PatchSchemas.forKind(apiVersion, kind).lookup(path)).isEqualTo(expected);
    }

    private static Arguments list(String apiVersion, String kind, String path, ListType expected) {
        return Arguments.of(named(apiVersion + " " + kind + " " + path + " " + expected, apiVersion), kind, path, expected);
    }

    static Stream<Arguments> listTypes() {
        ListType portAndProtocol = ListType.map("port", "protocol").withKeyDefault("protocol", "TCP");
        return Stream.of(
                list("v1", "Service", "spec.ports", portAndProtocol),
                list("v1", "Service", "spec.clusterIPs", ListType.ATOMIC),
                list("v1", "Service", "status.conditions", ListType.map("type")),
                list("v1", "Service", "metadata.finalizers", ListType.SET),
                list("v1", "Service", "metadata.ownerReferences", ListType.map("uid")),
                list("v1", "Service", "metadata.managedFields", ListType.ATOMIC),
                list("v1", "Pod", "spec.containers", ListType.map("name")),
                list("v1", "Pod", "spec.containers.ports", ListType.map("containerPort", "protocol").withKeyDefault("protocol", "TCP")),
                list("v1", "Pod", "spec.containers.env", ListType.map("name")),
                list("v1", "Pod", "spec.containers.args", ListType.ATOMIC),
                list("v1", "Pod", "spec.containers.resources.claims", ListType.map("name")),
                list("v1", "Pod", "spec.imagePullSecrets", ListType.map("name").withKeyDefault("name", "")),
                list("v1", "Pod", "spec.topologySpreadConstraints", ListType.map("topologyKey", "whenUnsatisfiable")),
                list("v1", "Pod", "spec.tolerations", ListType.ATOMIC),
                list("v1", "Pod", "status.hostIPs", ListType.ATOMIC),
                list("v1", "Pod", "status.podIPs", ListType.map("ip")),
                list("v1", "Pod", "status.conditions", ListType.map("type")),
                list("v1", "Node", "spec.podCIDRs", ListType.SET),
                list("v1", "Node", "spec.taints", ListType.ATOMIC),
                list("v1", "Node", "status.addresses", ListType.map("type")),
                list("v1", "Endpoints", "subsets", ListType.ATOMIC),
                list("discovery.k8s.io/v1", "EndpointSlice", "endpoints", ListType.ATOMIC),
                list("apps/v1", "Deployment", "spec.template.spec.containers", ListType.map("name")),
                list("apps/v1", "Deployment", "spec.template.metadata.finalizers", ListType.SET),
                list("apps/v1", "Deployment", "status.conditions", ListType.map("type")));
    }

    @ParameterizedTest
    @MethodSource("listTypes")
    void carriesKubernetesListTypes(String apiVersion, String kind, String path, ListType expected) {
        assertThat(PatchSchemas.forKind(apiVersion, kind).lookupListType(path)).isEqualTo(expected);
    }

    private static Arguments object(String apiVersion, String kind, String path, ObjectType expected) {
        return Arguments.of(named(apiVersion + " " + kind + " " + path + " " + expected, apiVersion), kind, path, expected);
    }

    static Stream<Arguments> objectTypes() {
        return Stream.of(
                object("v1", "Service", "spec", ObjectType.STRUCT),
                object("v1", "Service", "spec.selector", ObjectType.ATOMIC),
                object("v1", "Service", "metadata.labels", ObjectType.MAP),
                object("v1", "Service", "metadata.annotations", ObjectType.MAP),
                object("v1", "Pod", "spec.nodeSelector", ObjectType.ATOMIC),
                object("v1", "Pod", "spec.imagePullSecrets", ObjectType.ATOMIC),
                object("v1", "Pod", "spec.containers.env.valueFrom.secretKeyRef", ObjectType.ATOMIC),
                object("v1", "Pod", "spec.containers.resources", ObjectType.STRUCT),
                object("v1", "Pod", "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution", ObjectType.ATOMIC),
                object("v1", "Event", "involvedObject", ObjectType.ATOMIC),
                object("apps/v1", "Deployment", "spec.selector", ObjectType.ATOMIC),
                object("apps/v1", "Deployment", "spec.template.metadata.labels", ObjectType.MAP),
                object("apps/v1", "Deployment", "spec.strategy", ObjectType.STRUCT));
    }

    @ParameterizedTest
    @MethodSource("objectTypes")
    void carriesKubernetesObjectTypes(String apiVersion, String kind, String path, ObjectType expected) {
        assertThat(PatchSchemas.forKind(apiVersion, kind).lookupObjectType(path)).isEqualTo(expected);
    }

    @Test
    void listTypesPrintAsMarkers() {
        assertThat(PatchSchemas.SERVICE.lookupListType("spec.ports"))
                .hasToString("+listType=map +listMapKey=port +listMapKey=protocol");
        assertThat(ListType.SET).hasToString("+listType=set");
    }

    @Test
    void markersDoNotChangeTheStrategicMergeTags() {
        assertThat(PatchSchemas.SERVICE.lookup("spec.ports")).isEqualTo(PatchMeta.mergeByKey("port"));
        assertThat(PatchSchemas.POD.lookup("status.hostIPs")).isEqualTo(PatchMeta.mergeByKey("ip"));
        assertThat(PatchSchemas.POD.lookup("spec.imagePullSecrets")).isEqualTo(PatchMeta.mergeByKey("name"));
    }

    @Test
    void metaPrintsAsStructTags() {
        assertThat(PatchSchemas.POD.lookup("spec.volumes"))
                .hasToString("patchStrategy:\"merge,retainKeys\" patchMergeKey:\"name\"");
        assertThat(PatchSchemas.forKind("v1", "Pod").lookup("status.containerStatuses").merges()).isFalse();
    }

    @Test
    void unknownKindsHaveNoSchema() {
        assertThat(PatchSchemas.forKind("apps/v1", "StatefulSet")).isSameAs(PatchSchema.none());
        assertThat(PatchSchemas.forObject(Json.json("{'apiVersion':'v1','kind':'Service'}"))).isSameAs(PatchSchemas.SERVICE);
    }
}
