package io.kubeplane.apiserver.printing;

import io.kubeplane.model.ApiResource;
import java.util.Map;

/**
 * Picks the {@link ResourcePrinter} for a resource, by its group and plural as Kubernetes names
 * resources ({@code services}, {@code endpointslices.discovery.k8s.io}, ...); a resource without a
 * printer of its own gets NAME AGE.
 *
 * <pre>
 *   resource                          printer
 *   services                          ServicePrinter
 *   endpoints                         EndpointsPrinter
 *   endpointslices.discovery.k8s.io   EndpointSlicePrinter
 *   pods                              PodPrinter
 *   deployments.apps                  DeploymentPrinter
 *   replicasets.apps                  ReplicaSetPrinter
 *   nodes                             NodePrinter
 *   namespaces                        NamespacePrinter
 *   events                            EventPrinter
 *   servicecidrs.networking.k8s.io    ServiceCIDRPrinter
 *   ipaddresses.networking.k8s.io     IPAddressPrinter
 *   leases.coordination.k8s.io        LeasePrinter
 *   anything else                     DefaultPrinter
 * </pre>
 * Immutable and thread-safe; {@link #standard()} is shared. Used by {@link TablePrinter}.
 */
public final class PrinterRegistry {

    private static final PrinterRegistry STANDARD = new PrinterRegistry(Map.ofEntries(
            Map.entry("services", new ServicePrinter()),
            Map.entry("endpoints", new EndpointsPrinter()),
            Map.entry("endpointslices.discovery.k8s.io", new EndpointSlicePrinter()),
            Map.entry("pods", new PodPrinter()),
            Map.entry("deployments.apps", new DeploymentPrinter()),
            Map.entry("replicasets.apps", new ReplicaSetPrinter()),
            Map.entry("nodes", new NodePrinter()),
            Map.entry("namespaces", new NamespacePrinter()),
            Map.entry("events", new EventPrinter()),
            Map.entry("servicecidrs.networking.k8s.io", new ServiceCIDRPrinter()),
            Map.entry("ipaddresses.networking.k8s.io", new IPAddressPrinter()),
            Map.entry("leases.coordination.k8s.io", new LeasePrinter())), new DefaultPrinter());

    private final Map<String, ResourcePrinter> byGroupResource;
    private final ResourcePrinter fallback;

    /**
     * @param byGroupResource printers by {@link ApiResource#groupResource()}
     * @param fallback        the printer for every other resource
     */
    public PrinterRegistry(Map<String, ResourcePrinter> byGroupResource, ResourcePrinter fallback) {
        this.byGroupResource = Map.copyOf(byGroupResource);
        this.fallback = fallback;
    }

    /** @return the printers of Kubernetes' kinds that kubeplane serves */
    public static PrinterRegistry standard() {
        return STANDARD;
    }

    /** @return the printer for objects of this resource */
    public ResourcePrinter printerFor(ApiResource resource) {
        return byGroupResource.getOrDefault(resource.groupResource(), fallback);
    }
}
