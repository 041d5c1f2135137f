package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Port numbers, named ports and protocols, shared by Services, Pods, Endpoints and EndpointSlices.
 *
 * <p>Stateless and thread-safe.
 */
public final class PortValidation {

    /** The protocols a port may use, sorted as Kubernetes lists them in errors. */
    public static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

    private PortValidation() {
    }

    /** Whether {@code port} is in 1-65535. */
    public static boolean isValidPortNum(int port) {
        return port >= 1 && port <= 65535;
    }

    /** An error unless {@code port} is in 1-65535. */
    public static List<FieldError> validatePortNum(int port, FieldPath path) {
        return isValidPortNum(port) ? List.of()
                : List.of(FieldError.invalid(path, port, NameValidation.inclusiveRangeError(1, 65535)));
    }

    /** A port given by number (1-65535) or by name (an IANA_SVC_NAME), as targetPorts and probe ports are. */
    public static List<FieldError> validatePortNumOrName(IntOrString port, FieldPath path) {
        if (port.getIntVal() != null) {
            return validatePortNum(port.getIntVal(), path);
        }
        String name = port.getStrVal() == null ? "" : port.getStrVal();
        return NameValidation.invalid(path, name, NameValidation.isValidPortName(name));
    }

    /**
     * A protocol among TCP, UDP and SCTP. An unset protocol passes when {@code defaulted}, because
     * defaulting sets TCP before Kubernetes would validate it; otherwise it is required.
     */
    public static List<FieldError> validateProtocol(@Nullable String protocol, FieldPath path, boolean defaulted) {
        if (protocol == null || protocol.isEmpty()) {
            return defaulted ? List.of() : List.of(FieldError.required(path, ""));
        }
        return PROTOCOLS.contains(protocol) ? List.of() : List.of(FieldError.notSupported(path, protocol, PROTOCOLS));
    }

    /** The protocol defaulting gives an unset one: TCP. */
    static String effectiveProtocol(@Nullable String protocol) {
        return protocol == null || protocol.isEmpty() ? "TCP" : protocol;
    }
}
