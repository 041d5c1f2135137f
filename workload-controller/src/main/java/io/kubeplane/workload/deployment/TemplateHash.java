package io.kubeplane.workload.deployment;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kubeplane.model.KubernetesJson;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code pod-template-hash} of a Deployment's pod template, the label that tells a rollout's new
 * pods from its old ones. Kubernetes hashes the Go struct with FNV-32a and writes the decimal value
 * in its "safe" alphabet (no vowels, no look-alike digits); kubeplane hashes the template's
 * canonical JSON (keys sorted, so field order does not matter) the same way, so the label looks as
 * it does on a cluster — {@code 7c5ddbdf54} — and changes exactly when the template does. As in
 * Kubernetes, a Deployment's {@code status.collisionCount}, when set, is hashed after the template:
 * raising it gives a new name when {@code <deployment>-<hash>} is taken by a ReplicaSet not its own. Pure.
 */
public final class TemplateHash {

    /** Kubernetes' {@code rand.SafeEncodeString} alphabet. */
    public static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private TemplateHash() {
    }

    public static String of(PodTemplateSpec template) {
        return of(template, null);
    }

    public static String of(PodTemplateSpec template, @Nullable Integer collisionCount) {
        JsonNode tree = KubernetesJson.toTree(template);
        String text = canonical(tree) + (collisionCount == null ? "" : "#" + collisionCount);
        int hash = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return safeEncode(Integer.toUnsignedString(hash));
    }

    /** The hash of a Deployment's current template, with its collision count. */
    public static String of(Deployment deployment) {
        Integer collisions = deployment.getStatus() == null ? null : deployment.getStatus().getCollisionCount();
        return of(deployment.getSpec().getTemplate(), collisions);
    }

    /** Each character replaced by the alphabet's character at its code modulo the alphabet's size. */
    static String safeEncode(String text) {
        StringBuilder encoded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            encoded.append(SAFE_ALPHABET.charAt(text.charAt(i) % SAFE_ALPHABET.length()));
        }
        return encoded.toString();
    }

    private static String canonical(JsonNode node) {
        if (node instanceof ObjectNode object) {
            StringBuilder out = new StringBuilder("{");
            object.propertyNames().stream().sorted().forEach(name -> {
                JsonNode value = object.get(name);
                if (value.isNull()) {
                    return;
                }
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append(KubernetesJson.write(name)).append(':').append(canonical(value));
            });
            return out.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",").append(canonical(node.get(i)));
            }
            return out.append(']').toString();
        }
        return node.toString();
    }
}
