package io.kubeplane.ipam.pool;

import java.util.OptionalInt;

/**
 * A finite set of values handed out one per owner: the addresses of a CIDR, a port range, the
 * subnets of a cluster CIDR. Values are numbered by ordinal {@code 0..size-1}; the store keeps
 * ordinals, people see values. Implementations are immutable.
 */
public sealed interface Pool permits AddressPool, PortPool, SubnetPool {

    /** Unique among pools: the range itself for address pools ({@code 10.96.0.0/12}), else a label. */
    String name();

    PoolKind kind();

    /** How many values the pool holds. */
    int size();

    /**
     * How many of the lowest ordinals are kept for requested values: dynamic picks take them only
     * when the rest is full (KEP-3070 for service IPs, KEP-3668 for NodePorts).
     */
    int staticBand();

    /** The value at {@code ordinal}, as written in objects ({@code 10.96.0.10}, {@code 30080}). */
    String valueAt(int ordinal);

    /** The ordinal of {@code value}, or empty when the pool does not hold it. */
    OptionalInt ordinalOf(String value);

    /** The range as people write it: {@code 10.96.0.0/12}, {@code 30000-32767}. */
    String range();
}
