package io.kubeplane.apiserver.protobuf;

import java.util.List;

/**
 * A protobuf body carries field numbers the messages this server knows do not declare: a client
 * newer than the server's protobuf descriptors. Dropping them would store half an object, so the
 * whole body is refused (400 Bad Request) and the message says where the fields were.
 */
public final class UnknownFieldsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> places;

    UnknownFieldsException(String object, List<String> places) {
        super(object + ": the protobuf body has fields this server does not know (send it as "
                + "application/json instead): " + String.join("; ", places));
        this.places = List.copyOf(places);
    }

    /**
     * Where the unknown fields were, one entry per message, e.g.
     * {@code spec.ports[0] (k8s.io.api.core.v1.ServicePort): fields 9, 10}.
     */
    public List<String> places() {
        return places;
    }
}
