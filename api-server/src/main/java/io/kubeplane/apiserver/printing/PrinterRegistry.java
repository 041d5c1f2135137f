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
 *   nodes                             NodePrinter
 *   namespaces                        NamespacePrinter
 *   events                            EventPrinter
 *   servicecidrs.networking.k8s.io    ServiceCIDRPrinter
 *   ipaddresses.networking.k8s.io     IPAddressPrinter
 *   anything else                     DefaultPrinter
 * </pre>
 * Immutable and thread-safe; {@link #standard()} is shared. Used by {@link TablePrinter}.
 */
public final class PrinterRegistry {

    private static final PrinterRegistry STANDARD = new PrinterRegistry(Map.of(
            "services", new ServicePrinter(),
            "endpoints", new EndpointsPrinter(),
            "endpointslices.discovery.k8s.io", new EndpointSlicePrinter(),
            "pods", new PodPrinter(),
            "deployments.apps", new DeploymentPrinter(),
            "nodes", new NodePrinter(),
            "namespaces", new NamespacePrinter(),
            "events", new EventPrinter(),
            "servicecidrs.networking.k8s.io", new ServiceCIDRPrinter(),
            "ipaddresses.networking.k8s.io", new IPAddressPrinter()), new DefaultPrinter());

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
