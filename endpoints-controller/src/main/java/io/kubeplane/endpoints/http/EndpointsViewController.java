package io.kubeplane.endpoints.http;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubeplane.endpoints.controller.EndpointsControllers;
import io.kubeplane.endpoints.controller.SyncLog;
import io.kubeplane.endpoints.desired.PodVerdict;
import io.kubeplane.informer.Indexers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** What endpoints-controller believes: per Service, each pod of its namespace and why it is or is not an endpoint. */
@RestController
@RequestMapping("/endpoints/v1")
@Tag(name = "Endpoints", description = "What the Endpoints and EndpointSlice controllers believe")
public class EndpointsViewController {

    private final ObjectProvider<EndpointsControllers> controllers;

    public EndpointsViewController(ObjectProvider<EndpointsControllers> controllers) {
        this.controllers = controllers;
    }

    /**
     * @param synced          whether the informers have synced and the controllers run
     * @param services        Services in the cache
     * @param pods            pods in the cache
     * @param queueDepth      Services waiting to be reconciled
     */
    public record State(boolean synced, int services, int pods, int queueDepth) {
    }

    /**
     * @param service        {@code namespace/name}
     * @param selector       its selector
     * @param pods           every pod of its namespace, with the verdict
     * @param slices         its EndpointSlices' names and endpoint counts
     * @param lastEndpoints  the last Endpoints sync
     * @param lastSlices     the last EndpointSlice sync
     */
    public record ServiceView(String service, Object selector, List<PodVerdict> pods, List<String> slices,
                              Optional<SyncLog.Entry> lastEndpoints, Optional<SyncLog.Entry> lastSlices) {
    }

    @GetMapping("/state")
    @Operation(summary = "Whether the controllers run, how much they see and how much is queued")
    public State state() {
        EndpointsControllers running = running();
        return new State(running.synced(), running.services().store().size(), running.pods().store().size(),
                running.queueDepth());
    }

    @GetMapping("/services/{namespace}/{name}")
    @Operation(summary = "Why each pod of the Service's namespace is, or is not, one of its endpoints",
            description = "Lists every pod of the namespace with its verdict (ready, not ready, terminating, no) and the "
                          + "reasons: selector labels, phase, IP, ports resolved, readiness.")
    public ServiceView service(@PathVariable String namespace, @PathVariable String name) {
        EndpointsControllers running = running();
        Service service = running.services().store().get(namespace, name);
        if (service == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no Service " + namespace + "/" + name + " in the cache");
        }
        List<PodVerdict> verdicts = running.pods().store().byIndex(Indexers.NAMESPACE, namespace).stream()
                .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getName()))
                .map(pod -> PodVerdict.of(service, pod)).toList();
        List<String> slices = running.slices().store()
                .byIndex(Indexers.LABELS, Indexers.labelValue("kubernetes.io/service-name", name)).stream()
                .filter(s -> namespace.equals(s.getMetadata().getNamespace()))
                .sorted(Comparator.comparing((EndpointSlice s) -> s.getMetadata().getName()))
                .map(s -> s.getMetadata().getName() + " (" + (s.getEndpoints() == null ? 0 : s.getEndpoints().size()) + " endpoints)")
                .toList();
        String key = namespace + "/" + name;
        return new ServiceView(key, service.getSpec().getSelector(), verdicts, slices,
                running.syncLog().lastEndpointsSync(key), running.syncLog().lastSliceSync(key));
    }

    private EndpointsControllers running() {
        EndpointsControllers running = controllers.getIfAvailable();
        if (running == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the controllers are off: kubeplane.endpoints.api-server is not set");
        }
        return running;
    }
}
