package io.kubeplane.apiserver.rest;

import io.kubeplane.model.ApiResource;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Values an object holds outside the object store (a Service's cluster IPs and NodePorts, kept by
 * ipam-service): taken before the object is written, so the answer to the write carries them, and
 * given back once the object no longer holds them. Implementations are thread-safe.
 */
public interface AddressAllocator {

    /** Allocates nothing: for kinds or set-ups without address management. */
    AddressAllocator NONE = new AddressAllocator() {
        @Override
        public Reservation reserve(ApiResource resource, ObjectNode object, @Nullable ObjectNode old, boolean dryRun) {
            return Reservation.NONE;
        }

        @Override
        public void released(ApiResource resource, ObjectNode deleted) {
        }
    };

    /**
     * Takes what {@code object} needs, given what {@code old} (null on create) held, and writes the
     * values into {@code object}. A dry run answers with values that would be taken, keeping none.
     *
     * @throws io.kubeplane.apiserver.http.ApiException 422 when a requested value is taken or out of
     *         range, or a range is full; 503 when the allocator cannot be reached
     */
    Reservation reserve(ApiResource resource, ObjectNode object, @Nullable ObjectNode old, boolean dryRun);

    /** The object was deleted: gives back everything it held. */
    void released(ApiResource resource, ObjectNode deleted);

    /** What one write took, settled once the write is known to have happened or not. */
    interface Reservation {

        Reservation NONE = new Reservation() {
            @Override
            public void committed() {
            }

            @Override
            public void abandoned() {
            }
        };

        /** The object was stored: gives back what the old state held and the new one does not. */
        void committed();

        /** The object was not stored: gives back what this reservation newly took. */
        void abandoned();
    }
}
