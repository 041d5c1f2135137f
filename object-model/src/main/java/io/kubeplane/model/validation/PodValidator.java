package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Toleration;
import io.kubeplane.model.ApiResources;
import io.kubeplane.model.KubernetesJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Validates Pods (Kubernetes' {@code ValidatePodCreate}, {@code ValidatePodUpdate},
 * {@code ValidatePodStatusUpdate}, for the fields kubeplane acts on).
 *
 * <p>A pod's spec is fixed once created, except container images, {@code activeDeadlineSeconds}
 * (set, or lowered), added tolerations, and a negative {@code terminationGracePeriodSeconds} raised
 * to 1; any other change is refused with Kubernetes' "pod updates may not change fields other than"
 * message, followed by the changed fields. Binding a pod to a node is therefore not an update:
 * {@code spec.nodeName} is set when the pod is created or through a binding.
 *
 * <p>Immutable and thread-safe. Called through {@link Validation} by the api-server.
 */
public final class PodValidator implements ObjectValidator<Pod> {

    static final String UPDATABLE_FIELDS = String.join(",",
            "`spec.containers[*].image`",
            "`spec.initContainers[*].image`",
            "`spec.activeDeadlineSeconds`",
            "`spec.tolerations` (only additions to existing tolerations)",
            "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)");

    private static final FieldPath SPEC = FieldPath.of("spec");

    @Override
    public List<FieldError> validateCreate(Pod pod) {
        List<FieldError> errors = new ArrayList<>(MetadataValidation.validateCreate(pod.getMetadata(),
                ApiResources.PODS.namespaced(), NameRule.DNS1123_SUBDOMAIN, FieldPath.of("metadata")));
        errors.addAll(PodSpecValidation.validatePodSpec(pod.getSpec(), SPEC));
        return errors;
    }

    @Override
    public List<FieldError> validateUpdate(Pod pod, Pod old) {
        List<FieldError> errors = new ArrayList<>(
                MetadataValidation.validateUpdate(pod.getMetadata(), old.getMetadata(), FieldPath.of("metadata")));
        errors.addAll(PodSpecValidation.validatePodSpec(pod.getSpec(), SPEC));
        PodSpec spec = spec(pod);
        PodSpec oldSpec = spec(old);
        if (Nulls.list(spec.getContainers()).size() != Nulls.list(oldSpec.getContainers()).size()) {
            errors.add(FieldError.forbidden(SPEC.child("containers"), "pod updates may not add or remove containers"));
            return errors;
        }
        if (Nulls.list(spec.getInitContainers()).size() != Nulls.list(oldSpec.getInitContainers()).size()) {
            errors.add(FieldError.forbidden(SPEC.child("initContainers"), "pod updates may not add or remove containers"));
            return errors;
        }
        errors.addAll(validateActiveDeadline(spec.getActiveDeadlineSeconds(), oldSpec.getActiveDeadlineSeconds()));
        errors.addAll(validateOnlyAddedTolerations(Nulls.list(spec.getTolerations()), Nulls.list(oldSpec.getTolerations())));
        if (spec.equals(oldSpec)) {
            return errors;
        }
        PodSpec munged = withUpdatableFieldsOf(oldSpec, spec);
        if (!munged.equals(oldSpec)) {
            errors.add(FieldError.forbidden(SPEC, "pod updates may not change fields other than " + UPDATABLE_FIELDS
                    + "\n" + describeChanges(oldSpec, munged)));
        }
        return errors;
    }

    /** Status writes: the node stays, pod and host IPs are addresses, one per family. */
    @Override
    public List<FieldError> validateStatusUpdate(Pod pod, Pod old) {
        List<FieldError> errors = new ArrayList<>(ObjectValidator.super.validateStatusUpdate(pod, old));
        FieldPath status = FieldPath.of("status");
        if (!Nulls.str(spec(pod).getNodeName()).equals(Nulls.str(spec(old).getNodeName()))) {
            errors.add(FieldError.forbidden(status.child("nodeName"), "may not be changed directly"));
        }
        PodStatus podStatus = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        String nominated = Nulls.str(podStatus.getNominatedNodeName());
        if (!nominated.isEmpty()) {
            errors.addAll(NameValidation.invalid(status.child("nominatedNodeName"), nominated,
                    NameRule.DNS1123_SUBDOMAIN.validate(nominated, false)));
        }
        List<String> podIPs = Nulls.list(podStatus.getPodIPs()).stream().map(PodIP::getIp).map(Nulls::str).toList();
        errors.addAll(validateIpList(podIPs, status.child("podIPs")));
        String podIP = Nulls.str(podStatus.getPodIP());
        if (!podIP.isEmpty()) {
            errors.addAll(IpValidation.validateIp(podIP, status.child("podIP")));
            if (!podIPs.isEmpty() && !podIPs.getFirst().equals(podIP)) {
                errors.add(FieldError.invalid(status.child("podIP"), podIP, "must match the first value of `podIPs`"));
            }
        }
        List<String> hostIPs = Nulls.list(podStatus.getHostIPs()).stream().map(h -> Nulls.str(h.getIp())).toList();
        errors.addAll(validateIpList(hostIPs, status.child("hostIPs")));
        String hostIP = Nulls.str(podStatus.getHostIP());
        if (!hostIP.isEmpty()) {
            errors.addAll(IpValidation.validateIp(hostIP, status.child("hostIP")));
        }
        return errors;
    }

    private static List<FieldError> validateIpList(List<String> ips, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < ips.size(); i++) {
            errors.addAll(IpValidation.validateIp(ips.get(i), path.index(i)));
        }
        if (errors.isEmpty() && ips.size() > 1 && (ips.size() > 2 || !IpValidation.isDualStack(ips))) {
            errors.add(FieldError.invalid(path, ips, "may specify no more than one IP for each IP family"));
        }
        return errors;
    }

    private static List<FieldError> validateActiveDeadline(Long deadline, Long oldDeadline) {
        FieldPath path = SPEC.child("activeDeadlineSeconds");
        if (deadline == null) {
            return oldDeadline == null ? List.of()
                    : List.of(FieldError.invalid(path, null, "must not update from a positive integer to nil value"));
        }
        if (deadline < 0 || deadline > Integer.MAX_VALUE) {
            return List.of(FieldError.invalid(path, deadline, NameValidation.inclusiveRangeError(0, Integer.MAX_VALUE)));
        }
        // A deadline may be shortened, never extended.
        if (oldDeadline != null && oldDeadline < deadline) {
            return List.of(FieldError.invalid(path, deadline, "must be less than or equal to previous value"));
        }
        return List.of();
    }

    /** Every old toleration must still be there, unchanged but for its tolerationSeconds. */
    private static List<FieldError> validateOnlyAddedTolerations(List<Toleration> tolerations, List<Toleration> old) {
        for (Toleration previous : old) {
            boolean kept = tolerations.stream().anyMatch(t -> Objects.equals(t.getKey(), previous.getKey())
                    && Objects.equals(t.getOperator(), previous.getOperator())
                    && Objects.equals(t.getValue(), previous.getValue())
                    && Objects.equals(t.getEffect(), previous.getEffect()));
            if (!kept) {
                return List.of(FieldError.forbidden(SPEC.child("tolerations"),
                        "existing toleration can not be modified except its tolerationSeconds"));
            }
        }
        return List.of();
    }

    /** A copy of {@code spec} with the fields an update may change taken from {@code old}, for comparison. */
    private static PodSpec withUpdatableFieldsOf(PodSpec old, PodSpec spec) {
        PodSpec munged = KubernetesJson.deepCopy(spec);
        copyImages(Nulls.list(old.getContainers()), Nulls.list(munged.getContainers()));
        copyImages(Nulls.list(old.getInitContainers()), Nulls.list(munged.getInitContainers()));
        munged.setActiveDeadlineSeconds(old.getActiveDeadlineSeconds());
        munged.setTolerations(old.getTolerations());
        Long oldGrace = old.getTerminationGracePeriodSeconds();
        if (oldGrace != null && oldGrace < 0 && Long.valueOf(1).equals(munged.getTerminationGracePeriodSeconds())) {
            munged.setTerminationGracePeriodSeconds(oldGrace);
        }
        return munged;
    }

    private static void copyImages(List<Container> from, List<Container> to) {
        for (int i = 0; i < to.size() && i < from.size(); i++) {
            to.get(i).setImage(from.get(i).getImage());
        }
    }

    /** One line per changed field, {@code spec.nodeName: "a" -> "b"}, in place of Kubernetes' Go diff. */
    static String describeChanges(PodSpec old, PodSpec changed) {
        Set<String> lines = new TreeSet<>();
        diff("spec", KubernetesJson.toTree(old), KubernetesJson.toTree(changed), lines);
        return String.join("\n", lines);
    }

    private static void diff(String path, JsonNode before, JsonNode after, Set<String> lines) {
        if (before.equals(after)) {
            return;
        }
        if (before.isObject() && after.isObject()) {
            Set<String> names = new TreeSet<>();
            before.propertyNames().forEach(names::add);
            after.propertyNames().forEach(names::add);
            for (String name : names) {
                diff(path + "." + name, before.path(name), after.path(name), lines);
            }
        } else if (before.isArray() && after.isArray() && before.size() == after.size()) {
            for (int i = 0; i < before.size(); i++) {
                diff(path + "[" + i + "]", before.get(i), after.get(i), lines);
            }
        } else {
            lines.add("  " + path + ": " + show(before) + " -> " + show(after));
        }
    }

    private static String show(JsonNode node) {
        return node.isMissingNode() ? "null" : node.toString();
    }

    private static PodSpec spec(Pod pod) {
        return pod.getSpec() == null ? new PodSpec() : pod.getSpec();
    }
}
