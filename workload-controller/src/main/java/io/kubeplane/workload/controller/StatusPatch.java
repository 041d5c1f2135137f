package io.kubeplane.workload.controller;

import io.kubeplane.model.KubernetesJson;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** A JSON merge patch of an object's status, guarded by its uid. Pure. */
final class StatusPatch {

    private StatusPatch() {
    }

    /**
     * @param counts the status fields left out when zero (Go's omitempty), which the patch must
     *               remove explicitly: a merge patch keeps what it does not mention
     */
    static String of(String uid, Object status, List<String> counts) {
        ObjectNode statusJson = (ObjectNode) KubernetesJson.toTree(status);
        counts.stream().filter(count -> !statusJson.has(count)).forEach(statusJson::putNull);
        ObjectNode patch = KubernetesJson.JSON.createObjectNode();
        patch.putObject("metadata").put("uid", uid);
        patch.set("status", statusJson);
        return patch.toString();
    }
}
