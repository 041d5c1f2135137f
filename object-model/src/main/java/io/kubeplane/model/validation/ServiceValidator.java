package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;
import io.kubeplane.model.ApiResources;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validates Services as kube-apiserver does ({@code ValidateService}, {@code ValidateServiceUpdate},
 * {@code ValidateServiceStatusUpdate}): type, ports, cluster IPs and families, session affinity,
 * ExternalName, traffic policies, NodePorts and load-balancer fields.
 *
 * <p>One difference: Kubernetes checks the NodePort range in its allocator; here a requested
 * {@code nodePort} (or {@code healthCheckNodePort}) outside the configured range is a field error
 * on that port, with the allocator's message. Cluster IPs and NodePorts left empty are accepted:
 * ipam allocates them after validation.
 *
 * <p>Immutable and thread-safe. Called through {@link Validation} by the api-server.
 */
public final class ServiceValidator implements ObjectValidator<Service> {

    /** The most seconds a ClientIP affinity may last (one day). */
    public static final int MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

    static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
    static final List<String> SESSION_AFFINITIES = List.of("ClientIP", "None");
    static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");
    static final List<String> TRAFFIC_DISTRIBUTIONS = List.of("PreferClose", "PreferSameNode", "PreferSameZone");
    static final List<String> IP_MODES = List.of("Proxy", "VIP");
    static final String SOURCE_RANGES_ANNOTATION = "service.beta.kubernetes.io/load-balancer-source-ranges";

    private static final FieldPath SPEC = FieldPath.of("spec");

    private final PortRange nodePortRange;

    /** A validator for the default NodePort range, 30000-32767. */
    public ServiceValidator() {
        this(PortRange.DEFAULT_NODE_PORTS);
    }

    public ServiceValidator(PortRange nodePortRange) {
        this.nodePortRange = nodePortRange;
    }

    public PortRange nodePortRange() {
        return nodePortRange;
    }

    @Override
    public List<FieldError> validateCreate(Service service) {
        List<FieldError> errors = new ArrayList<>(MetadataValidation.validateCreate(service.getMetadata(),
                ApiResources.SERVICES.namespaced(), NameRule.DNS1035_LABEL, FieldPath.of("metadata")));
        errors.addAll(validateSpec(service));
        return errors;
    }

    @Override
    public List<FieldError> validateUpdate(Service service, Service old) {
        List<FieldError> errors = new ArrayList<>(
                MetadataValidation.validateUpdate(service.getMetadata(), old.getMetadata(), FieldPath.of("metadata")));
        ServiceSpec spec = spec(service);
        ServiceSpec oldSpec = spec(old);
        errors.addAll(ServiceClusterIps.validateUpdate(spec, oldSpec));
        if (type(spec).equals("LoadBalancer") && type(oldSpec).equals("LoadBalancer")
                && !Objects.equals(spec.getLoadBalancerClass(), oldSpec.getLoadBalancerClass())) {
            errors.add(FieldError.invalid(SPEC.child("loadBalancerClass"), spec.getLoadBalancerClass(), "may not change once set"));
        }
        if (needsHealthCheck(spec) && needsHealthCheck(oldSpec)
                && Nulls.num(spec.getHealthCheckNodePort()) != Nulls.num(oldSpec.getHealthCheckNodePort())) {
            errors.add(FieldError.forbidden(SPEC.child("healthCheckNodePort"), "field is immutable"));
        }
        errors.addAll(validateSpec(service));
        return errors;
    }

    /** Status writes: metadata rules, and load-balancer ingress points that are IPs or DNS names. */
    @Override
    public List<FieldError> validateStatusUpdate(Service service, Service old) {
        List<FieldError> errors = new ArrayList<>(ObjectValidator.super.validateStatusUpdate(service, old));
        List<LoadBalancerIngress> ingress = service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                ? List.of() : Nulls.list(service.getStatus().getLoadBalancer().getIngress());
        FieldPath ingressPath = FieldPath.of("status", "loadBalancer", "ingress");
        if (!ingress.isEmpty() && !type(spec(service)).equals("LoadBalancer")) {
            errors.add(FieldError.forbidden(ingressPath, "may only be used when `spec.type` is 'LoadBalancer'"));
            return errors;
        }
        for (int i = 0; i < ingress.size(); i++) {
            LoadBalancerIngress point = ingress.get(i);
            FieldPath at = ingressPath.index(i);
            String ip = Nulls.str(point.getIp());
            if (!ip.isEmpty()) {
                errors.addAll(IpValidation.validateIp(ip, at.child("ip")));
            }
            if (point.getIpMode() != null && ip.isEmpty()) {
                errors.add(FieldError.forbidden(at.child("ipMode"), "may not be specified when `ip` is not set"));
            } else if (point.getIpMode() != null && !IP_MODES.contains(point.getIpMode())) {
                errors.add(FieldError.notSupported(at.child("ipMode"), point.getIpMode(), IP_MODES));
            }
            String hostname = Nulls.str(point.getHostname());
            if (!hostname.isEmpty()) {
                errors.addAll(NameValidation.invalid(at.child("hostname"), hostname, NameValidation.isDns1123Subdomain(hostname)));
                if (IpValidation.isValidIp(hostname)) {
                    errors.add(FieldError.invalid(at.child("hostname"), hostname, "must be a DNS name, not an IP address"));
                }
            }
        }
        return errors;
    }

    private List<FieldError> validateSpec(Service service) {
        ServiceSpec spec = spec(service);
        String type = type(spec);
        List<ServicePort> ports = Nulls.list(spec.getPorts());
        List<FieldError> errors = new ArrayList<>();
        boolean headless = ServiceClusterIps.isHeadless(spec);

        if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
            errors.add(FieldError.required(SPEC.child("ports"), ""));
        }
        switch (type) {
            case "LoadBalancer", "NodePort" -> {
                if (headless) {
                    errors.add(FieldError.invalid(ServiceClusterIps.path(spec, 0), ServiceClusterIps.NONE,
                            "may not be set to 'None' for " + type + " services"));
                }
            }
            case "ExternalName" -> errors.addAll(validateExternalName(spec));
            default -> {
            }
        }
        Set<String> portNames = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            errors.addAll(validatePort(ports.get(i), ports.size() > 1, portNames, SPEC.child("ports").index(i)));
        }
        errors.addAll(LabelValidation.validateLabels(spec.getSelector(), SPEC.child("selector")));
        errors.addAll(validateSessionAffinity(spec));
        if (!type.equals("ExternalName")) {
            errors.addAll(ServiceClusterIps.validate(spec));
        }
        List<String> externalIPs = Nulls.list(spec.getExternalIPs());
        for (int i = 0; i < externalIPs.size(); i++) {
            FieldPath at = SPEC.child("externalIPs").index(i);
            String ip = Nulls.str(externalIPs.get(i));
            List<FieldError> ipErrors = IpValidation.validateIp(ip, at);
            errors.addAll(ipErrors.isEmpty() ? IpValidation.validateNonSpecialIp(ip, at) : ipErrors);
        }
        if (!TYPES.contains(type)) {
            errors.add(FieldError.notSupported(SPEC.child("type"), spec.getType(), TYPES));
        }
        errors.addAll(validateNodePorts(spec, type, ports));
        errors.addAll(validateDuplicatePorts(ports));
        String loadBalancerIP = Nulls.str(spec.getLoadBalancerIP());
        if (!loadBalancerIP.isEmpty()) {
            errors.addAll(IpValidation.validateIp(loadBalancerIP, SPEC.child("loadBalancerIP")));
        }
        errors.addAll(validateLoadBalancerFields(service, spec, type));
        errors.addAll(validateTrafficPolicies(spec, type));
        return errors;
    }

    private static List<FieldError> validateExternalName(ServiceSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (!ServiceClusterIps.effective(spec).isEmpty()) {
            errors.add(FieldError.forbidden(ServiceClusterIps.path(spec), "may not be set for ExternalName services"));
        }
        if (!Nulls.list(spec.getIpFamilies()).isEmpty()) {
            errors.add(FieldError.forbidden(SPEC.child("ipFamilies"), "may not be set for ExternalName services"));
        }
        if (spec.getIpFamilyPolicy() != null) {
            errors.add(FieldError.forbidden(SPEC.child("ipFamilyPolicy"), "may not be set for ExternalName services"));
        }
        // A CNAME target may end in a dot to mark it fully qualified.
        String name = Nulls.str(spec.getExternalName());
        String cname = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (cname.isEmpty()) {
            errors.add(FieldError.required(SPEC.child("externalName"), ""));
        } else {
            errors.addAll(NameValidation.invalid(SPEC.child("externalName"), cname, NameValidation.isDns1123Subdomain(cname)));
        }
        return errors;
    }

    private static List<FieldError> validatePort(ServicePort port, boolean requireName, Set<String> names, FieldPath path) {
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
        // 0 and "" mean "same as port": defaulting copies port into them.
        IntOrString target = port.getTargetPort();
        boolean unset = target == null || Integer.valueOf(0).equals(target.getIntVal())
                || (target.getIntVal() == null && Nulls.str(target.getStrVal()).isEmpty());
        if (!unset) {
            errors.addAll(PortValidation.validatePortNumOrName(target, path.child("targetPort")));
        }
        if (port.getAppProtocol() != null) {
            errors.addAll(NameValidation.invalid(path.child("appProtocol"), port.getAppProtocol(),
                    NameValidation.isQualifiedName(port.getAppProtocol())));
        }
        return errors;
    }

    private List<FieldError> validateNodePorts(ServiceSpec spec, String type, List<ServicePort> ports) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            int nodePort = Nulls.num(ports.get(i).getNodePort());
            if (nodePort == 0) {
                continue;
            }
            FieldPath at = SPEC.child("ports").index(i).child("nodePort");
            if (type.equals("ClusterIP") || type.equals("ExternalName")) {
                errors.add(FieldError.forbidden(at, "may not be used when `type` is '" + type + "'"));
                continue;
            }
            if (!nodePortRange.contains(nodePort)) {
                errors.add(FieldError.invalid(at, nodePort, outOfRange()));
            }
            // Two ports may share a NodePort only under different protocols.
            if (!seen.add(PortValidation.effectiveProtocol(ports.get(i).getProtocol()) + "/" + nodePort)) {
                errors.add(FieldError.duplicate(at, nodePort));
            }
        }
        int healthCheckNodePort = Nulls.num(spec.getHealthCheckNodePort());
        if (healthCheckNodePort != 0 && needsHealthCheck(spec) && !nodePortRange.contains(healthCheckNodePort)) {
            errors.add(FieldError.invalid(SPEC.child("healthCheckNodePort"), healthCheckNodePort, outOfRange()));
        }
        return errors;
    }

    private String outOfRange() {
        return "provided port is not in the valid range. The range of valid ports is " + nodePortRange;
    }

    private static List<FieldError> validateDuplicatePorts(List<ServicePort> ports) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            String protocol = PortValidation.effectiveProtocol(ports.get(i).getProtocol());
            int port = Nulls.num(ports.get(i).getPort());
            if (!seen.add(protocol + "/" + port)) {
                ServicePort key = new ServicePortBuilder().withPort(port).withProtocol(protocol).build();
                errors.add(FieldError.duplicate(SPEC.child("ports").index(i), key));
            }
        }
        return errors;
    }

    private static List<FieldError> validateSessionAffinity(ServiceSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        String affinity = Nulls.str(spec.getSessionAffinity());
        FieldPath configPath = SPEC.child("sessionAffinityConfig");
        SessionAffinityConfig config = spec.getSessionAffinityConfig();
        if (!affinity.isEmpty() && !SESSION_AFFINITIES.contains(affinity)) {
            errors.add(FieldError.notSupported(SPEC.child("sessionAffinity"), affinity, SESSION_AFFINITIES));
        }
        if (affinity.equals("ClientIP")) {
            // A missing timeout is defaulted to 10800 seconds; only a given one is checked.
            Integer timeout = config == null || config.getClientIP() == null ? null : config.getClientIP().getTimeoutSeconds();
            if (timeout != null && (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS)) {
                errors.add(FieldError.invalid(configPath.child("clientIP", "timeoutSeconds"), timeout,
                        "must be greater than 0 and less than " + MAX_CLIENT_IP_AFFINITY_SECONDS));
            }
        } else if (config != null) {
            errors.add(FieldError.forbidden(configPath, "must not be set when session affinity is None"));
        }
        return errors;
    }

    private static List<FieldError> validateLoadBalancerFields(Service service, ServiceSpec spec, String type) {
        List<FieldError> errors = new ArrayList<>();
        boolean loadBalancer = type.equals("LoadBalancer");
        String onlyLoadBalancer = "may only be used when `type` is 'LoadBalancer'";
        List<String> sourceRanges = Nulls.list(spec.getLoadBalancerSourceRanges());
        Map<String, String> annotations = service.getMetadata() == null ? Map.of() : Nulls.map(service.getMetadata().getAnnotations());
        if (!sourceRanges.isEmpty()) {
            FieldPath path = SPEC.child("loadBalancerSourceRanges");
            if (!loadBalancer) {
                errors.add(FieldError.forbidden(path, onlyLoadBalancer));
            }
            // Historically these may carry spaces around them (they came from an annotation).
            for (int i = 0; i < sourceRanges.size(); i++) {
                errors.addAll(IpValidation.validateCidr(Nulls.str(sourceRanges.get(i)).trim(), path.index(i)));
            }
        } else if (annotations.containsKey(SOURCE_RANGES_ANNOTATION)) {
            FieldPath path = FieldPath.of("metadata", "annotations").key(SOURCE_RANGES_ANNOTATION);
            if (!loadBalancer) {
                errors.add(FieldError.forbidden(path, onlyLoadBalancer));
            }
            String value = Nulls.str(annotations.get(SOURCE_RANGES_ANNOTATION)).trim();
            if (!value.isEmpty()) {
                for (String cidr : value.split(",")) {
                    errors.addAll(IpValidation.validateCidr(cidr.trim(), path));
                }
            }
        }
        if (spec.getAllocateLoadBalancerNodePorts() != null && !loadBalancer) {
            errors.add(FieldError.forbidden(SPEC.child("allocateLoadBalancerNodePorts"), onlyLoadBalancer));
        }
        String lbClass = spec.getLoadBalancerClass();
        if (lbClass != null) {
            errors.addAll(loadBalancer
                    ? NameValidation.invalid(SPEC.child("loadBalancerClass"), lbClass, NameValidation.isQualifiedName(lbClass))
                    : List.of(FieldError.forbidden(SPEC.child("loadBalancerClass"), onlyLoadBalancer)));
        }
        return errors;
    }

    private static List<FieldError> validateTrafficPolicies(ServiceSpec spec, String type) {
        List<FieldError> errors = new ArrayList<>();
        String external = Nulls.str(spec.getExternalTrafficPolicy());
        if (!external.isEmpty()) {
            if (!externallyAccessible(spec, type)) {
                errors.add(FieldError.invalid(SPEC.child("externalTrafficPolicy"), external,
                        "may only be set for externally-accessible services"));
            } else if (!TRAFFIC_POLICIES.contains(external)) {
                errors.add(FieldError.notSupported(SPEC.child("externalTrafficPolicy"), external, TRAFFIC_POLICIES));
            }
        }
        int healthCheckNodePort = Nulls.num(spec.getHealthCheckNodePort());
        if (healthCheckNodePort != 0) {
            if (!needsHealthCheck(spec)) {
                errors.add(FieldError.invalid(SPEC.child("healthCheckNodePort"), healthCheckNodePort,
                        "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
            }
        }
        String internal = spec.getInternalTrafficPolicy();
        if (internal != null && !TRAFFIC_POLICIES.contains(internal)) {
            errors.add(FieldError.notSupported(SPEC.child("internalTrafficPolicy"), internal, TRAFFIC_POLICIES));
        }
        String distribution = spec.getTrafficDistribution();
        if (distribution != null && !TRAFFIC_DISTRIBUTIONS.contains(distribution)) {
            errors.add(FieldError.notSupported(SPEC.child("trafficDistribution"), distribution, TRAFFIC_DISTRIBUTIONS));
        }
        return errors;
    }

    /** NodePort and LoadBalancer services, and ClusterIP ones with external IPs, take traffic from outside. */
    static boolean externallyAccessible(ServiceSpec spec, String type) {
        return type.equals("LoadBalancer") || type.equals("NodePort")
                || (type.equals("ClusterIP") && !Nulls.list(spec.getExternalIPs()).isEmpty());
    }

    static boolean needsHealthCheck(ServiceSpec spec) {
        return type(spec).equals("LoadBalancer") && "Local".equals(spec.getExternalTrafficPolicy());
    }

    static boolean isExternalName(ServiceSpec spec) {
        return type(spec).equals("ExternalName");
    }

    /** The type, ClusterIP when unset as defaulting makes it. */
    static String type(ServiceSpec spec) {
        String type = Nulls.str(spec.getType());
        return type.isEmpty() ? "ClusterIP" : type;
    }

    private static ServiceSpec spec(Service service) {
        return service.getSpec() == null ? new ServiceSpec() : service.getSpec();
    }
}
