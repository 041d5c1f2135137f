package io.kubeplane.apiserver.ui;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kubeplane.apiserver.http.ApiException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the traffic panel may send requests for a Service: a node's InternalIP at the port's
 * NodePort, or the Service's LoadBalancer ingress IP at the port itself — addresses the cluster
 * owns, never one the caller names. Pure.
 *
 * @param address the destination address
 * @param port    the destination port
 * @param via     how the traffic enters, e.g. {@code NodePort 30080 on node-1}
 */
public record TrafficTarget(String address, int port, String via) {

    /** Traffic enters through the LoadBalancer IP rather than a node. */
    public static final String LOAD_BALANCER = "loadbalancer";

    /**
     * @param service the Service
     * @param portName the service port's name or number, or empty for the first TCP port
     * @param entry a node name, or {@link #LOAD_BALANCER}
     * @param nodes the cluster's Nodes
     */
    public static TrafficTarget of(Service service, String portName, String entry, List<Node> nodes) {
        ServicePort port = port(service, portName);
        if (LOAD_BALANCER.equals(entry)) {
            String ip = Optional.ofNullable(service.getStatus()).map(s -> s.getLoadBalancer())
                    .map(lb -> lb.getIngress()).orElse(List.of()).stream()
                    .map(LoadBalancerIngress::getIp).filter(Objects::nonNull).findFirst()
                    .orElseThrow(() -> ApiException.badRequest("service \"" + service.getMetadata().getName()
                            + "\" has no LoadBalancer IP yet (status.loadBalancer.ingress is empty)"));
            return new TrafficTarget(ip, port.getPort(), "LoadBalancer " + ip + ":" + port.getPort());
        }
        if (port.getNodePort() == null || port.getNodePort() == 0) {
            throw ApiException.badRequest("service \"" + service.getMetadata().getName() + "\" port " + describe(port)
                    + " has no nodePort: traffic from outside reaches a " + service.getSpec().getType()
                    + " Service only through a NodePort or a LoadBalancer IP");
        }
        Node node = nodes.stream().filter(n -> entry.equals(n.getMetadata().getName())).findFirst()
                .orElseThrow(() -> ApiException.badRequest("no node named \"" + entry + "\""));
        String ip = Optional.ofNullable(node.getStatus()).map(s -> s.getAddresses()).orElse(List.of()).stream()
                .filter(a -> "InternalIP".equals(a.getType())).map(NodeAddress::getAddress).findFirst()
                .orElseThrow(() -> ApiException.badRequest("node \"" + entry + "\" has no InternalIP"));
        return new TrafficTarget(ip, port.getNodePort(), "NodePort " + port.getNodePort() + " on " + entry);
    }

    private static ServicePort port(Service service, String portName) {
        List<ServicePort> ports = Optional.ofNullable(service.getSpec().getPorts()).orElse(List.of()).stream()
                .filter(p -> p.getProtocol() == null || "TCP".equals(p.getProtocol())).toList();
        if (ports.isEmpty()) {
            throw ApiException.badRequest("service \"" + service.getMetadata().getName() + "\" has no TCP port");
        }
        if (portName.isEmpty()) {
            return ports.getFirst();
        }
        return ports.stream().filter(p -> portName.equals(p.getName()) || portName.equals(String.valueOf(p.getPort())))
                .findFirst().orElseThrow(() -> ApiException.badRequest("service \"" + service.getMetadata().getName()
                        + "\" has no TCP port \"" + portName + "\""));
    }

    private static String describe(ServicePort port) {
        return port.getName() == null || port.getName().isEmpty() ? String.valueOf(port.getPort()) : port.getName();
    }
}
