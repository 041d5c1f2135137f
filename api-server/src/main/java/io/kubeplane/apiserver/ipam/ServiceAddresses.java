package io.kubeplane.apiserver.ipam;

import io.kubeplane.apiserver.rest.AddressAllocator;
import io.kubeplane.model.ApiResource;
import io.kubeplane.model.ApiResources;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Services' cluster IPs and NodePorts, from ipam-service: taken before a Service is written,
 * given back when a write fails, when a change drops them, and when the Service is deleted. A
 * give-back that fails is only logged: ipam-service's repair loop frees what no Service holds.
 * Thread-safe.
 */
public final class ServiceAddresses implements AddressAllocator {

    private static final Logger log = LoggerFactory.getLogger(ServiceAddresses.class);

    private final IpamClient ipam;

    public ServiceAddresses(IpamClient ipam) {
        this.ipam = ipam;
    }

    @Override
    public Reservation reserve(ApiResource resource, ObjectNode object, @Nullable ObjectNode old, boolean dryRun) {
        if (!resource.equals(ApiResources.SERVICES)) {
            return Reservation.NONE;
        }
        Optional<ObjectNode> request = ServiceAddressPlan.request(object, dryRun);
        ServiceAddressPlan.Held taken = ServiceAddressPlan.Held.NONE;
        // An update that asks for exactly what the stored Service already holds (a label, a selector,
        // a port name changed) needs no round trip: the stored values were allocated when written.
        boolean unchanged = old != null && request.equals(ServiceAddressPlan.request(old, dryRun));
        if (request.isPresent() && !unchanged) {
            JsonNode allocation = ipam.post("/ipam/v1/services/allocations", request.get());
            ServiceAddressPlan.apply(object, allocation);
            JsonNode allocated = allocation.path("allocated");
            taken = new ServiceAddressPlan.Held(
                    allocated.path("clusterIPs").valueStream().map(JsonNode::asString).toList(),
                    allocated.path("nodePorts").valueStream().map(JsonNode::asInt).toList());
        }
        if (dryRun) {
            return Reservation.NONE;
        }
        String uid = object.path("metadata").path("uid").asString("");
        ServiceAddressPlan.Held newlyTaken = taken;
        return new Reservation() {
            @Override
            public void committed() {
                release(uid, ServiceAddressPlan.held(old).minus(ServiceAddressPlan.held(object)));
            }

            @Override
            public void abandoned() {
                release(uid, newlyTaken);
            }
        };
    }

    @Override
    public void released(ApiResource resource, ObjectNode deleted) {
        if (resource.equals(ApiResources.SERVICES)) {
            release(deleted.path("metadata").path("uid").asString(""), ServiceAddressPlan.held(deleted));
        }
    }

    private void release(String uid, ServiceAddressPlan.Held values) {
        if (values.isEmpty()) {
            return;
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("uid", uid);
        ArrayNode ips = body.putArray("clusterIPs");
        values.clusterIPs().forEach(ips::add);
        ArrayNode ports = body.putArray("nodePorts");
        values.nodePorts().forEach(ports::add);
        try {
            ipam.post("/ipam/v1/services/releases", body);
        } catch (RuntimeException e) {
            log.warn("Could not give back {} of Service uid {}; ipam-service's repair loop will: {}", values, uid, e.getMessage());
        }
    }
}
