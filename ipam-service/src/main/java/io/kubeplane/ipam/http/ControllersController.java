package io.kubeplane.ipam.http;

import io.kubeplane.ipam.controller.IpamControllers;
import io.kubeplane.ipam.controller.RepairReport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** What the controllers are doing: informers synced, keys queued, LoadBalancers waiting, the last repair. */
@RestController
@RequestMapping("/ipam/v1")
@Tag(name = "Controllers", description = "Node podCIDRs, pod IPs, LoadBalancer IPs and the repair loop")
public class ControllersController {

    private final ObjectProvider<IpamControllers> controllers;

    public ControllersController(ObjectProvider<IpamControllers> controllers) {
        this.controllers = controllers;
    }

    @GetMapping("/controllers")
    @Operation(summary = "The controllers' state: synced, queue depths, LoadBalancer Services waiting for an IP, last repair pass")
    public IpamControllers.State state() {
        return running().state();
    }

    @PostMapping("/repair")
    @Operation(summary = "Run a repair pass now and return what it did",
            description = "Releases allocations no object carries (older than the grace period), records values objects "
                          + "carry that nobody holds, and reports values held by one object but carried by another.")
    public RepairReport repair() {
        IpamControllers running = running();
        if (!running.synced()) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the informers have not synced yet");
        }
        return running.repairNow();
    }

    private IpamControllers running() {
        IpamControllers running = controllers.getIfAvailable();
        if (running == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "the controllers are off: kubeplane.ipam.controllers.api-server is not set");
        }
        return running;
    }
}
