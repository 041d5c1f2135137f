package io.kubeplane.ipam.pool;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The usable addresses of a CIDR: without the network address, and for IPv4 without the broadcast
 * address; pod pools also skip the gateway ({@code .1}). Ranges are capped at {@link #MAX_SIZE}
 * addresses ({@code /12} for IPv4, {@code /108} for IPv6), as kube-apiserver caps its service range.
 *
 * @param kind        what the addresses are for
 * @param cidr        the range
 * @param firstOffset the offset of ordinal 0 from the network address
 * @param size        how many addresses are handed out
 * @param staticBand  see {@link Pool#staticBand()}
 */
public record AddressPool(PoolKind kind, IpCidr cidr, int firstOffset, int size, int staticBand) implements Pool {

    /** The largest pool: 2^20 addresses. */
    public static final int MAX_SIZE = 1 << 20;

    /** The ClusterIP pool of a service CIDR, with its KEP-3070 static band. */
    public static AddressPool serviceRange(IpCidr cidr) {
        int usable = usable(cidr);
        return new AddressPool(PoolKind.SERVICE_IPS, cidr, 1, usable, StaticBand.forServiceIps(usable));
    }

    /** A LoadBalancer pool: every usable address, all dynamic. */
    public static AddressPool loadBalancerRange(IpCidr cidr) {
        return new AddressPool(PoolKind.LOAD_BALANCER_IPS, cidr, 1, usable(cidr), 0);
    }

    /** The pod IPs of a node's podCIDR: the gateway ({@code .1}) kept back. */
    public static AddressPool podRange(IpCidr cidr) {
        return new AddressPool(PoolKind.POD_IPS, cidr, 2, usable(cidr) - 1, 0);
    }

    public AddressPool {
        if (size <= 0) {
            throw new IllegalArgumentException(cidr + " holds no usable address");
        }
    }

    private static int usable(IpCidr cidr) {
        // Clamped just above the cap, so a huge IPv6 range is measured without overflowing.
        long total = cidr.size().min(java.math.BigInteger.valueOf(MAX_SIZE + 3L)).longValueExact();
        long usable = cidr.isIpv6() || total <= 2 ? total - 1 : total - 2;
        if (usable > MAX_SIZE) {
            throw new IllegalArgumentException(cidr + " is too large: at most " + MAX_SIZE
                                               + " addresses (a /12 for IPv4, a /108 for IPv6)");
        }
        if (usable <= 0) {
            throw new IllegalArgumentException(cidr + " holds no usable address");
        }
        return (int) usable;
    }

    @Override
    public String name() {
        return kind == PoolKind.SERVICE_IPS ? cidr.toString() : kind.label() + ":" + cidr;
    }

    @Override
    public String valueAt(int ordinal) {
        checkOrdinal(ordinal);
        return cidr.addressAt((long) ordinal + firstOffset);
    }

    @Override
    public OptionalInt ordinalOf(String value) {
        OptionalLong offset = cidr.offsetOf(value);
        if (offset.isEmpty() || offset.getAsLong() < firstOffset || offset.getAsLong() - firstOffset >= size) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) (offset.getAsLong() - firstOffset));
    }

    @Override
    public String range() {
        return cidr.toString();
    }

    public String family() {
        return cidr.family();
    }

    private void checkOrdinal(int ordinal) {
        if (ordinal < 0 || ordinal >= size) {
            throw new IndexOutOfBoundsException("ordinal " + ordinal + " is outside " + name());
        }
    }
}
