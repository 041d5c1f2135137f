package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Pod specs, whether in a Pod or in a workload's pod template (Kubernetes' {@code ValidatePodSpec}
 * and {@code ValidatePodTemplateSpec}, the parts kubeplane acts on): containers and their ports,
 * images and probes, restart and DNS policies, node name, tolerations, volumes' names.
 *
 * <p>Stateless and thread-safe; used by {@link PodValidator} and {@link DeploymentValidator}.
 */
public final class PodSpecValidation {

    static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
    static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    static final List<String> TERMINATION_MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");

    private PodSpecValidation() {
    }

    /** A pod template: its labels and annotations, and its spec. */
    public static List<FieldError> validatePodTemplate(@Nullable PodTemplateSpec template, FieldPath path) {
        if (template == null) {
            return List.of(FieldError.required(path, ""));
        }
        ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        List<FieldError> errors = new ArrayList<>(LabelValidation.validateLabels(meta.getLabels(), path.child("metadata", "labels")));
        errors.addAll(MetadataValidation.validateAnnotations(meta.getAnnotations(), path.child("metadata", "annotations")));
        errors.addAll(validatePodSpec(template.getSpec(), path.child("spec")));
        return errors;
    }

    /** A pod spec; fields defaulting fills (restartPolicy, dnsPolicy, protocols, ...) may be unset. */
    public static List<FieldError> validatePodSpec(@Nullable PodSpec podSpec, FieldPath path) {
        PodSpec spec = podSpec == null ? new PodSpec() : podSpec;
        List<FieldError> errors = new ArrayList<>();
        // Volume names first, as Kubernetes does; mounts are not checked against them.
        Set<String> volumeNames = new HashSet<>();
        List<Volume> volumes = Nulls.list(spec.getVolumes());
        for (int i = 0; i < volumes.size(); i++) {
            FieldPath at = path.child("volumes").index(i).child("name");
            String name = Nulls.str(volumes.get(i).getName());
            if (name.isEmpty()) {
                errors.add(FieldError.required(at, ""));
            } else {
                errors.addAll(NameValidation.invalid(at, name, NameValidation.isDns1123Label(name)));
                if (!volumeNames.add(name)) {
                    errors.add(FieldError.duplicate(at, name));
                }
            }
        }
        // Container names are unique across init and regular containers.
        Set<String> containerNames = new HashSet<>();
        errors.addAll(validateContainers(Nulls.list(spec.getInitContainers()), true, containerNames, path.child("initContainers")));
        List<Container> containers = Nulls.list(spec.getContainers());
        if (containers.isEmpty()) {
            errors.add(FieldError.required(path.child("containers"), ""));
        }
        errors.addAll(validateContainers(containers, false, containerNames, path.child("containers")));

        errors.addAll(oneOf(spec.getRestartPolicy(), RESTART_POLICIES, path.child("restartPolicy")));
        errors.addAll(oneOf(spec.getDnsPolicy(), DNS_POLICIES, path.child("dnsPolicy")));
        String nodeName = Nulls.str(spec.getNodeName());
        if (!nodeName.isEmpty()) {
            errors.addAll(NameValidation.invalid(path.child("nodeName"), nodeName, NameRule.DNS1123_SUBDOMAIN.validate(nodeName, false)));
        }
        errors.addAll(LabelValidation.validateLabels(spec.getNodeSelector(), path.child("nodeSelector")));
        Long deadline = spec.getActiveDeadlineSeconds();
        if (deadline != null && (deadline < 1 || deadline > 0xffffffffL)) {
            errors.add(FieldError.invalid(path.child("activeDeadlineSeconds"), deadline,
                    NameValidation.inclusiveRangeError(1, 0xffffffffL)));
        }
        // Both become DNS labels of the pod's own record (hostname.subdomain.namespace.svc).
        errors.addAll(optionalDnsLabel(spec.getHostname(), path.child("hostname")));
        errors.addAll(optionalDnsLabel(spec.getSubdomain(), path.child("subdomain")));
        errors.addAll(TaintValidation.validateTolerations(Nulls.list(spec.getTolerations()), path.child("tolerations")));
        return errors;
    }

    private static List<FieldError> validateContainers(List<Container> containers, boolean init, Set<String> names,
            FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < containers.size(); i++) {
            Container container = containers.get(i);
            FieldPath at = path.index(i);
            String name = Nulls.str(container.getName());
            if (name.isEmpty()) {
                errors.add(FieldError.required(at.child("name"), ""));
            } else {
                errors.addAll(NameValidation.invalid(at.child("name"), name, NameValidation.isDns1123Label(name)));
                if (!names.add(name)) {
                    errors.add(FieldError.duplicate(at.child("name"), name));
                }
            }
            String image = Nulls.str(container.getImage());
            if (image.isEmpty()) {
                errors.add(FieldError.required(at.child("image"), ""));
            } else if (!image.strip().equals(image)) {
                errors.add(FieldError.invalid(at.child("image"), image, "must not have leading or trailing whitespace"));
            }
            errors.addAll(validateContainerPorts(Nulls.list(container.getPorts()), at.child("ports")));
            errors.addAll(oneOf(container.getImagePullPolicy(), PULL_POLICIES, at.child("imagePullPolicy")));
            errors.addAll(oneOf(container.getTerminationMessagePolicy(), TERMINATION_MESSAGE_POLICIES,
                    at.child("terminationMessagePolicy")));
            // Init containers run to completion, so probes make sense only on sidecars (restartPolicy Always).
            boolean probesAllowed = !init || "Always".equals(container.getRestartPolicy());
            for (ContainerProbe probe : ContainerProbe.of(container)) {
                if (probe.probe() == null) {
                    continue;
                }
                errors.addAll(probesAllowed
                        ? ProbeValidation.validate(probe.probe(), probe.kind(), at.child(probe.field()))
                        : List.of(FieldError.forbidden(at.child(probe.field()),
                                "may not be set for init containers without restartPolicy=Always")));
            }
        }
        return errors;
    }

    /** Port names unique IANA service names within the container; ports 1-65535; protocols known. */
    static List<FieldError> validateContainerPorts(List<ContainerPort> ports, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ContainerPort port = ports.get(i);
            FieldPath at = path.index(i);
            String name = Nulls.str(port.getName());
            if (!name.isEmpty()) {
                List<String> problems = NameValidation.isValidPortName(name);
                if (!problems.isEmpty()) {
                    errors.addAll(NameValidation.invalid(at.child("name"), name, problems));
                } else if (!names.add(name)) {
                    errors.add(FieldError.duplicate(at.child("name"), name));
                }
            }
            int containerPort = Nulls.num(port.getContainerPort());
            if (containerPort == 0) {
                errors.add(FieldError.required(at.child("containerPort"), ""));
            } else {
                errors.addAll(PortValidation.validatePortNum(containerPort, at.child("containerPort")));
            }
            int hostPort = Nulls.num(port.getHostPort());
            if (hostPort != 0) {
                errors.addAll(PortValidation.validatePortNum(hostPort, at.child("hostPort")));
            }
            errors.addAll(PortValidation.validateProtocol(port.getProtocol(), at.child("protocol"), true));
        }
        return errors;
    }

    /** A container's probe with its field name and kind. */
    private record ContainerProbe(String field, @Nullable Probe probe, ProbeValidation.Kind kind) {
        static List<ContainerProbe> of(Container container) {
            return List.of(
                    new ContainerProbe("livenessProbe", container.getLivenessProbe(), ProbeValidation.Kind.LIVENESS),
                    new ContainerProbe("readinessProbe", container.getReadinessProbe(), ProbeValidation.Kind.READINESS),
                    new ContainerProbe("startupProbe", container.getStartupProbe(), ProbeValidation.Kind.STARTUP));
        }
    }

    private static List<FieldError> optionalDnsLabel(@Nullable String value, FieldPath path) {
        return value == null || value.isEmpty() ? List.of()
                : NameValidation.invalid(path, value, NameValidation.isDns1123Label(value));
    }

    /** An enum field that defaulting fills: unset passes, anything outside {@code allowed} does not. */
    static List<FieldError> oneOf(@Nullable String value, List<String> allowed, FieldPath path) {
        return value == null || value.isEmpty() || allowed.contains(value) ? List.of()
                : List.of(FieldError.notSupported(path, value, allowed));
    }
}
