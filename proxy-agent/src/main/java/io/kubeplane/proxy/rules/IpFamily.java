package io.kubeplane.proxy.rules;

/**
 * An IP family as kube-proxy runs one proxier per family: which addresses belong to it and how
 * iptables and nftables spell it. Immutable.
 */
public enum IpFamily {
    V4("ip", "ipv4_addr", "127.0.0.0/8", "/32"),
    V6("ip6", "ipv6_addr", "::1", "/128");

    private final String nft;
    private final String addrType;
    private final String loopback;
    private final String hostMask;

    IpFamily(String nft, String addrType, String loopback, String hostMask) {
        this.nft = nft;
        this.addrType = addrType;
        this.loopback = loopback;
        this.hostMask = hostMask;
    }

    /** The family of an address literal (or CIDR): IPv6 has colons. */
    public static IpFamily of(String address) {
        return address.indexOf(':') >= 0 ? V6 : V4;
    }

    public boolean contains(String address) {
        return of(address) == this;
    }

    /** {@code ip} or {@code ip6}: the nftables table family and address expression. */
    public String nft() {
        return nft;
    }

    /** {@code ipv4_addr} or {@code ipv6_addr}: the nftables set type. */
    public String addrType() {
        return addrType;
    }

    /** The loopback range kube-proxy keeps NodePorts off: {@code 127.0.0.0/8} or {@code ::1}. */
    public String loopback() {
        return loopback;
    }

    /** {@code /32} or {@code /128}. */
    public String hostMask() {
        return hostMask;
    }

    /** Whether the address is a loopback address, where kube-proxy serves no NodePorts. */
    public static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("::1");
    }
}
