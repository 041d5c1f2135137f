package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.kubeplane.model.ApiResources;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates Nodes (Kubernetes' {@code ValidateNode}, {@code ValidateNodeUpdate}): the name, pod
 * CIDRs (valid, at most one per family, {@code podCIDR} the first of {@code podCIDRs}) and taints;
 * on update the pod CIDRs and provider ID may only go from unset to set, as ipam assigns them once.
 *
 * <p>Immutable and thread-safe. Called through {@link Validation} by the api-server, for Nodes the
 * proxy-agents register and ipam assigns CIDRs to.
 */
public final class NodeValidator implements ObjectValidator<Node> {

    static final List<String> ADDRESS_TYPES = List.of("ExternalDNS", "ExternalIP", "Hostname", "InternalDNS", "InternalIP");

    private static final FieldPath SPEC = FieldPath.of("spec");

    @Override
    public List<FieldError> validateCreate(Node node) {
        List<FieldError> errors = new ArrayList<>(MetadataValidation.validateCreate(node.getMetadata(),
                ApiResources.NODES.namespaced(), NameRule.DNS1123_SUBDOMAIN, FieldPath.of("metadata")));
        errors.addAll(validateSpec(spec(node)));
        return errors;
    }

    @Override
    public List<FieldError> validateUpdate(Node node, Node old) {
        List<FieldError> errors = new ArrayList<>(
                MetadataValidation.validateUpdate(node.getMetadata(), old.getMetadata(), FieldPath.of("metadata")));
        errors.addAll(validateSpec(spec(node)));
        NodeSpec spec = spec(node);
        NodeSpec oldSpec = spec(old);
        List<String> oldCidrs = podCidrs(oldSpec);
        if (!oldCidrs.isEmpty() && !oldCidrs.equals(podCidrs(spec))) {
            errors.add(FieldError.forbidden(SPEC.child("podCIDRs"), "node updates may not change podCIDR except from \"\" to valid"));
        }
        String providerID = Nulls.str(oldSpec.getProviderID());
        if (!providerID.isEmpty() && !providerID.equals(Nulls.str(spec.getProviderID()))) {
            errors.add(FieldError.forbidden(SPEC.child("providerID"), "node updates may not change providerID except from \"\" to valid"));
        }
        errors.addAll(validateStatus(node));
        return errors;
    }

    /** Status writes (heartbeats): metadata rules, and addresses of known types. */
    @Override
    public List<FieldError> validateStatusUpdate(Node node, Node old) {
        List<FieldError> errors = new ArrayList<>(ObjectValidator.super.validateStatusUpdate(node, old));
        errors.addAll(validateStatus(node));
        return errors;
    }

    private static List<FieldError> validateSpec(NodeSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        List<String> cidrs = Nulls.list(spec.getPodCIDRs());
        FieldPath cidrsPath = SPEC.child("podCIDRs");
        for (int i = 0; i < cidrs.size(); i++) {
            errors.addAll(IpValidation.validateCidr(Nulls.str(cidrs.get(i)), cidrsPath.index(i)));
        }
        if (cidrs.size() > 1 && (cidrs.size() > 2 || !IpValidation.isDualStackCidrs(cidrs))) {
            errors.add(FieldError.invalid(cidrsPath, cidrs, "may specify no more than one CIDR for each IP family"));
        }
        String podCidr = Nulls.str(spec.getPodCIDR());
        if (!podCidr.isEmpty()) {
            errors.addAll(IpValidation.validateCidr(podCidr, SPEC.child("podCIDR")));
            // The singular field is the first of the plural one, as the v1 conversion keeps them.
            if (!cidrs.isEmpty() && !podCidr.equals(cidrs.getFirst())) {
                errors.add(FieldError.invalid(SPEC.child("podCIDR"), podCidr, "must match the first value of `podCIDRs`"));
            }
        }
        errors.addAll(TaintValidation.validateTaints(Nulls.list(spec.getTaints()), SPEC.child("taints")));
        return errors;
    }

    private static List<FieldError> validateStatus(Node node) {
        List<FieldError> errors = new ArrayList<>();
        if (node.getStatus() == null) {
            return errors;
        }
        List<NodeAddress> addresses = Nulls.list(node.getStatus().getAddresses());
        for (int i = 0; i < addresses.size(); i++) {
            FieldPath at = FieldPath.of("status", "addresses").index(i);
            NodeAddress address = addresses.get(i);
            String type = Nulls.str(address.getType());
            if (!ADDRESS_TYPES.contains(type)) {
                errors.add(FieldError.notSupported(at.child("type"), type, ADDRESS_TYPES));
            }
            if (type.endsWith("IP")) {
                errors.addAll(IpValidation.validateIp(Nulls.str(address.getAddress()), at.child("address")));
            }
        }
        return errors;
    }

    /** {@code podCIDRs}, or {@code [podCIDR]} when only the singular field is set. */
    private static List<String> podCidrs(NodeSpec spec) {
        List<String> cidrs = Nulls.list(spec.getPodCIDRs());
        String single = Nulls.str(spec.getPodCIDR());
        return !cidrs.isEmpty() ? cidrs : single.isEmpty() ? List.of() : List.of(single);
    }

    private static NodeSpec spec(Node node) {
        return node.getSpec() == null ? new NodeSpec() : node.getSpec();
    }
}
