package io.kubeplane.apiserver.printing;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A condition of a Table row, as {@code metav1.TableRowCondition}. Kubernetes sets only
 * {@code Completed}, on pods that succeeded or failed. Immutable.
 *
 * @param type    the condition type, e.g. {@code Completed}
 * @param status  {@code True}, {@code False} or {@code Unknown}
 * @param reason  a machine-readable reason, e.g. {@code Succeeded}
 * @param message a human-readable message
 */
public record TableRowCondition(String type, String status, String reason, String message) {

    /** @return the JSON form; empty reason and message are left out, as Kubernetes does */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("type", type);
        json.put("status", status);
        if (!reason.isEmpty()) {
            json.put("reason", reason);
        }
        if (!message.isEmpty()) {
            json.put("message", message);
        }
        return json;
    }
}
