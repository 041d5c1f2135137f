package io.kubeplane.apiserver.printing;

import static io.kubeplane.apiserver.printing.CellFormats.NONE;
import static io.kubeplane.apiserver.printing.CellFormats.isEmpty;
import static io.kubeplane.apiserver.printing.CellFormats.text;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * {@code kubectl get services}: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, and SELECTOR with
 * {@code -o wide}, as {@code printService}.
 *
 * <pre>
 *   type          EXTERNAL-IP
 *   ClusterIP     spec.externalIPs joined by commas, or &lt;none&gt;
 *   NodePort      the same
 *   LoadBalancer  the ingress IPs (or hostnames), sorted, then spec.externalIPs; &lt;pending&gt; if neither
 *   ExternalName  spec.externalName
 * </pre>
 * CLUSTER-IP is the first of {@code spec.clusterIPs} ({@code None} for a headless service,
 * {@code <none>} for ExternalName); PORT(S) lists {@code port/protocol} or
 * {@code port:nodePort/protocol}. The ingress list is never clipped to 16 characters: the printer
 * clips only when it prints narrow, and kube-apiserver always prints wide. Stateless.
 */
final class ServicePrinter extends TypedPrinter<Service> {

    static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.NAME,
            ColumnDefinition.column("Type", "string", FieldDescriptions.SERVICE_TYPE),
            ColumnDefinition.column("Cluster-IP", "string", FieldDescriptions.SERVICE_CLUSTER_IP),
            ColumnDefinition.column("External-IP", "string", FieldDescriptions.SERVICE_EXTERNAL_IPS),
            ColumnDefinition.column("Port(s)", "string", FieldDescriptions.SERVICE_PORTS),
            ColumnDefinition.AGE,
            ColumnDefinition.wide("Selector", "string", FieldDescriptions.SERVICE_SELECTOR));

    ServicePrinter() {
        super(Service.class);
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    TableRow print(Service service, Instant now) {
        ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
        String ports = ports(spec.getPorts());
        return TableRow.of(name(service), type(spec), clusterIP(spec), externalIP(spec, service.getStatus()),
                ports.isEmpty() ? NONE : ports, age(service, now), CellFormats.labels(spec.getSelector()));
    }

    // kube-apiserver defaults the type to ClusterIP when it decodes a stored Service.
    private static String type(ServiceSpec spec) {
        return isEmpty(spec.getType()) ? "ClusterIP" : spec.getType();
    }

    private static String clusterIP(ServiceSpec spec) {
        // Kubernetes keeps clusterIP and clusterIPs[0] equal; an object written before clusterIPs
        // existed has only clusterIP.
        if (!spec.getClusterIPs().isEmpty()) {
            return text(spec.getClusterIPs().getFirst());
        }
        return isEmpty(spec.getClusterIP()) ? NONE : spec.getClusterIP();
    }

    private static String externalIP(ServiceSpec spec, @Nullable ServiceStatus status) {
        List<String> externalIPs = spec.getExternalIPs();
        return switch (type(spec)) {
            case "ClusterIP", "NodePort" -> externalIPs.isEmpty() ? NONE : String.join(",", externalIPs);
            case "LoadBalancer" -> {
                List<String> all = new ArrayList<>(ingress(status));
                all.addAll(externalIPs);
                yield all.isEmpty() ? "<pending>" : String.join(",", all);
            }
            case "ExternalName" -> text(spec.getExternalName());
            default -> "<unknown>";
        };
    }

    /** The load balancer's addresses: each ingress' IP, or its hostname if it has no IP; sorted, distinct. */
    private static List<String> ingress(@Nullable ServiceStatus status) {
        LoadBalancerStatus loadBalancer = status == null ? null : status.getLoadBalancer();
        if (loadBalancer == null) {
            return List.of();
        }
        TreeSet<String> addresses = new TreeSet<>();
        for (LoadBalancerIngress ingress : loadBalancer.getIngress()) {
            if (!isEmpty(ingress.getIp())) {
                addresses.add(ingress.getIp());
            } else if (!isEmpty(ingress.getHostname())) {
                addresses.add(ingress.getHostname());
            }
        }
        return List.copyOf(addresses);
    }

    private static String ports(List<ServicePort> ports) {
        return ports.stream().map(ServicePrinter::port).collect(Collectors.joining(","));
    }

    private static String port(ServicePort port) {
        // The protocol defaults to TCP when kube-apiserver decodes a stored Service.
        String protocol = isEmpty(port.getProtocol()) ? "TCP" : port.getProtocol();
        int nodePort = CellFormats.number(port.getNodePort());
        return nodePort > 0
                ? CellFormats.number(port.getPort()) + ":" + nodePort + "/" + protocol
                : CellFormats.number(port.getPort()) + "/" + protocol;
    }
}
