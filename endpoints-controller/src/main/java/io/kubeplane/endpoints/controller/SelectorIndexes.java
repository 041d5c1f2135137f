package io.kubeplane.endpoints.controller;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.kubeplane.endpoints.desired.PodRules;
import io.kubeplane.informer.Indexer;
import io.kubeplane.informer.Indexers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds a Service's pods and a pod's Services through label indexes instead of scanning the
 * namespace, so the cost of a change follows the pods and Services it concerns, not the size of the
 * namespace: pods are looked up by one of the Service's selector labels (the informer's label
 * index), Services by each of the pod's labels (an index of selector entries, {@value #BY_SELECTOR}).
 */
final class SelectorIndexes {

    /** Services indexed by {@code namespace/key=value} for every entry of their selector. */
    static final String BY_SELECTOR = "selector";

    private SelectorIndexes() {
    }

    static List<String> selectorEntries(Service service) {
        if (!PodRules.hasSelector(service)) {
            return List.of();
        }
        String namespace = service.getMetadata().getNamespace();
        return service.getSpec().getSelector().entrySet().stream()
                .map(e -> namespace + "/" + Indexers.labelValue(e.getKey(), e.getValue())).toList();
    }

    /** The pods {@code service} selects: those carrying its rarest selector label, checked against the whole selector. */
    static List<Pod> selectedPods(Indexer<Pod> pods, Service service) {
        if (!PodRules.hasSelector(service)) {
            return List.of();
        }
        List<Pod> fewest = null;
        for (Map.Entry<String, String> entry : service.getSpec().getSelector().entrySet()) {
            List<Pod> candidates = pods.byIndex(Indexers.LABELS, Indexers.labelValue(entry.getKey(), entry.getValue()));
            if (fewest == null || candidates.size() < fewest.size()) {
                fewest = candidates;
            }
        }
        List<Pod> selected = new ArrayList<>();
        for (Pod pod : fewest) {
            if (PodRules.selects(service, pod)) {
                selected.add(pod);
            }
        }
        return selected;
    }

    /** The Services that select {@code pod}. */
    static Set<Service> selecting(Indexer<Service> services, Pod pod) {
        Set<Service> found = new LinkedHashSet<>();
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (labels == null) {
            return found;
        }
        String namespace = pod.getMetadata().getNamespace();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            for (Service service : services.byIndex(BY_SELECTOR, namespace + "/" + Indexers.labelValue(label.getKey(), label.getValue()))) {
                if (PodRules.selects(service, pod)) {
                    found.add(service);
                }
            }
        }
        return found;
    }
}
