package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.kubeplane.model.ApiResources;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates Endpoints (Kubernetes' {@code ValidateEndpoints}): every subset has addresses, every
 * address is a usable IP (not loopback, link-local or unspecified) with a valid hostname and node
 * name, every port is in range with a known protocol, and ports are named, uniquely, when there
 * are several.
 *
 * <p>Immutable and thread-safe. Called through {@link Validation} by the api-server, for objects
 * written by the endpoints-controller and by users of selector-less Services.
 */
public final class EndpointsValidator implements ObjectValidator<Endpoints> {

    @Override
    public List<FieldError> validateCreate(Endpoints endpoints) {
        List<FieldError> errors = new ArrayList<>(MetadataValidation.validateCreate(endpoints.getMetadata(),
                ApiResources.ENDPOINTS.namespaced(), NameRule.DNS1123_SUBDOMAIN, FieldPath.of("metadata")));
        errors.addAll(validateSubsets(Nulls.list(endpoints.getSubsets()), FieldPath.of("subsets")));
        return errors;
    }

    @Override
    public List<FieldError> validateUpdate(Endpoints endpoints, Endpoints old) {
        List<FieldError> errors = new ArrayList<>(
                MetadataValidation.validateUpdate(endpoints.getMetadata(), old.getMetadata(), FieldPath.of("metadata")));
        errors.addAll(validateSubsets(Nulls.list(endpoints.getSubsets()), FieldPath.of("subsets")));
        return errors;
    }

    private static List<FieldError> validateSubsets(List<EndpointSubset> subsets, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < subsets.size(); i++) {
            EndpointSubset subset = subsets.get(i);
            FieldPath at = path.index(i);
            List<EndpointAddress> ready = Nulls.list(subset.getAddresses());
            List<EndpointAddress> notReady = Nulls.list(subset.getNotReadyAddresses());
            // Headless services may have endpoints without ports, but never ports without endpoints.
            if (ready.isEmpty() && notReady.isEmpty()) {
                errors.add(FieldError.required(at, "must specify `addresses` or `notReadyAddresses`"));
            }
            for (int j = 0; j < ready.size(); j++) {
                errors.addAll(validateAddress(ready.get(j), at.child("addresses").index(j)));
            }
            for (int j = 0; j < notReady.size(); j++) {
                errors.addAll(validateAddress(notReady.get(j), at.child("notReadyAddresses").index(j)));
            }
            List<EndpointPort> ports = Nulls.list(subset.getPorts());
            Set<String> names = new HashSet<>();
            for (int j = 0; j < ports.size(); j++) {
                errors.addAll(validatePort(ports.get(j), ports.size() > 1, names, at.child("ports").index(j)));
            }
        }
        return errors;
    }

    private static List<FieldError> validateAddress(EndpointAddress address, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        String ip = Nulls.str(address.getIp());
        List<FieldError> ipErrors = IpValidation.validateIp(ip, path.child("ip"));
        errors.addAll(ipErrors.isEmpty() ? IpValidation.validateNonSpecialIp(ip, path.child("ip")) : ipErrors);
        String hostname = Nulls.str(address.getHostname());
        if (!hostname.isEmpty()) {
            errors.addAll(NameValidation.invalid(path.child("hostname"), hostname, NameValidation.isDns1123Label(hostname)));
        }
        if (address.getNodeName() != null) {
            errors.addAll(NameValidation.invalid(path.child("nodeName"), address.getNodeName(),
                    NameRule.DNS1123_SUBDOMAIN.validate(address.getNodeName(), false)));
        }
        return errors;
    }

    private static List<FieldError> validatePort(EndpointPort port, boolean requireName, Set<String> names, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        String name = Nulls.str(port.getName());
        if (requireName && name.isEmpty()) {
            errors.add(FieldError.required(path.child("name"), ""));
        } else if (!name.isEmpty()) {
            errors.addAll(NameValidation.invalid(path.child("name"), name, NameValidation.isDns1123Label(name)));
            if (!names.add(name)) {
                errors.add(FieldError.duplicate(path.child("name"), name));
            }
        }
        errors.addAll(PortValidation.validatePortNum(Nulls.num(port.getPort()), path.child("port")));
        errors.addAll(PortValidation.validateProtocol(port.getProtocol(), path.child("protocol"), true));
        if (port.getAppProtocol() != null) {
            errors.addAll(NameValidation.invalid(path.child("appProtocol"), port.getAppProtocol(),
                    NameValidation.isQualifiedName(port.getAppProtocol())));
        }
        return errors;
    }
}
