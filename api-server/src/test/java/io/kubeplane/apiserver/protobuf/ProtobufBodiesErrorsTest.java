package io.kubeplane.apiserver.protobuf;

import static io.kubeplane.apiserver.protobuf.Envelopes.wrap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bodies that must be refused, and how the refusal reads. */
class ProtobufBodiesErrorsTest {

    private static final V1.Namespace NAMESPACE = V1.Namespace.newBuilder()
            .setMetadata(Meta.ObjectMeta.newBuilder().setName("demo")).build();

    static Stream<Arguments> malformed() {
        return Stream.of(
                body("JSON sent with the protobuf content type", "{\"kind\":\"Namespace\"}".getBytes(StandardCharsets.UTF_8),
                        "starts with the bytes"),
                body("empty", new byte[0], "starts with the bytes"),
                body("only the magic", new byte[] {'k', '8', 's', 0}, "empty after"),
                body("garbage after the magic", new byte[] {'k', '8', 's', 0, (byte) 0xff, (byte) 0xff, (byte) 0xff},
                        "runtime.Unknown"),
                body("no kind", wrap("v1", "", NAMESPACE), "names no kind"),
                body("no apiVersion", wrap("", "Namespace", NAMESPACE), "names no apiVersion"),
                body("a truncated object", wrap("v1", "Namespace", NAMESPACE.toByteString().substring(0, 5)),
                        "v1/Namespace cannot be read"),
                body("a compressed object", wrap(envelope(NAMESPACE).setContentEncoding("gzip").build()),
                        "content encoding \"gzip\""),
                body("a JSON object inside the envelope", wrap(envelope(NAMESPACE).setContentType("application/json").build()),
                        "\"application/json\", not protobuf"),
                body("an IntOrString of type 2", wrap("v1", "Service", V1.Service.newBuilder()
                                .setSpec(V1.ServiceSpec.newBuilder().addPorts(V1.ServicePort.newBuilder().setPort(80)
                                        .setTargetPort(IntOrString.newBuilder().setType(2))))
                                .build()),
                        "spec.ports[0].targetPort: IntOrString has type 2"),
                body("a RawExtension that is not JSON", wrap("apps/v1", "ControllerRevision", V1Apps.ControllerRevision.newBuilder()
                                .setData(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("not json")))
                                .build()),
                        "data: RawExtension does not hold JSON"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void refusesMalformedBodies(byte[] body, String message) {
        assertThatThrownBy(() -> ProtobufBodies.decode(body))
                .isInstanceOf(MalformedBodyException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void refusesAKindItHasNoMessageFor() {
        assertThatThrownBy(() -> ProtobufBodies.decode(wrap("networking.k8s.io/v1", "Ingress", NAMESPACE)))
                .isInstanceOfSatisfying(UnknownKindException.class, e -> {
                    assertThat(e.apiVersion()).isEqualTo("networking.k8s.io/v1");
                    assertThat(e.kind()).isEqualTo("Ingress");
                })
                .hasMessage("no protobuf decoding for apiVersion \"networking.k8s.io/v1\", kind \"Ingress\"; "
                        + "send it as application/json");
        // A core kind named under another group version is not that kind.
        assertThatThrownBy(() -> ProtobufBodies.decode(wrap("apps/v1", "Service", NAMESPACE)))
                .isInstanceOf(UnknownKindException.class);
        // A message that is part of a kind is not a kind.
        assertThatThrownBy(() -> ProtobufBodies.decode(wrap("v1", "ServiceSpec", V1.ServiceSpec.getDefaultInstance())))
                .isInstanceOf(UnknownKindException.class);
    }

    @Test
    void refusesFieldsNewerThanItsDescriptorsAndSaysWhere() {
        // Field 24 of ServiceSpec and 9 of ServicePort are not in client-java-proto 24's
        // descriptors: a newer client's. Quantity field 2 sits inside a map value.
        V1.Service service = V1.Service.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("web"))
                .setSpec(V1.ServiceSpec.newBuilder()
                        .addPorts(V1.ServicePort.newBuilder().setPort(80))
                        .addPorts(V1.ServicePort.newBuilder().setPort(443).setUnknownFields(unknown(9, 10)))
                        .setUnknownFields(unknown(24)))
                .build();
        V1.ResourceQuota quota = V1.ResourceQuota.newBuilder()
                .setSpec(V1.ResourceQuotaSpec.newBuilder()
                        .putHard("cpu", Quantity.newBuilder().setString("1").setUnknownFields(unknown(2)).build()))
                .build();

        assertThatThrownBy(() -> ProtobufBodies.decode(wrap("v1", "Service", service)))
                .isInstanceOfSatisfying(UnknownFieldsException.class, e -> assertThat(e.places()).containsExactly(
                        "spec (k8s.io.api.core.v1.ServiceSpec): field 24",
                        "spec.ports[1] (k8s.io.api.core.v1.ServicePort): fields 9, 10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("v1/Service: the protobuf body has fields this server does not know");
        assertThatThrownBy(() -> ProtobufBodies.decode(wrap("v1", "ResourceQuota", quota)))
                .isInstanceOfSatisfying(UnknownFieldsException.class, e -> assertThat(e.places()).containsExactly(
                        "spec.hard[cpu] (k8s.io.apimachinery.pkg.api.resource.Quantity): field 2"));
    }

    @Test
    void refusesUnknownFieldsOfTheEnvelope() {
        byte[] body = wrap(envelope(NAMESPACE).setUnknownFields(unknown(5)).build());

        assertThatThrownBy(() -> ProtobufBodies.decode(body))
                .isInstanceOf(UnknownFieldsException.class)
                .hasMessageContaining("runtime.Unknown");
    }

    @Test
    void refusesProtobufObjectsNestedWithoutEnd() {
        byte[] body = wrap("v1", "Namespace", NAMESPACE);
        for (int i = 0; i < 6; i++) {
            body = wrap("apps/v1", "ControllerRevision", V1Apps.ControllerRevision.newBuilder()
                    .setData(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFrom(body))).build());
        }
        byte[] deep = body;

        assertThatThrownBy(() -> ProtobufBodies.decode(deep))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("nested deeper");
    }

    private static Runtime.Unknown.Builder envelope(V1.Namespace namespace) {
        return Runtime.Unknown.newBuilder()
                .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion("v1").setKind("Namespace"))
                .setRaw(namespace.toByteString());
    }

    private static UnknownFieldSet unknown(int... numbers) {
        UnknownFieldSet.Builder fields = UnknownFieldSet.newBuilder();
        for (int number : numbers) {
            fields.addField(number, UnknownFieldSet.Field.newBuilder().addVarint(1).build());
        }
        return fields.build();
    }

    private static Arguments body(String name, byte[] body, String message) {
        return Arguments.of(Named.of(name, body), message);
    }
}
