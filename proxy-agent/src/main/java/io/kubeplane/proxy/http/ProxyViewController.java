package io.kubeplane.proxy.http;

import io.kubeplane.proxy.desired.Endpoint;
import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.desired.ServicePortRule;
import io.kubeplane.proxy.sync.ProxySyncer;
import io.kubeplane.proxy.sync.SyncStatus;
import io.kubeplane.proxy.userspace.UserspaceDataPlane;
import io.kubeplane.proxy.userspace.UserspaceView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** What this node's service proxy believes: every service port, its endpoints and verdicts, and the last sync. */
@RestController
@RequestMapping("/agent/v1")
@Tag(name = "Proxy", description = "This node's service proxy: the state it programs")
public class ProxyViewController {

    private final ObjectProvider<ProxySyncer> syncer;

    public ProxyViewController(ObjectProvider<ProxySyncer> syncer) {
        this.syncer = syncer;
    }

    /** One endpoint as the proxy uses it. */
    public record EndpointView(String address, String node, String pod, boolean local, boolean ready, boolean serving,
                               boolean terminating) {
        static EndpointView of(Endpoint e) {
            return new EndpointView(e.address(), e.nodeName(), e.pod(), e.local(), e.ready(), e.serving(), e.terminating());
        }
    }

    /** One service port: where it is reached and where its traffic goes. */
    public record ServicePortView(String name, String type, String protocol, List<String> clusterIPs, int port,
                                  int nodePort, List<String> externalIPs, List<String> loadBalancerIPs,
                                  String internalTrafficPolicy, String externalTrafficPolicy, int sessionAffinitySeconds,
                                  String internalVerdict, String externalVerdict, List<EndpointView> clusterEndpoints,
                                  List<EndpointView> externalEndpoints) {
        static ServicePortView of(ServicePortRule r) {
            return new ServicePortView(r.name().toString(), r.type(), r.protocol(), r.clusterIPs(), r.port(), r.nodePort(),
                    r.externalIPs(), r.loadBalancerIPs(), r.internalLocal() ? "Local" : "Cluster",
                    r.externallyAccessible() ? (r.externalLocal() ? "Local" : "Cluster") : "",
                    r.affinitySeconds(), r.internalVerdict().name(),
                    r.externallyAccessible() ? r.externalVerdict().name() : "",
                    r.clusterEndpoints().stream().map(EndpointView::of).toList(),
                    r.externalEndpoints().stream().map(EndpointView::of).toList());
        }
    }

    /**
     * @param listeners userspace mode: where it listens and which addresses this host lacks
     * @param lastProgrammed with {@code service}: when that Service's latest endpoints change reached this node
     */
    public record ProxyView(String node, List<String> nodeIPs, String mode, @Nullable SyncStatus lastSync,
                            List<ServicePortView> servicePorts, @Nullable List<UserspaceView> listeners,
                            ProxySyncer.@Nullable Programmed lastProgrammed) {
    }

    @GetMapping("/proxy")
    @Operation(summary = "The service ports this node proxies, as last applied, with the last sync's outcome")
    public ProxyView proxy(@Parameter(description = "only this Service, e.g. default/web")
                           @RequestParam(required = false) @Nullable String service) {
        ProxySyncer running = running();
        ProxyState state = running.current();
        List<ServicePortView> ports = state.ports().values().stream()
                .filter(r -> service == null || service.isEmpty() || r.name().service().equals(service))
                .map(ServicePortView::of).toList();
        List<UserspaceView> listeners = running.dataPlane() instanceof UserspaceDataPlane userspace
                ? userspace.view().stream().filter(v -> service == null || service.isEmpty()
                        || v.servicePort().startsWith(service + ":") || v.servicePort().equals(service)).toList()
                : null;
        return new ProxyView(state.nodeName(), state.nodeIPs(), running.dataPlane().mode(), running.status(), ports,
                listeners, service == null || service.isEmpty() ? null : running.programmed(service));
    }

    private ProxySyncer running() {
        ProxySyncer running = syncer.getIfAvailable();
        if (running == null) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "the service proxy is off: kubeplane.agent.api-server is not set");
        }
        return running;
    }
}
