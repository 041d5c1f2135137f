package io.kubeplane.model.defaults;

import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' {@code SetDefaults_Service}: type ClusterIP, session affinity None (ClientIP gets a
 * 3-hour timeout), ports TCP with targetPort = port, traffic policies Cluster, LoadBalancers
 * allocating NodePorts, ingress IPs in VIP mode. Also keeps {@code clusterIPs} in step with a
 * singular {@code clusterIP}, as kube-apiserver's create strategy does for old clients.
 *
 * <p>Stateless and thread-safe; called by {@link Defaulting}.
 */
final class ServiceDefaults {

    /** Kubernetes' {@code DefaultClientIPServiceAffinitySeconds}: three hours. */
    static final int DEFAULT_CLIENT_IP_TIMEOUT_SECONDS = 10800;

    private ServiceDefaults() {
    }

    /** The defaults of a new Service, its singular {@code clusterIP} copied into {@code clusterIPs}. */
    static void apply(Service service) {
        applyDefaults(service);
        ServiceSpec spec = service.getSpec();
        if (!Values.isEmpty(spec.getClusterIP()) && Values.nonNull(spec.getClusterIPs()).isEmpty()) {
            spec.setClusterIPs(new ArrayList<>(List.of(spec.getClusterIP())));
        }
    }

    /** The v1 defaults alone, without reconciling {@code clusterIP} and {@code clusterIPs}. */
    static void applyDefaults(Service service) {
        if (service.getSpec() == null) {
            service.setSpec(new ServiceSpec());
        }
        ServiceSpec spec = service.getSpec();
        if (Values.isEmpty(spec.getSessionAffinity())) {
            spec.setSessionAffinity("None");
        }
        if (spec.getSessionAffinity().equals("None")) {
            spec.setSessionAffinityConfig(null);
        }
        if (spec.getSessionAffinity().equals("ClientIP")) {
            SessionAffinityConfig config = spec.getSessionAffinityConfig();
            if (config == null || config.getClientIP() == null || config.getClientIP().getTimeoutSeconds() == null) {
                spec.setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(DEFAULT_CLIENT_IP_TIMEOUT_SECONDS)));
            }
        }
        if (Values.isEmpty(spec.getType())) {
            spec.setType("ClusterIP");
        }
        for (ServicePort port : Values.nonNull(spec.getPorts())) {
            if (Values.isEmpty(port.getProtocol())) {
                port.setProtocol("TCP");
            }
            IntOrString target = port.getTargetPort();
            boolean unset = target == null || Integer.valueOf(0).equals(target.getIntVal())
                    || (target.getIntVal() == null && Values.isEmpty(target.getStrVal()));
            if (unset && port.getPort() != null) {
                port.setTargetPort(new IntOrString(port.getPort()));
            }
        }
        String type = spec.getType();
        boolean externallyAccessible = type.equals("NodePort") || type.equals("LoadBalancer")
                || (type.equals("ClusterIP") && !Values.nonNull(spec.getExternalIPs()).isEmpty());
        if (externallyAccessible && Values.isEmpty(spec.getExternalTrafficPolicy())) {
            spec.setExternalTrafficPolicy("Cluster");
        }
        // ExternalName services have no cluster IP, so no internal traffic to police.
        if (spec.getInternalTrafficPolicy() == null && List.of("ClusterIP", "NodePort", "LoadBalancer").contains(type)) {
            spec.setInternalTrafficPolicy("Cluster");
        }
        if (type.equals("LoadBalancer")) {
            if (spec.getAllocateLoadBalancerNodePorts() == null) {
                spec.setAllocateLoadBalancerNodePorts(true);
            }
            if (service.getStatus() != null && service.getStatus().getLoadBalancer() != null) {
                for (LoadBalancerIngress ingress : Values.nonNull(service.getStatus().getLoadBalancer().getIngress())) {
                    if (!Values.isEmpty(ingress.getIp()) && ingress.getIpMode() == null) {
                        ingress.setIpMode("VIP");
                    }
                }
            }
        }
    }
}
