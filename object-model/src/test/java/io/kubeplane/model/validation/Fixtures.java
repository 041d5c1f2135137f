package io.kubeplane.model.validation;

import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.kubeplane.model.KubernetesJson;
import io.kubeplane.model.validation.FieldError.Type;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Valid objects of every served kind, for tests to break one field at a time.
 *
 * <p>Addresses used throughout the validation tests: ClusterIPs from 10.96.0.0/12 (IPv6
 * fd00:10:96::/112), pods from 10.244.0.0/16 (IPv6 fd00:10:244::/64), nodes 192.168.0.0/24,
 * NodePorts 30000-32767.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** A ClusterIP service {@code default/web} selecting {@code app=web}, port 80 to 8080, not yet defaulted. */
    public static Service service() {
        return new ServiceBuilder()
                .withNewMetadata().withName("web").withNamespace("default").addToLabels("app", "web").endMetadata()
                .withNewSpec()
                .addToSelector("app", "web")
                .addNewPort().withPort(80).withNewTargetPort(8080).endPort()
                .endSpec()
                .build();
    }

    /** A pod {@code default/web-0} with one nginx container serving port 8080 and a readiness probe. */
    public static Pod pod() {
        return new PodBuilder()
                .withNewMetadata().withName("web-0").withNamespace("default").addToLabels("app", "web").endMetadata()
                .withNewSpec()
                .addNewContainer().withName("nginx").withImage("nginx:1.27")
                .addNewPort().withName("http").withContainerPort(8080).endPort()
                .withNewReadinessProbe().withNewHttpGet().withPath("/healthz").withNewPort("http").endHttpGet().endReadinessProbe()
                .endContainer()
                .endSpec()
                .build();
    }

    public static Endpoints endpoints() {
        return new EndpointsBuilder()
                .withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .addNewSubset()
                .addNewAddress().withIp("10.244.1.5").withNodeName("node-1").endAddress()
                .addNewNotReadyAddress().withIp("10.244.2.7").endNotReadyAddress()
                .addNewPort().withName("http").withPort(8080).withProtocol("TCP").endPort()
                .endSubset()
                .build();
    }

    public static EndpointSlice endpointSlice() {
        return new EndpointSliceBuilder()
                .withNewMetadata().withName("web-abc12").withNamespace("default")
                .addToLabels("kubernetes.io/service-name", "web").endMetadata()
                .withAddressType("IPv4")
                .addNewEndpoint().withAddresses("10.244.1.5").withNodeName("node-1")
                .withNewConditions().withReady(true).withServing(true).withTerminating(false).endConditions().endEndpoint()
                .addNewPort().withName("http").withPort(8080).withProtocol("TCP").endPort()
                .build();
    }

    public static Node node() {
        return new NodeBuilder()
                .withNewMetadata().withName("node-1").endMetadata()
                .withNewSpec().withPodCIDR("10.244.1.0/24").withPodCIDRs("10.244.1.0/24").endSpec()
                .build();
    }

    public static Namespace namespace() {
        return new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build();
    }

    public static Event event() {
        return new EventBuilder()
                .withNewMetadata().withName("web-0.17f3a1b2c3d4e5f6").withNamespace("default").endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName("web-0").withNamespace("default").endInvolvedObject()
                .withReason("Scheduled").withMessage("Successfully assigned default/web-0 to node-1").withType("Normal")
                .build();
    }

    public static Deployment deployment() {
        return new DeploymentBuilder()
                .withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .withNewSpec().withReplicas(3)
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate()
                .withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1.27")
                .addNewPort().withContainerPort(8080).endPort().endContainer().endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** A ReplicaSet as a Deployment's controller writes it: the Deployment's template plus its hash label. */
    public static ReplicaSet replicaSet() {
        return new ReplicaSetBuilder()
                .withNewMetadata().withName("web-7c5ddbdf54").withNamespace("default").endMetadata()
                .withNewSpec().withReplicas(3)
                .withNewSelector().addToMatchLabels("app", "web").addToMatchLabels("pod-template-hash", "7c5ddbdf54").endSelector()
                .withNewTemplate()
                .withNewMetadata().addToLabels("app", "web").addToLabels("pod-template-hash", "7c5ddbdf54").endMetadata()
                .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The Lease {@code kube-node-lease/node-1} a kubelet renews: held by its node for 40 s. */
    public static Lease lease() {
        return new LeaseBuilder()
                .withNewMetadata().withName("node-1").withNamespace("kube-node-lease").endMetadata()
                .withNewSpec().withHolderIdentity("node-1").withLeaseDurationSeconds(40)
                .withRenewTime(ZonedDateTime.parse("2025-03-01T11:59:50.123456Z")).endSpec()
                .build();
    }

    /** One valid object of every served kind, named by kind for test names. */
    public static List<Named<HasMetadata>> all() {
        return List.of(Named.of("Service", service()), Named.of("Pod", pod()), Named.of("Endpoints", endpoints()),
                Named.of("EndpointSlice", endpointSlice()), Named.of("Node", node()), Named.of("Namespace", namespace()),
                Named.of("Event", event()), Named.of("Deployment", deployment()), Named.of("ReplicaSet", replicaSet()),
                Named.of("Lease", lease()));
    }

    /** A deep copy of {@code obj} with {@code change} applied. */
    public static <T extends HasMetadata> T changed(T obj, Consumer<T> change) {
        T copy = KubernetesJson.deepCopy(obj);
        change.accept(copy);
        return copy;
    }

    /** One expected error: its type and field path. */
    public static Tuple error(Type type, String field) {
        return tuple(type, field);
    }

    /** A named table row: a situation, how it changes the valid object, the errors it must give. */
    public static <T> Arguments row(String situation, Consumer<T> change, Tuple... expected) {
        return Arguments.of(Named.of(situation, change), Arrays.asList(expected));
    }

    public static List<Tuple> typesAndFields(List<FieldError> errors) {
        return errors.stream().map(e -> tuple(e.type(), e.field())).toList();
    }
}
