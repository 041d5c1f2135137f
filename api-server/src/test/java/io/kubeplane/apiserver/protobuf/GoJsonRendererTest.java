package io.kubeplane.apiserver.protobuf;

import static io.kubeplane.apiserver.protobuf.Envelopes.json;
import static io.kubeplane.apiserver.protobuf.Envelopes.wrap;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Go encoding/json rules the renderer follows, one rule a test. */
class GoJsonRendererTest {

    private static final GoJsonRenderer RENDERER = new GoJsonRenderer(0);

    @Test
    void inlinedStructsWriteTheirFieldsIntoTheEnclosingObject() {
        V1.Volume volume = V1.Volume.newBuilder().setName("config")
                .setVolumeSource(V1.VolumeSource.newBuilder().setConfigMap(V1.ConfigMapVolumeSource.newBuilder()
                        .setLocalObjectReference(V1.LocalObjectReference.newBuilder().setName("web-config"))
                        .setDefaultMode(420)))
                .build();
        V1.Probe probe = V1.Probe.newBuilder()
                .setHandler(V1.ProbeHandler.newBuilder().setHttpGet(V1.HTTPGetAction.newBuilder().setPath("/healthz")
                        .setPort(IntOrString.newBuilder().setType(1).setStrVal("http")).setScheme("HTTP")))
                .setPeriodSeconds(10).setFailureThreshold(3)
                .build();

        assertThat(render(volume)).isEqualTo(json("""
                {"name": "config", "configMap": {"name": "web-config", "defaultMode": 420}}
                """));
        assertThat(render(probe)).isEqualTo(json("""
                {"httpGet": {"path": "/healthz", "port": "http", "scheme": "HTTP"},
                 "periodSeconds": 10, "failureThreshold": 3}
                """));
    }

    @Test
    void fieldsWithoutOmitemptyAreWrittenWhenNotSent() {
        // PodSpec.containers is a slice without omitempty, DeploymentSpec.selector a pointer
        // without it, ServicePort.port an int32 without it, targetPort an IntOrString value.
        assertThat(render(V1.PodSpec.getDefaultInstance())).isEqualTo(json("""
                {"containers": null}
                """));
        assertThat(render(V1Apps.DeploymentSpec.getDefaultInstance())).isEqualTo(json("""
                {"selector": null, "template": {"metadata": {"creationTimestamp": null},
                 "spec": {"containers": null}}, "strategy": {}}
                """));
        assertThat(render(V1.ServicePort.getDefaultInstance())).isEqualTo(json("""
                {"port": 0, "targetPort": 0}
                """));
    }

    @Test
    void zeroValuesAreKeptOnlyInPointerFields() {
        V1.ServiceSpec spec = V1.ServiceSpec.newBuilder()
                .setClusterIP("").setType("").setPublishNotReadyAddresses(false).setHealthCheckNodePort(0)
                .setAllocateLoadBalancerNodePorts(false).setLoadBalancerClass("")
                .build();
        Meta.Preconditions preconditions = Meta.Preconditions.newBuilder().setResourceVersion("").build();

        assertThat(render(spec)).isEqualTo(json("""
                {"allocateLoadBalancerNodePorts": false, "loadBalancerClass": ""}
                """));
        assertThat(render(preconditions)).isEqualTo(json("""
                {"resourceVersion": ""}
                """));
    }

    @Test
    void byteMapsAreBase64AndMapKeysSorted() {
        V1.Secret secret = V1.Secret.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("s"))
                .putData("z.key", ByteString.copyFrom(new byte[] {(byte) 0xff, 0, 1}))
                .putData("a.crt", ByteString.copyFromUtf8("pem"))
                .putStringData("unused", "")
                .setType("Opaque")
                .build();

        JsonNode json = render(secret);

        assertThat(json).isEqualTo(json("""
                {"metadata": {"name": "s", "creationTimestamp": null},
                 "data": {"a.crt": "cGVt", "z.key": "/wAB"}, "stringData": {"unused": ""}, "type": "Opaque"}
                """));
        assertThat(List.copyOf(json.get("data").propertyNames())).containsExactly("a.crt", "z.key");
    }

    @Test
    void rawExtensionsHoldJsonOrANestedProtobufObject() {
        V1Apps.ControllerRevision withJson = V1Apps.ControllerRevision.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("web-1"))
                .setData(Runtime.RawExtension.newBuilder().setRaw(utf8("{\"spec\":{\"replicas\":2}}")))
                .setRevision(1)
                .build();
        V1.Namespace namespace = V1.Namespace.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("demo")).build();
        V1Apps.ControllerRevision withProtobuf = withJson.toBuilder()
                .setData(Runtime.RawExtension.newBuilder()
                        .setRaw(ByteString.copyFrom(wrap("v1", "Namespace", namespace))))
                .build();
        V1Apps.ControllerRevision empty = withJson.toBuilder().clearData().setRevision(0).build();

        assertThat(render(withJson)).isEqualTo(json("""
                {"metadata": {"name": "web-1", "creationTimestamp": null},
                 "data": {"spec": {"replicas": 2}}, "revision": 1}
                """));
        assertThat(render(withProtobuf).get("data")).isEqualTo(json("""
                {"kind": "Namespace", "apiVersion": "v1",
                 "metadata": {"name": "demo", "creationTimestamp": null}, "spec": {}, "status": {}}
                """));
        assertThat(render(empty)).isEqualTo(json("""
                {"metadata": {"name": "web-1", "creationTimestamp": null}, "data": null, "revision": 0}
                """));
    }

    @Test
    void managedFieldsCarryTheirFieldsV1Json() {
        Meta.ObjectMeta metadata = Meta.ObjectMeta.newBuilder().setName("web")
                .addManagedFields(Meta.ManagedFieldsEntry.newBuilder().setManager("kubectl-create")
                        .setOperation("Update").setApiVersion("v1").setFieldsType("FieldsV1")
                        .setTime(Meta.Time.newBuilder().setSeconds(Instant.parse("2026-11-22T04:55:01Z").getEpochSecond()))
                        .setFieldsV1(Meta.FieldsV1.newBuilder().setRaw(utf8("{\"f:spec\":{\"f:type\":{}}}"))))
                .build();

        assertThat(render(metadata)).isEqualTo(json("""
                {"name": "web", "creationTimestamp": null, "managedFields": [{
                  "manager": "kubectl-create", "operation": "Update", "apiVersion": "v1",
                  "time": "2026-11-22T04:55:01Z", "fieldsType": "FieldsV1",
                  "fieldsV1": {"f:spec": {"f:type": {}}}}]}
                """));
    }

    @Test
    void largeIntegersStayExact() {
        Meta.ObjectMeta metadata = Meta.ObjectMeta.newBuilder().setName("n").setGeneration(1L << 40).build();

        assertThat(render(metadata).get("generation").longValue()).isEqualTo(1L << 40);
    }

    private static JsonNode render(Message message) {
        return RENDERER.render(message, FieldPath.ROOT);
    }

    private static ByteString utf8(String text) {
        return ByteString.copyFrom(text, StandardCharsets.UTF_8);
    }
}
