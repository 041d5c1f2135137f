package io.kubeplane.proxy.pods;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a kubelet gives a pod's containers about the cluster's services, computed as the kubelet's
 * {@code getServiceEnvVarMap} and {@code envvars.FromServices} do:
 *
 * <ul>
 *   <li>the services of the pod's namespace when {@code enableServiceLinks} (the default), and always
 *       the {@code kubernetes} service of {@code default}; those without a ClusterIP (headless,
 *       ExternalName) give nothing;</li>
 *   <li>for each, {@code WEB_SERVICE_HOST}, {@code WEB_SERVICE_PORT} (the first port),
 *       {@code WEB_SERVICE_PORT_<NAME>} for each named port, and Docker's link variables
 *       {@code WEB_PORT=tcp://10.96.0.20:80}, {@code WEB_PORT_80_TCP}, {@code ..._PROTO},
 *       {@code ..._PORT}, {@code ..._ADDR}, where {@code WEB} is the name upper-cased with
 *       {@code -} as {@code _};</li>
 *   <li>{@code /etc/resolv.conf} of a {@code ClusterFirst} pod.</li>
 * </ul>
 *
 * The kubelet takes the services as they were when the container started; a responder answers
 * with the current ones. Pure.
 */
public final class PodEnvironment {

    public static final String CLUSTER_DOMAIN = "cluster.local";
    private static final String MASTER_NAMESPACE = "default";
    private static final String MASTER_SERVICE = "kubernetes";

    private PodEnvironment() {
    }

    /** The service variables of a pod in {@code namespace}, by name. */
    public static SortedMap<String, String> serviceVariables(String namespace, boolean enableServiceLinks,
                                                             Collection<Service> services) {
        Map<String, Service> byName = new TreeMap<>();
        for (Service service : services) {
            if (!ipSet(service)) {
                continue;
            }
            String name = service.getMetadata().getName();
            if (MASTER_NAMESPACE.equals(service.getMetadata().getNamespace()) && MASTER_SERVICE.equals(name)) {
                byName.putIfAbsent(name, service);
            } else if (namespace.equals(service.getMetadata().getNamespace()) && enableServiceLinks) {
                byName.put(name, service);
            }
        }
        SortedMap<String, String> vars = new TreeMap<>();
        for (Service service : byName.values()) {
            String prefix = variableName(service.getMetadata().getName());
            String ip = service.getSpec().getClusterIP();
            var ports = service.getSpec().getPorts();
            vars.put(prefix + "_SERVICE_HOST", ip);
            vars.put(prefix + "_SERVICE_PORT", String.valueOf(ports.getFirst().getPort()));
            for (int i = 0; i < ports.size(); i++) {
                ServicePort sp = ports.get(i);
                if (sp.getName() != null && !sp.getName().isEmpty()) {
                    vars.put(prefix + "_SERVICE_PORT_" + variableName(sp.getName()), String.valueOf(sp.getPort()));
                }
                String protocol = sp.getProtocol() == null || sp.getProtocol().isEmpty() ? "TCP" : sp.getProtocol();
                String lower = protocol.toLowerCase(Locale.ROOT);
                String hostPort = (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + sp.getPort();
                if (i == 0) {
                    vars.put(prefix + "_PORT", lower + "://" + hostPort);
                }
                String portPrefix = prefix + "_PORT_" + sp.getPort() + "_" + protocol.toUpperCase(Locale.ROOT);
                vars.put(portPrefix, lower + "://" + hostPort);
                vars.put(portPrefix + "_PROTO", lower);
                vars.put(portPrefix + "_PORT", String.valueOf(sp.getPort()));
                vars.put(portPrefix + "_ADDR", ip);
            }
        }
        return vars;
    }

    /** {@code KEY=value} lines, sorted. */
    public static String envText(SortedMap<String, String> vars) {
        StringBuilder text = new StringBuilder();
        vars.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return text.toString();
    }

    /** The resolv.conf of a {@code dnsPolicy: ClusterFirst} pod in {@code namespace}. */
    public static String resolvConf(String namespace, String clusterDnsIp) {
        return "search " + namespace + ".svc." + CLUSTER_DOMAIN + " svc." + CLUSTER_DOMAIN + " " + CLUSTER_DOMAIN + "\n"
               + "nameserver " + clusterDnsIp + "\n"
               + "options ndots:5\n";
    }

    /** kubelet's {@code IsServiceIPSet}: a ClusterIP that is neither empty nor {@code None}. */
    private static boolean ipSet(Service service) {
        if (service.getSpec() == null || service.getSpec().getPorts() == null || service.getSpec().getPorts().isEmpty()) {
            return false;
        }
        String ip = service.getSpec().getClusterIP();
        return ip != null && !ip.isEmpty() && !"None".equals(ip);
    }

    private static String variableName(String name) {
        return name.replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
