package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.ForZone;
import io.kubeplane.model.ApiResources;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates discovery.k8s.io/v1 EndpointSlices (Kubernetes' {@code ValidateEndpointSlice}): the
 * address type is IPv4, IPv6 or FQDN and never changes; 1 to 100 addresses per endpoint, each of the
 * slice's address type; at most 1000 endpoints and 100 ports; port names unique DNS-1123 labels.
 * Endpoint conditions are optional (unset means unknown, read as ready).
 *
 * <p>Immutable and thread-safe. Called through {@link Validation} by the api-server, for slices
 * written by the endpoints-controller.
 */
public final class EndpointSliceValidator implements ObjectValidator<EndpointSlice> {

    public static final int MAX_ADDRESSES = 100;
    public static final int MAX_PORTS = 100;
    public static final int MAX_ENDPOINTS = 1000;
    static final int MAX_HINT_ZONES = 8;
    static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");

    @Override
    public List<FieldError> validateCreate(EndpointSlice slice) {
        List<FieldError> errors = new ArrayList<>(MetadataValidation.validateCreate(slice.getMetadata(),
                ApiResources.ENDPOINT_SLICES.namespaced(), NameRule.DNS1123_SUBDOMAIN, FieldPath.of("metadata")));
        errors.addAll(validateSlice(slice));
        return errors;
    }

    @Override
    public List<FieldError> validateUpdate(EndpointSlice slice, EndpointSlice old) {
        List<FieldError> errors = new ArrayList<>(
                MetadataValidation.validateUpdate(slice.getMetadata(), old.getMetadata(), FieldPath.of("metadata")));
        errors.addAll(validateSlice(slice));
        errors.addAll(MetadataValidation.immutable(slice.getAddressType(), old.getAddressType(), FieldPath.of("addressType")));
        return errors;
    }

    private static List<FieldError> validateSlice(EndpointSlice slice) {
        List<FieldError> errors = new ArrayList<>();
        String addressType = Nulls.str(slice.getAddressType());
        if (addressType.isEmpty()) {
            errors.add(FieldError.required(FieldPath.of("addressType"), ""));
        } else if (!ADDRESS_TYPES.contains(addressType)) {
            errors.add(FieldError.notSupported(FieldPath.of("addressType"), addressType, ADDRESS_TYPES));
        }
        errors.addAll(validateEndpoints(Nulls.list(slice.getEndpoints()), addressType, FieldPath.of("endpoints")));
        errors.addAll(validatePorts(Nulls.list(slice.getPorts()), FieldPath.of("ports")));
        return errors;
    }

    private static List<FieldError> validateEndpoints(List<Endpoint> endpoints, String addressType, FieldPath path) {
        if (endpoints.size() > MAX_ENDPOINTS) {
            return List.of(FieldError.tooMany(path, endpoints.size(), MAX_ENDPOINTS));
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            Endpoint endpoint = endpoints.get(i);
            FieldPath at = path.index(i);
            FieldPath addressesPath = at.child("addresses");
            List<String> addresses = Nulls.list(endpoint.getAddresses());
            if (addresses.isEmpty()) {
                errors.add(FieldError.required(addressesPath, "must contain at least 1 address"));
            } else if (addresses.size() > MAX_ADDRESSES) {
                errors.add(FieldError.tooMany(addressesPath, addresses.size(), MAX_ADDRESSES));
            }
            for (int j = 0; j < addresses.size(); j++) {
                errors.addAll(validateAddress(Nulls.str(addresses.get(j)), addressType, addressesPath.index(j)));
            }
            String nodeName = endpoint.getNodeName();
            if (nodeName != null) {
                errors.addAll(NameValidation.invalid(at.child("nodeName"), nodeName, NameRule.DNS1123_SUBDOMAIN.validate(nodeName, false)));
            }
            String hostname = endpoint.getHostname();
            if (hostname != null) {
                errors.addAll(NameValidation.invalid(at.child("hostname"), hostname, NameValidation.isDns1123Label(hostname)));
            }
            if (endpoint.getHints() != null) {
                List<ForZone> zones = Nulls.list(endpoint.getHints().getForZones());
                if (zones.size() > MAX_HINT_ZONES) {
                    errors.add(FieldError.tooMany(at.child("hints", "forZones"), zones.size(), MAX_HINT_ZONES));
                }
            }
        }
        return errors;
    }

    // Addresses of an unknown type are not checked: the type error already says what is wrong.
    private static List<FieldError> validateAddress(String address, String addressType, FieldPath path) {
        return switch (addressType) {
            case "IPv4" -> {
                List<FieldError> errors = new ArrayList<>(IpValidation.validateIPv4(address, path));
                errors.addAll(IpValidation.validateNonSpecialIp(address, path));
                yield errors;
            }
            case "IPv6" -> {
                List<FieldError> errors = new ArrayList<>(IpValidation.validateIPv6(address, path));
                errors.addAll(IpValidation.validateNonSpecialIp(address, path));
                yield errors;
            }
            case "FQDN" -> NameValidation.validateFullyQualifiedDomainName(address, path);
            default -> List.of();
        };
    }

    private static List<FieldError> validatePorts(List<EndpointPort> ports, FieldPath path) {
        if (ports.size() > MAX_PORTS) {
            return List.of(FieldError.tooMany(path, ports.size(), MAX_PORTS));
        }
        List<FieldError> errors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            EndpointPort port = ports.get(i);
            FieldPath at = path.index(i);
            // A nil name is defaulted to "", so at most one port may go unnamed.
            String name = Nulls.str(port.getName());
            if (!name.isEmpty()) {
                errors.addAll(NameValidation.invalid(at.child("name"), name, NameValidation.isDns1123Label(name)));
            }
            if (!names.add(name)) {
                errors.add(FieldError.duplicate(at.child("name"), name));
            }
            // A nil port means "all ports" (a selector-less service mirroring an Endpoints without ports).
            if (port.getPort() != null) {
                errors.addAll(PortValidation.validatePortNum(port.getPort(), at.child("port")));
            }
            errors.addAll(PortValidation.validateProtocol(port.getProtocol(), at.child("protocol"), true));
            if (port.getAppProtocol() != null) {
                errors.addAll(NameValidation.invalid(at.child("appProtocol"), port.getAppProtocol(),
                        NameValidation.isQualifiedName(port.getAppProtocol())));
            }
        }
        return errors;
    }
}
