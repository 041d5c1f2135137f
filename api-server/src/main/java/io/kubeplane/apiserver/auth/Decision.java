package io.kubeplane.apiserver.auth;

/**
 * An authorizer's answer to one request: allowed or denied, and why.
 *
 * <p>The reason is for the log (which binding allowed, or that none did); it is not shown to the
 * client, whose 403 message is kube-apiserver's RBAC wording, which names no reason when no rule
 * matched. Immutable and thread-safe.
 *
 * @param allowed whether the request may go on
 * @param reason  why, e.g. {@code user "alice" is bound to edit in namespaces [team-a]}
 */
public record Decision(boolean allowed, String reason) {

    public static Decision allow(String reason) {
        return new Decision(true, reason);
    }

    public static Decision deny(String reason) {
        return new Decision(false, reason);
    }
}
