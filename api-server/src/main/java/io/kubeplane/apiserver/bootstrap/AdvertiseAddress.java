package io.kubeplane.apiserver.bootstrap;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The address an api-server replica lists in the {@code default/kubernetes} Endpoints: the one
 * configured, else the first IPv4 address of an interface that is up and not loopback, as
 * kube-apiserver picks one when {@code --advertise-address} is not given. Endpoints may not hold
 * loopback addresses, so there may be none.
 */
final class AdvertiseAddress {

    private AdvertiseAddress() {
    }

    static Optional<String> resolve(@Nullable String configured) {
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured.strip());
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        return Optional.of(address.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
