package io.kubeplane.model.defaults;

import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

/**
 * Defaults of the endpoint kinds: Endpoints ports TCP ({@code SetDefaults_Endpoints}), and
 * EndpointSlice ports TCP with an empty name when unnamed (discovery/v1 {@code SetDefaults_EndpointPort}).
 *
 * <p>Stateless and thread-safe; called by {@link Defaulting}.
 */
final class DiscoveryDefaults {

    private DiscoveryDefaults() {
    }

    static void apply(Endpoints endpoints) {
        for (EndpointSubset subset : Values.nonNull(endpoints.getSubsets())) {
            for (EndpointPort port : Values.nonNull(subset.getPorts())) {
                if (Values.isEmpty(port.getProtocol())) {
                    port.setProtocol("TCP");
                }
            }
        }
    }

    static void apply(EndpointSlice slice) {
        for (var port : Values.nonNull(slice.getPorts())) {
            if (port.getName() == null) {
                port.setName("");
            }
            if (Values.isEmpty(port.getProtocol())) {
                port.setProtocol("TCP");
            }
        }
    }
}
