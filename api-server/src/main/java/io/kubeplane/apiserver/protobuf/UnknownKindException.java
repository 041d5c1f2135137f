package io.kubeplane.apiserver.protobuf;

/**
 * A protobuf body names an apiVersion/kind this server has no protobuf message for. The HTTP
 * layer answers 415 Unsupported Media Type with the message: the client can send JSON instead.
 */
public final class UnknownKindException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String apiVersion;
    private final String kind;

    UnknownKindException(String apiVersion, String kind) {
        super("no protobuf decoding for apiVersion \"" + apiVersion + "\", kind \"" + kind
                + "\"; send it as application/json");
        this.apiVersion = apiVersion;
        this.kind = kind;
    }

    /** The apiVersion the body named. */
    public String apiVersion() {
        return apiVersion;
    }

    /** The kind the body named. */
    public String kind() {
        return kind;
    }
}
