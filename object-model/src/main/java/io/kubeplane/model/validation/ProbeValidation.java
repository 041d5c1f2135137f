package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Container probes (Kubernetes' {@code validateProbe} and {@code validateHandler}): exactly one
 * handler (exec, httpGet, tcpSocket or grpc), valid ports, non-negative timings, and the rules
 * specific to liveness, readiness and startup probes.
 *
 * <p>Stateless and thread-safe; used by {@link PodSpecValidation}.
 */
final class ProbeValidation {

    /** Which probe is checked: their rules differ slightly. */
    enum Kind { LIVENESS, READINESS, STARTUP }

    static final List<String> SCHEMES = List.of("HTTP", "HTTPS");

    private ProbeValidation() {
    }

    static List<FieldError> validate(@Nullable Probe probe, Kind kind, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        if (probe == null) {
            return errors;
        }
        errors.addAll(validateHandler(probe, path));
        nonNegative(probe.getInitialDelaySeconds(), path.child("initialDelaySeconds"), errors);
        nonNegative(probe.getTimeoutSeconds(), path.child("timeoutSeconds"), errors);
        nonNegative(probe.getPeriodSeconds(), path.child("periodSeconds"), errors);
        nonNegative(probe.getSuccessThreshold(), path.child("successThreshold"), errors);
        nonNegative(probe.getFailureThreshold(), path.child("failureThreshold"), errors);
        Long grace = probe.getTerminationGracePeriodSeconds();
        if (grace != null && grace <= 0) {
            errors.add(FieldError.invalid(path.child("terminationGracePeriodSeconds"), grace, "must be greater than 0"));
        }
        // Only readiness can need several successes; a restart decision (liveness, startup) takes one.
        Integer success = probe.getSuccessThreshold();
        if (kind != Kind.READINESS && success != null && success != 0 && success != 1) {
            errors.add(FieldError.invalid(path.child("successThreshold"), success, "must be 1"));
        }
        if (kind == Kind.READINESS && grace != null) {
            errors.add(FieldError.invalid(path.child("terminationGracePeriodSeconds"), grace,
                    "must not be set for readinessProbes"));
        }
        return errors;
    }

    private static List<FieldError> validateHandler(Probe probe, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        int handlers = 0;
        if (probe.getExec() != null) {
            handlers++;
            if (Nulls.list(probe.getExec().getCommand()).isEmpty()) {
                errors.add(FieldError.required(path.child("exec", "command"), ""));
            }
        }
        if (probe.getHttpGet() != null) {
            if (handlers++ > 0) {
                errors.add(FieldError.forbidden(path.child("httpGet"), "may not specify more than 1 handler type"));
            } else {
                errors.addAll(validateHttpGet(probe.getHttpGet(), path.child("httpGet")));
            }
        }
        if (probe.getTcpSocket() != null) {
            if (handlers++ > 0) {
                errors.add(FieldError.forbidden(path.child("tcpSocket"), "may not specify more than 1 handler type"));
            } else {
                errors.addAll(validatePort(probe.getTcpSocket().getPort(), path.child("tcpSocket", "port")));
            }
        }
        if (probe.getGrpc() != null) {
            if (handlers++ > 0) {
                errors.add(FieldError.forbidden(path.child("grpc"), "may not specify more than 1 handler type"));
            } else {
                errors.addAll(PortValidation.validatePortNum(Nulls.num(probe.getGrpc().getPort()), path.child("grpc", "port")));
            }
        }
        if (handlers == 0) {
            errors.add(FieldError.required(path, "must specify a handler type"));
        }
        return errors;
    }

    private static List<FieldError> validateHttpGet(HTTPGetAction action, FieldPath path) {
        // An empty path is defaulted to "/", so only the port and scheme can be wrong.
        List<FieldError> errors = new ArrayList<>(validatePort(action.getPort(), path.child("port")));
        String scheme = Nulls.str(action.getScheme());
        if (!scheme.isEmpty() && !SCHEMES.contains(scheme)) {
            errors.add(FieldError.notSupported(path.child("scheme"), scheme, SCHEMES));
        }
        return errors;
    }

    private static List<FieldError> validatePort(@Nullable IntOrString port, FieldPath path) {
        return PortValidation.validatePortNumOrName(port == null ? new IntOrString(0) : port, path);
    }

    private static void nonNegative(@Nullable Integer value, FieldPath path, List<FieldError> errors) {
        if (value != null && value < 0) {
            errors.add(FieldError.invalid(path, value, "must be greater than or equal to 0"));
        }
    }
}
