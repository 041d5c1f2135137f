package io.kubeplane.apiserver.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Runtime;
import io.kubeplane.model.KubernetesJson;
import java.io.ByteArrayOutputStream;
import tools.jackson.databind.JsonNode;

/** Wraps messages the way client-go's protobuf serializer does: {@code k8s\0} + runtime.Unknown. */
final class Envelopes {

    private Envelopes() {
    }

    static byte[] wrap(String apiVersion, String kind, Message object) {
        return wrap(apiVersion, kind, object.toByteString());
    }

    static byte[] wrap(String apiVersion, String kind, ByteString raw) {
        return wrap(Runtime.Unknown.newBuilder()
                .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(raw)
                .setContentEncoding("")
                .setContentType("")
                .build());
    }

    static byte[] wrap(Runtime.Unknown envelope) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'k', '8', 's', 0});
        out.writeBytes(envelope.toByteArray());
        return out.toByteArray();
    }

    static JsonNode json(String text) {
        return KubernetesJson.JSON.readTree(text);
    }
}
