package io.kubeplane.proxy.rules;

import io.kubeplane.proxy.desired.Endpoint;
import io.kubeplane.proxy.desired.ServicePortName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * kube-proxy's chain names, computed as it computes them so that rules written by kubeplane and by
 * kube-proxy name the same service the same way.
 *
 * <p>iptables ({@code pkg/proxy/iptables}): a prefix and the first 16 characters of
 * base32(sha256(text)), because a chain name may have at most 28 characters:
 *
 * <pre>
 * KUBE-SVC-  text = "ns/name:port" + protocol              cluster policy: all endpoints
 * KUBE-SVL-  text = the same                                local policy: this node's endpoints
 * KUBE-EXT-  text = the same                                external destinations
 * KUBE-FW-   text = the same                                load-balancer firewall
 * KUBE-SEP-  text = "ns/name:port" + protocol + "ip:port"  one endpoint
 * </pre>
 *
 * The protocol is lower case ({@code tcp}); {@code ns/name:port} is {@link ServicePortName#toString()}
 * ({@code ns/name} for an unnamed port).
 *
 * <p>nftables ({@code pkg/proxy/nftables}): readable names behind an 8-character hash of
 * themselves, {@code service-ULMVA6XW-ns1/svc1/tcp/p80} and
 * {@code endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80} (an IPv6 endpoint's colons become
 * dots); {@code local-}, {@code external-}, {@code firewall-} and the per-endpoint
 * {@code affinity-} set share the service's or endpoint's base.
 *
 * <p>Pure and thread-safe.
 */
public final class ChainNames {

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    /** knftables' NameLengthMax (256) less kube-proxy's longest prefix (16). */
    private static final int NFT_BASE_MAX = 240;
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    private ChainNames() {
    }

    /** {@code KUBE-SVC-…}: the service port's endpoints under the Cluster policy. */
    public static String service(ServicePortName name) {
        return "KUBE-SVC-" + portProtoHash(name);
    }

    /** {@code KUBE-SVL-…}: the service port's endpoints on this node, for a Local policy. */
    public static String local(ServicePortName name) {
        return "KUBE-SVL-" + portProtoHash(name);
    }

    /** {@code KUBE-EXT-…}: where NodePort, externalIP and LoadBalancer traffic goes first. */
    public static String external(ServicePortName name) {
        return "KUBE-EXT-" + portProtoHash(name);
    }

    /** {@code KUBE-FW-…}: the LoadBalancer source-range firewall. */
    public static String firewall(ServicePortName name) {
        return "KUBE-FW-" + portProtoHash(name);
    }

    /** {@code KUBE-SEP-…}: one endpoint of the service port. */
    public static String endpoint(ServicePortName name, Endpoint endpoint) {
        return "KUBE-SEP-" + base32Sha256(name + protocol(name) + endpoint.address(), 16);
    }

    /** The 16-character hash of the SVC, SVL, EXT and FW chains: kube-proxy's {@code portProtoHash}. */
    static String portProtoHash(ServicePortName name) {
        return base32Sha256(name + protocol(name), 16);
    }

    /** {@code service-HASH-ns/name/proto/port}. */
    public static String nftService(ServicePortName name) {
        return "service-" + nftBase(name);
    }

    /** {@code local-HASH-ns/name/proto/port}. */
    public static String nftLocal(ServicePortName name) {
        return "local-" + nftBase(name);
    }

    /** {@code external-HASH-ns/name/proto/port}. */
    public static String nftExternal(ServicePortName name) {
        return "external-" + nftBase(name);
    }

    /** {@code firewall-HASH-ns/name/proto/port}. */
    public static String nftFirewall(ServicePortName name) {
        return "firewall-" + nftBase(name);
    }

    /** {@code endpoint-HASH-ns/name/proto/port__ip/port}. */
    public static String nftEndpoint(ServicePortName name, Endpoint endpoint) {
        return "endpoint-" + nftEndpointBase(name, endpoint);
    }

    /** {@code affinity-HASH-ns/name/proto/port__ip/port}: the endpoint's ClientIP affinity set. */
    public static String nftAffinity(ServicePortName name, Endpoint endpoint) {
        return "affinity-" + nftEndpointBase(name, endpoint);
    }

    /** kube-proxy's {@code servicePortChainNameBase}. */
    static String nftBase(ServicePortName name) {
        return hashAndTruncate(name.namespace() + "/" + name.name() + "/" + protocol(name) + "/" + name.port());
    }

    /** kube-proxy's {@code servicePortEndpointChainNameBase}: colons are not allowed in chain names. */
    static String nftEndpointBase(ServicePortName name, Endpoint endpoint) {
        return hashAndTruncate(name.namespace() + "/" + name.name() + "/" + protocol(name) + "/" + name.port() + "__"
                               + endpoint.ip().replace(':', '.') + "/" + endpoint.port());
    }

    private static String hashAndTruncate(String name) {
        String hashed = base32Sha256(name, 8) + "-" + name;
        return hashed.length() > NFT_BASE_MAX ? hashed.substring(0, NFT_BASE_MAX - 3) + "..." : hashed;
    }

    private static String protocol(ServicePortName name) {
        return name.protocol().toLowerCase(Locale.ROOT);
    }

    /** The first {@code chars} characters of Go's {@code base32.StdEncoding} of sha256(text). */
    static String base32Sha256(String text, int chars) {
        MessageDigest digest = SHA256.get();
        byte[] hash = digest.digest(text.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[chars];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; n < chars; i++) {
            buffer = (buffer << 8) | (hash[i] & 0xff);
            bits += 8;
            while (bits >= 5 && n < chars) {
                out[n++] = BASE32[(buffer >>> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        return new String(out);
    }
}
