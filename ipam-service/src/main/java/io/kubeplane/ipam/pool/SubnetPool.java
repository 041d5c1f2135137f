package io.kubeplane.ipam.pool;

import java.util.OptionalInt;

/**
 * The subnets of one size cut from the cluster CIDR: each Node's podCIDR ({@code /24}s of
 * {@code 10.244.0.0/16} by default).
 *
 * @param cidr       the cluster CIDR
 * @param subnetBits the prefix length of each subnet
 */
public record SubnetPool(IpCidr cidr, int subnetBits) implements Pool {

    public SubnetPool {
        int maxBits = cidr.isIpv6() ? 128 : 32;
        if (subnetBits < cidr.prefixLength() || subnetBits > maxBits) {
            throw new IllegalArgumentException("a /" + subnetBits + " does not fit in " + cidr);
        }
        if (subnetBits - cidr.prefixLength() > 20) {
            throw new IllegalArgumentException(cidr + " cut in /" + subnetBits + "s gives too many subnets (at most 2^20)");
        }
    }

    @Override
    public String name() {
        return PoolKind.NODE_CIDRS.label() + ":" + cidr;
    }

    @Override
    public PoolKind kind() {
        return PoolKind.NODE_CIDRS;
    }

    @Override
    public int size() {
        return 1 << (subnetBits - cidr.prefixLength());
    }

    @Override
    public int staticBand() {
        return 0;
    }

    @Override
    public String valueAt(int ordinal) {
        if (ordinal < 0 || ordinal >= size()) {
            throw new IndexOutOfBoundsException("ordinal " + ordinal + " is outside " + name());
        }
        return cidr.subnet(ordinal, subnetBits).toString();
    }

    @Override
    public OptionalInt ordinalOf(String value) {
        IpCidr subnet;
        try {
            subnet = IpCidr.parse(value);
        } catch (IllegalArgumentException e) {
            return OptionalInt.empty();
        }
        if (subnet.prefixLength() != subnetBits) {
            return OptionalInt.empty();
        }
        var index = cidr.subnetIndexOf(subnet);
        return index.isEmpty() || index.getAsLong() >= size() ? OptionalInt.empty() : OptionalInt.of((int) index.getAsLong());
    }

    @Override
    public String range() {
        return cidr + " in /" + subnetBits + "s";
    }
}
