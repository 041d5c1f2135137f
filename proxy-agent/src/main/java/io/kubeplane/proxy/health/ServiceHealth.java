package io.kubeplane.proxy.health;

import io.kubeplane.proxy.desired.Endpoint;
import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.desired.ServicePortRule;
import java.util.Map;
import java.util.TreeMap;

/**
 * kube-proxy's service health checks ({@code pkg/proxy/healthcheck/service_health.go}): a Service
 * with {@code externalTrafficPolicy: Local} gets a {@code spec.healthCheckNodePort}, and every node
 * answers HTTP there — 200 when it has a ready local endpoint of the Service, 503 when not — so a
 * cloud load balancer sends traffic only to nodes that keep the client's address. Pure.
 *
 * @param namespace      the Service's namespace
 * @param name           the Service's name
 * @param localEndpoints ready endpoints of the Service on this node
 */
public record ServiceHealth(String namespace, String name, int localEndpoints) {

    /** Health check node port to the Service it reports on, for every such Service in {@code state}. */
    public static Map<Integer, ServiceHealth> of(ProxyState state) {
        Map<Integer, ServiceHealth> out = new TreeMap<>();
        for (ServicePortRule rule : state.ports().values()) {
            if (rule.healthCheckNodePort() <= 0 || !rule.externalLocal()) {
                continue;
            }
            int local = 0;
            for (Endpoint e : rule.externalEndpoints()) {
                if (e.local() && e.ready()) {
                    local++;
                }
            }
            String[] service = rule.name().service().split("/", 2);
            ServiceHealth health = new ServiceHealth(service[0], service[1], local);
            // ports of one Service share its check: the port with most local endpoints speaks for it
            out.merge(rule.healthCheckNodePort(), health, (a, b) -> a.localEndpoints >= b.localEndpoints ? a : b);
        }
        return out;
    }

    /** 200 when this node has a ready local endpoint and its proxy is healthy, else 503. */
    public int status(boolean proxyHealthy) {
        return localEndpoints > 0 && proxyHealthy ? 200 : 503;
    }

    /** kube-proxy's body, byte for byte. */
    public String body(boolean proxyHealthy) {
        return """
                {
                	"service": {
                		"namespace": "%s",
                		"name": "%s"
                	},
                	"localEndpoints": %d,
                	"serviceProxyHealthy": %s
                }""".formatted(namespace, name, localEndpoints, proxyHealthy);
    }
}
