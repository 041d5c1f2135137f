package io.kubeplane.apiserver.ui;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.kubeplane.apiserver.config.ApiServerProperties;
import io.kubeplane.apiserver.http.ApiException;
import io.kubeplane.apiserver.storage.ListQuery;
import io.kubeplane.apiserver.storage.ObjectKey;
import io.kubeplane.apiserver.storage.ObjectStore;
import io.kubeplane.model.ApiResources;
import io.kubeplane.model.KubernetesJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /kubeplane/v1}: what the visualizer shows besides the API objects — each component's own
 * view of a Service, and a traffic probe. Reading needs the {@code view} role or more; sending
 * traffic needs {@code cluster-admin}.
 */
@RestController
@RequestMapping("/kubeplane/v1")
@Tag(name = "Visualizer", description = "What the components believe, and traffic through a Service")
public class ViewsController {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private final ComponentViews views;
    private final ObjectStore store;
    private final TrafficProbe probe;
    private final String clusterDomain;

    public ViewsController(ComponentViews views, ObjectStore store, TrafficProbe probe, ApiServerProperties properties) {
        this.views = views;
        this.store = store;
        this.probe = probe;
        this.clusterDomain = properties.views().clusterDomain();
    }

    /** Which views this api-server can show. */
    public record Components(boolean dns, boolean endpoints, Set<String> nodes, String clusterDomain) {
    }

    @GetMapping("/components")
    @Operation(summary = "Which components' views can be shown: DNS, endpoints, and the nodes with an agent")
    public Components components() {
        return new Components(views.hasDns(), views.hasEndpoints(), views.nodes(), clusterDomain);
    }

    @GetMapping("/dns/explain")
    @Operation(summary = "dns-service's answer for a name and type, with where each record came from")
    public ResponseEntity<String> dnsExplain(@RequestParam String name, @RequestParam(defaultValue = "A") String type) {
        return pass(views.dnsExplain(name, type));
    }

    @GetMapping("/endpoints/namespaces/{namespace}/services/{name}")
    @Operation(summary = "endpoints-controller's verdict on each pod of the namespace: why it is, or is not, an endpoint")
    public ResponseEntity<String> endpoints(@PathVariable String namespace, @PathVariable String name) {
        return pass(views.endpointVerdicts(label("namespace", namespace), label("name", name)));
    }

    @GetMapping("/nodes/{node}/proxy")
    @Operation(summary = "A node's proxy state for one Service: endpoints, verdicts, the last sync")
    public ResponseEntity<String> proxy(@PathVariable String node, @RequestParam String namespace,
                                        @RequestParam String name) {
        return pass(views.proxy(node, label("namespace", namespace) + "/" + label("name", name)));
    }

    @GetMapping("/nodes/{node}/rules")
    @Operation(summary = "The rules a node's proxy programs, as iptables-save, nft list ruleset or ipvsadm -Sn show them")
    public ResponseEntity<String> rules(@PathVariable String node, @RequestParam(defaultValue = "iptables") String format) {
        return pass(views.rules(node, format));
    }

    @GetMapping("/nodes/{node}/trace")
    @Operation(summary = "What happens on a node to a packet from a client to an address and port")
    public ResponseEntity<String> trace(@PathVariable String node, @RequestParam String destination,
                                        @RequestParam int port, @RequestParam(defaultValue = "TCP") String protocol,
                                        @RequestParam(defaultValue = "10.244.0.2") String client) {
        return pass(views.trace(node, client, destination, port, protocol));
    }

    @PostMapping("/namespaces/{namespace}/services/{name}/traffic")
    @Operation(summary = "Send requests to a Service through a node's NodePort or its LoadBalancer IP; count the "
                         + "answers per pod (at most " + TrafficProbe.MAX_REQUESTS + " requests)")
    public TrafficProbe.Result traffic(@PathVariable String namespace, @PathVariable String name,
                                       @RequestParam(defaultValue = "50") int count,
                                       @RequestParam String via,
                                       @RequestParam(defaultValue = "") String port) {
        if (count < 1 || count > TrafficProbe.MAX_REQUESTS) {
            throw ApiException.badRequest("count must be between 1 and " + TrafficProbe.MAX_REQUESTS + ", was " + count);
        }
        ObjectKey key = new ObjectKey(ApiResources.SERVICES, label("namespace", namespace), label("name", name));
        Service service = store.get(key).map(o -> KubernetesJson.read(o.json(), Service.class))
                .orElseThrow(() -> ApiException.notFound(ApiResources.SERVICES, name));
        List<Node> nodes = store.list(ListQuery.all(ApiResources.NODES, null)).items().stream()
                .map(o -> KubernetesJson.read(o.json(), Node.class)).toList();
        return probe.send(TrafficTarget.of(service, port, via, nodes), count);
    }

    private static String label(String what, String value) {
        if (!DNS_LABEL.matcher(value).matches()) {
            throw ApiException.badRequest(what + " \"" + value + "\" is not a valid name (a DNS-1123 label)");
        }
        return value;
    }

    private static ResponseEntity<String> pass(ComponentViews.View view) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(view.contentType());
        } catch (RuntimeException e) {
            type = MediaType.TEXT_PLAIN;
        }
        return ResponseEntity.status(view.status()).contentType(type).body(view.body());
    }
}
