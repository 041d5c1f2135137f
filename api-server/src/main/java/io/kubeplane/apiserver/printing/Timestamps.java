package io.kubeplane.apiserver.printing;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the API's timestamps: {@code metav1.Time} ({@code 2025-01-01T12:00:00Z}) and
 * {@code metav1.MicroTime} ({@code 2025-01-01T12:00:00.123456Z}), both RFC 3339. Stateless.
 */
final class Timestamps {

    private Timestamps() {
    }

    /**
     * @param text a timestamp from an object, possibly absent
     * @return the instant, or null when the text is null, blank or not RFC 3339 (Kubernetes' zero
     *     time: the printers show {@code <unknown>} for it)
     */
    static @Nullable Instant parse(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException ex) {
            return null;
        }
    }

    /** @return the later of two instants, either of which may be unset */
    static @Nullable Instant later(@Nullable Instant a, @Nullable Instant b) {
        if (a == null) {
            return b;
        }
        return b != null && b.isAfter(a) ? b : a;
    }
}
