package io.kubeplane.proxy.rules;

import io.kubeplane.proxy.desired.Endpoint;
import io.kubeplane.proxy.desired.ServicePortName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * kube-proxy's iptables chain names: a prefix and the first 16 characters of the base32 (RFC 4648,
 * standard alphabet) SHA-256 of the service port name and protocol — plus the endpoint for
 * {@code KUBE-SEP-} — so the same service port gets the same chains on every node and every
 * restart, as {@code servicePortChainName} and {@code servicePortEndpointChainName} make them. Pure.
 */
public final class ChainNames {

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private ChainNames() {
    }

    /** {@code KUBE-SVC-…}: where ClusterIP traffic is balanced. */
    public static String service(ServicePortName name) {
        return "KUBE-SVC-" + hash(name.toString() + name.protocol().toLowerCase(java.util.Locale.ROOT));
    }

    /** {@code KUBE-EXT-…}: where external traffic (NodePort, externalIPs, LB IPs) enters. */
    public static String external(ServicePortName name) {
        return "KUBE-EXT-" + hash(name.toString() + name.protocol().toLowerCase(java.util.Locale.ROOT));
    }

    /** {@code KUBE-SVL-…}: the local endpoints of a Local traffic policy. */
    public static String local(ServicePortName name) {
        return "KUBE-SVL-" + hash(name.toString() + name.protocol().toLowerCase(java.util.Locale.ROOT));
    }

    /** {@code KUBE-SEP-…}: one endpoint's DNAT. */
    public static String endpoint(ServicePortName name, Endpoint endpoint) {
        return "KUBE-SEP-" + hash(name.toString() + name.protocol().toLowerCase(java.util.Locale.ROOT) + endpoint.address());
    }

    static String hash(String text) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return base32(digest).substring(0, 16);
    }

    static String base32(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
