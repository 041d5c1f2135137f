package io.kubeplane.ipam.http;

import io.kubeplane.ipam.service.ServiceAddresses;
import io.kubeplane.ipam.service.ServiceAllocation;
import io.kubeplane.ipam.service.ServiceAllocationRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the api-server calls while it creates, changes and deletes Services. */
@RestController
@RequestMapping("/ipam/v1/services")
@Tag(name = "Service addresses", description = "Cluster IPs and NodePorts, allocated for the api-server before it stores a Service")
public class ServiceAllocationController {

    static final String SERVICE_NAME = ServiceAllocationController.class.getName() + ".name";

    private final ServiceAddresses addresses;

    public ServiceAllocationController(ServiceAddresses addresses) {
        this.addresses = addresses;
    }

    @PostMapping("/allocations")
    @Operation(summary = "Allocate a Service's cluster IPs and NodePorts",
            description = """
                    Takes every value the Service needs in one transaction, or none: requested values when free and \
                    in range, else 422 Invalid naming the field; any others from the upper band of the range first. \
                    Values the Service (by uid) already holds are confirmed. `dryRun` answers without keeping anything.""")
    public ServiceAllocation allocate(@RequestBody ServiceAllocationRequest body, HttpServletRequest request) {
        request.setAttribute(SERVICE_NAME, body.name());
        return addresses.allocate(body);
    }

    @PostMapping("/releases")
    @Operation(summary = "Give back values a Service holds",
            description = "Releases the listed cluster IPs and NodePorts if the Service with this uid holds them; answers what was released.")
    public ServiceAllocation.Released release(@RequestBody ServiceAllocation.Released body) {
        return addresses.release(body);
    }
}
