package io.kubeplane.dns.zone;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubeplane.informer.Indexers;
import io.kubeplane.informer.ResourceEventHandler;
import io.kubeplane.informer.SharedIndexInformer;
import java.util.List;
import java.util.Map;

/**
 * Keeps the {@link ClusterZone} in step with the Services and EndpointSlices informers: any change
 * to a Service or to one of its slices recomputes that Service's records and replaces them whole.
 * Runs on the informers' dispatcher threads.
 */
public final class ZoneFeeder {

    private static final String SERVICE_NAME = "kubernetes.io/service-name";

    private final ClusterZone zone;
    private final SharedIndexInformer<Service> services;
    private final SharedIndexInformer<EndpointSlice> slices;

    public ZoneFeeder(ClusterZone zone, SharedIndexInformer<Service> services, SharedIndexInformer<EndpointSlice> slices) {
        this.zone = zone;
        this.services = services;
        this.slices = slices;
        services.addEventHandler(ResourceEventHandler.<Service>onAnyChange(this::refresh));
        slices.addEventHandler(ResourceEventHandler.onAnyChange(slice -> {
            Map<String, String> labels = slice.getMetadata().getLabels();
            String service = labels == null ? null : labels.get(SERVICE_NAME);
            if (service != null) {
                refresh(slice.getMetadata().getNamespace() + "/" + service);
            }
        }));
    }

    private void refresh(Service service) {
        refresh(service.getMetadata().getNamespace() + "/" + service.getMetadata().getName());
    }

    /** Recomputes the records of the Service {@code namespace/name} from the caches. */
    void refresh(String key) {
        String namespace = key.substring(0, key.indexOf('/'));
        String name = key.substring(key.indexOf('/') + 1);
        Service service = services.store().get(namespace, name);
        if (service == null) {
            zone.remove(key);
            return;
        }
        List<EndpointSlice> own = slices.store().byIndex(Indexers.LABELS, Indexers.labelValue(SERVICE_NAME, name)).stream()
                .filter(s -> namespace.equals(s.getMetadata().getNamespace())).toList();
        zone.put(key, ServiceRecords.of(service, own, zone.zone(), zone.ttl()));
    }
}
