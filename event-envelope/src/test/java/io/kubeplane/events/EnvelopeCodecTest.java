package io.kubeplane.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EnvelopeCodecTest {

    private static final String SERVICE_JSON = """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default",\
            "resourceVersion":"42","labels":{"app":"wéb"}},"spec":{"ports":[{"port":80}]}}""";

    @Test
    void encodedEnvelopeHasTypeVersionAndObjectInThatShape() {
        byte[] bytes = EnvelopeCodec.encode(new WatchEvent(WatchEventType.ADDED, 42, SERVICE_JSON));

        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"ADDED\",\"resourceVersion\":42,\"object\":" + SERVICE_JSON + "}");
    }

    @Test
    void objectTextIsSplicedInVerbatimAndCutOutVerbatim() {
        // Odd but valid spacing and key order must survive both ways: nothing is re-serialized.
        String odd = "{ \"kind\" : \"Service\",\n \"metadata\":{\"name\":\"a\\\"b\",\"annotations\":{\"x\":\"}{\"}} }";
        WatchEvent event = new WatchEvent(WatchEventType.MODIFIED, 7, odd);

        WatchEvent decoded = EnvelopeCodec.decode(EnvelopeCodec.encode(event));

        assertThat(decoded).isEqualTo(event);
    }

    @Test
    void decodesFieldsInAnyOrderAndIgnoresUnknownFields() {
        byte[] bytes = ("{\"object\":" + SERVICE_JSON + ",\"extra\":[1,{\"a\":2}],\"resourceVersion\":9,\"type\":\"DELETED\"}")
                .getBytes(StandardCharsets.UTF_8);

        WatchEvent event = EnvelopeCodec.decode(bytes);

        assertThat(event.type()).isEqualTo(WatchEventType.DELETED);
        assertThat(event.resourceVersion()).isEqualTo(9);
        assertThat(event.objectJson()).isEqualTo(SERVICE_JSON);
    }

    @Test
    void typedDecodeReadsTheFabric8Object() {
        byte[] bytes = EnvelopeCodec.encode(new WatchEvent(WatchEventType.ADDED, 42, SERVICE_JSON));

        TypedWatchEvent<Service> event = EnvelopeCodec.decode(bytes, Service.class);

        assertThat(event.type()).isEqualTo(WatchEventType.ADDED);
        assertThat(event.resourceVersion()).isEqualTo(42);
        assertThat(event.object().getMetadata().getName()).isEqualTo("web");
        assertThat(event.object().getMetadata().getLabels()).containsEntry("app", "wéb");
        assertThat(event.object().getSpec().getPorts().getFirst().getPort()).isEqualTo(80);
    }

    @Test
    void eventOfAnObjectTakesItsResourceVersion() {
        Service service = new ServiceBuilder().withNewMetadata().withName("web").withNamespace("default")
                .withResourceVersion("77").endMetadata().build();

        WatchEvent event = WatchEvent.of(WatchEventType.MODIFIED, service);

        assertThat(event.resourceVersion()).isEqualTo(77);
        assertThat(event.object(Service.class)).isEqualTo(service);
    }

    @Test
    void encodeRefusesTextThatIsNotAnObject() {
        assertThatThrownBy(() -> EnvelopeCodec.encode(new WatchEvent(WatchEventType.ADDED, 1, "[1,2]")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Named<String>> malformedEnvelopes() {
        return Stream.of(
                Named.of("not JSON", "hello"),
                Named.of("an array", "[]"),
                Named.of("truncated", "{\"type\":\"ADDED\",\"resourceVersion\":1,\"object\":{\"a\":"),
                Named.of("no type", "{\"resourceVersion\":1,\"object\":{}}"),
                Named.of("unknown type", "{\"type\":\"BOOKMARK\",\"resourceVersion\":1,\"object\":{}}"),
                Named.of("type not a string", "{\"type\":1,\"resourceVersion\":1,\"object\":{}}"),
                Named.of("no resourceVersion", "{\"type\":\"ADDED\",\"object\":{}}"),
                Named.of("resourceVersion as string", "{\"type\":\"ADDED\",\"resourceVersion\":\"1\",\"object\":{}}"),
                Named.of("zero resourceVersion", "{\"type\":\"ADDED\",\"resourceVersion\":0,\"object\":{}}"),
                Named.of("no object", "{\"type\":\"ADDED\",\"resourceVersion\":1}"),
                Named.of("object not an object", "{\"type\":\"ADDED\",\"resourceVersion\":1,\"object\":\"x\"}"),
                Named.of("trailing content", "{\"type\":\"ADDED\",\"resourceVersion\":1,\"object\":{}} {}"));
    }

    @ParameterizedTest
    @MethodSource("malformedEnvelopes")
    void malformedEnvelopeIsAFormatError(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EnvelopeCodec.decode(bytes)).isInstanceOf(EnvelopeFormatException.class);
        assertThatThrownBy(() -> EnvelopeCodec.decode(bytes, Service.class)).isInstanceOf(EnvelopeFormatException.class);
    }

    @Test
    void objectOfTheWrongShapeIsAFormatError() {
        byte[] bytes = "{\"type\":\"ADDED\",\"resourceVersion\":1,\"object\":{\"metadata\":[1]}}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EnvelopeCodec.decode(bytes, Service.class)).isInstanceOf(EnvelopeFormatException.class);
    }

    @Test
    void theLeanDecodeSkipsManagedFieldsAndKeepsTheRest() {
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"web\",\"namespace\":\"default\","
                      + "\"labels\":{\"app\":\"web\"},\"managedFields\":[{\"manager\":\"kubectl\",\"operation\":\"Apply\","
                      + "\"fieldsV1\":{\"f:spec\":{}}}]},\"spec\":{\"clusterIP\":\"10.96.0.9\"}}";
        byte[] bytes = EnvelopeCodec.encode(new WatchEvent(WatchEventType.ADDED, 3, json));
        var lean = EnvelopeCodec.decodeWithoutManagedFields(bytes, io.fabric8.kubernetes.api.model.Service.class);
        assertThat(lean.object().getMetadata().getManagedFields()).isEmpty();
        assertThat(lean.object().getMetadata().getAdditionalProperties()).doesNotContainKey("managedFields");
        assertThat(lean.object().getMetadata().getLabels()).containsEntry("app", "web");
        assertThat(lean.object().getSpec().getClusterIP()).isEqualTo("10.96.0.9");
        assertThat(EnvelopeCodec.decode(bytes, io.fabric8.kubernetes.api.model.Service.class).object().getMetadata()
                .getManagedFields()).hasSize(1);
    }
}
