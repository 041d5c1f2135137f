package io.kubeplane.local.components;

import io.kubeplane.apiserver.ApiServerApplication;
import io.kubeplane.dns.DnsApplication;
import io.kubeplane.endpoints.EndpointsControllerApplication;
import io.kubeplane.ipam.IpamApplication;
import io.kubeplane.local.LocalClusterSettings;
import io.kubeplane.proxy.ProxyAgentApplication;
import io.kubeplane.workload.WorkloadControllerApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The components of the local cluster, in start order, each with the arguments that tie it into
 * the cluster: its port, the Kafka broker, and for the api-server the token file, the certificate
 * directory and every other component's readiness URL (so its {@code /readyz} covers the whole
 * cluster). Pure: renders settings into {@link Component}s; the database is bound separately by
 * {@link ClusterStoreBinding}, only into components that declare one.
 *
 * <p>A component that grows a setting the local cluster must set (an api-server URL, a DNS port)
 * gets it here.
 */
public final class ClusterComponents {

    public static final String API_SERVER = ApiServerApplication.CONFIG_NAME;

    /** The local cluster's nodes, each with its agent: name and InternalIP. */
    public static final List<Map.Entry<String, String>> NODES = List.of(Map.entry("node-1", "127.0.0.1"),
            Map.entry("node-2", "127.0.0.2"));

    /** Where LoadBalancer Services get their ingress IPs in the local cluster. */
    public static final String LOAD_BALANCER_POOL = "127.0.100.0/24";

    /**
     * How the controllers in the cluster reach the api-server's TLS port.
     *
     * @param caCertificate  the cluster CA's certificate
     * @param tokenDirectory where each component's token file, {@code <component>.token}, is
     */
    public record ControllerAccess(Path caCertificate, Path tokenDirectory) {

        public Path tokenFile(String component) {
            return tokenDirectory.resolve(component + ".token");
        }

        /** A controller's api-server, token file and CA settings, under its own {@code prefix}. */
        List<String> arguments(String prefix, String component, String apiServer) {
            return List.of("--" + prefix + ".api-server=" + apiServer,
                    "--" + prefix + ".token-file=" + tokenFile(component),
                    "--" + prefix + ".ca-file=" + caCertificate);
        }
    }

    private ClusterComponents() {
    }

    /**
     * The components, api-server first.
     *
     * @param kafkaBootstrap the broker every component uses
     * @param tokenFile      the api-server's bearer-token file
     * @param authorizationFile who has which role (cluster-admin, view, edit)
     * @param certificateDirectory where the api-server's CA and serving certificate are
     * @param access         how controllers reach the api-server
     * @param extraArguments more arguments by component name, appended to its own (tests tune ranges and intervals)
     * @param disabled       components left out (the api-server's readiness does not wait for them)
     */
    public static List<Component> of(LocalClusterSettings.Ports ports, String kafkaBootstrap, Path tokenFile,
                                     Path authorizationFile, Path certificateDirectory, ControllerAccess access,
                                     Map<String, List<String>> extraArguments, Set<String> disabled) {
        String secureUrl = "https://127.0.0.1:" + ports.secure();
        List<Component> all = List.of(
                component(IpamApplication.CONFIG_NAME, ports.ipamService(), kafkaBootstrap, concat(
                                // A loopback range, so the proxy-agents on this machine can serve LoadBalancer IPs.
                                List.of("--kubeplane.ipam.load-balancer-pools.default[0]=" + LOAD_BALANCER_POOL),
                                access.arguments("kubeplane.ipam.controllers", IpamApplication.CONFIG_NAME, secureUrl)),
                        IpamApplication::builder),
                component(EndpointsControllerApplication.CONFIG_NAME, ports.endpointsController(), kafkaBootstrap,
                        access.arguments("kubeplane.endpoints", EndpointsControllerApplication.CONFIG_NAME, secureUrl),
                        EndpointsControllerApplication::builder),
                component(DnsApplication.CONFIG_NAME, ports.dnsService(), kafkaBootstrap, concat(
                                List.of("--kubeplane.dns.port=" + ports.dns(), "--kubeplane.dns.replica-name=local"),
                                // It registers itself as kube-system/kube-dns.
                                access.arguments("kubeplane.dns", DnsApplication.CONFIG_NAME, secureUrl)),
                        DnsApplication::builder),
                nodeAgent(NODES.get(0), ports.proxyAgent(), kafkaBootstrap, access, secureUrl),
                nodeAgent(NODES.get(1), ports.secondProxyAgent(), kafkaBootstrap, access, secureUrl),
                component(WorkloadControllerApplication.CONFIG_NAME, ports.workloadController(), kafkaBootstrap,
                        access.arguments("kubeplane.workloads", WorkloadControllerApplication.CONFIG_NAME, secureUrl),
                        WorkloadControllerApplication::builder));
        List<Component> others = all.stream().filter(c -> !disabled(c.name(), disabled)).toList();
        List<String> apiServer = concat(List.of(
                "--kubeplane.api-server.token-file=" + tokenFile,
                "--kubeplane.api-server.authorization-file=" + authorizationFile,
                "--kubeplane.api-server.secure-serving.bind-address=127.0.0.1",
                "--kubeplane.api-server.secure-serving.port=" + ports.secure(),
                "--kubeplane.api-server.secure-serving.cert-dir=" + certificateDirectory,
                "--kubeplane.api-server.relay.bootstrap-servers=" + kafkaBootstrap,
                "--kubeplane.api-server.ipam.url=http://127.0.0.1:" + ports.ipamService(),
                "--kubeplane.api-server.readiness-urls="
                        + others.stream().map(Component::readinessUrl).collect(Collectors.joining(","))),
                viewArguments(others));
        List<Component> started = new ArrayList<>();
        started.add(component(API_SERVER, ports.apiServer(), kafkaBootstrap, apiServer, ApiServerApplication::builder));
        started.addAll(others);
        return started.stream().map(c -> c.withMoreArguments(extraArguments.getOrDefault(c.name(), List.of()))).toList();
    }

    /** Where the api-server's visualizer reads each component's own views: DNS, endpoints, every node's agent. */
    private static List<String> viewArguments(List<Component> components) {
        List<String> arguments = new ArrayList<>();
        for (Component c : components) {
            if (c.name().equals(DnsApplication.CONFIG_NAME)) {
                arguments.add("--kubeplane.api-server.views.dns=" + c.url());
            } else if (c.name().equals(EndpointsControllerApplication.CONFIG_NAME)) {
                arguments.add("--kubeplane.api-server.views.endpoints=" + c.url());
            }
        }
        for (Map.Entry<String, String> node : NODES) {
            components.stream().filter(c -> c.name().equals(agentName(node.getKey()))).findFirst().ifPresent(c ->
                    arguments.add("--kubeplane.api-server.views.nodes." + node.getKey() + "=" + c.url()));
        }
        return arguments;
    }

    /** The components that write to the api-server with a token of their own. */
    public static List<String> tokenHolders() {
        List<String> names = new ArrayList<>(List.of(IpamApplication.CONFIG_NAME, EndpointsControllerApplication.CONFIG_NAME,
                DnsApplication.CONFIG_NAME, WorkloadControllerApplication.CONFIG_NAME));
        NODES.forEach(node -> names.add(agentName(node.getKey())));
        return names;
    }

    /** The component name of a node's agent, e.g. {@code proxy-agent-node-1}. */
    public static String agentName(String node) {
        return ProxyAgentApplication.CONFIG_NAME + "-" + node;
    }

    /** Whether a component is left out: by its name, or every node agent by {@code proxy-agent}. */
    private static boolean disabled(String name, Set<String> disabled) {
        return disabled.contains(name)
               || (name.startsWith(ProxyAgentApplication.CONFIG_NAME + "-") && disabled.contains(ProxyAgentApplication.CONFIG_NAME));
    }

    private static Component nodeAgent(Map.Entry<String, String> node, int port, String kafkaBootstrap,
                                       ControllerAccess access, String secureUrl) {
        String name = agentName(node.getKey());
        List<String> arguments = concat(access.arguments("kubeplane.agent", name, secureUrl),
                List.of("--kubeplane.agent.node-name=" + node.getKey(), "--kubeplane.agent.node-ip=" + node.getValue(),
                        // A real TCP proxy, no privileges needed; pods answer through their node's agent.
                        "--kubeplane.agent.proxy.mode=userspace"));
        return component(ProxyAgentApplication.CONFIG_NAME, port, kafkaBootstrap, arguments, ProxyAgentApplication::builder)
                .named(name);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    private static Component component(String name, int port, String kafkaBootstrap, List<String> own,
                                       Supplier<SpringApplicationBuilder> builder) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + port,
                // Loopback only: the local cluster is for this machine.
                "--server.address=127.0.0.1",
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrap,
                "--spring.cloud.stream.kafka.binder.brokers=" + kafkaBootstrap,
                "--management.endpoint.health.probes.enabled=true",
                // Six banners and six shutdown hooks racing each other help nobody: the launcher
                // stops the components itself, in order.
                "--spring.main.banner-mode=off",
                "--spring.main.register-shutdown-hook=false",
                "--logging.register-shutdown-hook=false"));
        arguments.addAll(own);
        return new Component(name, builder, port, arguments);
    }
}
