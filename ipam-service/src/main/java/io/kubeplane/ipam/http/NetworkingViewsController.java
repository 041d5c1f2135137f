package io.kubeplane.ipam.http;

import io.fabric8.kubernetes.api.model.networking.v1.IPAddress;
import io.fabric8.kubernetes.api.model.networking.v1.IPAddressList;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceCIDR;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceCIDRList;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code networking.k8s.io/v1} ServiceCIDR and IPAddress views, at the paths kube-apiserver
 * serves them; the api-server forwards {@code kubectl get servicecidrs,ipaddresses} here.
 */
@RestController
@RequestMapping("/apis/networking.k8s.io/v1")
@Tag(name = "networking.k8s.io/v1 views", description = "Service ranges and allocated service IPs as Kubernetes objects (read-only)")
public class NetworkingViewsController {

    private final NetworkingViews views;

    public NetworkingViewsController(NetworkingViews views) {
        this.views = views;
    }

    @GetMapping("/servicecidrs")
    @Operation(summary = "The ServiceCIDR `kubernetes`, holding the configured service CIDRs")
    public ServiceCIDRList serviceCidrs() {
        return views.serviceCidrs();
    }

    @GetMapping("/servicecidrs/{name}")
    @Operation(summary = "One ServiceCIDR")
    public ServiceCIDR serviceCidr(@PathVariable String name) {
        return views.serviceCidr(name);
    }

    @GetMapping("/ipaddresses")
    @Operation(summary = "Every allocated service IP, with the Service that holds it as parentRef")
    public IPAddressList ipAddresses() {
        return views.ipAddresses();
    }

    @GetMapping("/ipaddresses/{name}")
    @Operation(summary = "One allocated service IP")
    public IPAddress ipAddress(@PathVariable String name) {
        return views.ipAddress(name);
    }
}
