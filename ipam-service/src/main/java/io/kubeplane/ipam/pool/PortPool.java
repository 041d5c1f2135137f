package io.kubeplane.ipam.pool;

import java.util.OptionalInt;

/**
 * A port range, {@code first-last} inclusive: the NodePorts, unique across the cluster.
 *
 * @param first the lowest port
 * @param last  the highest port
 */
public record PortPool(int first, int last) implements Pool {

    public PortPool {
        if (first < 1 || last > 65535 || first > last) {
            throw new IllegalArgumentException("not a port range: " + first + "-" + last);
        }
    }

    /** Parses {@code 30000-32767}. */
    public static PortPool parse(String text) {
        int dash = text.indexOf('-');
        try {
            return dash < 0 ? new PortPool(Integer.parseInt(text.trim()), Integer.parseInt(text.trim()))
                    : new PortPool(Integer.parseInt(text.substring(0, dash).trim()),
                            Integer.parseInt(text.substring(dash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port range (first-last): " + text, e);
        }
    }

    @Override
    public String name() {
        return "node-ports";
    }

    @Override
    public PoolKind kind() {
        return PoolKind.NODE_PORTS;
    }

    @Override
    public int size() {
        return last - first + 1;
    }

    @Override
    public int staticBand() {
        return StaticBand.forNodePorts(size());
    }

    @Override
    public String valueAt(int ordinal) {
        if (ordinal < 0 || ordinal >= size()) {
            throw new IndexOutOfBoundsException("ordinal " + ordinal + " is outside " + range());
        }
        return Integer.toString(first + ordinal);
    }

    @Override
    public OptionalInt ordinalOf(String value) {
        try {
            int port = Integer.parseInt(value);
            return port < first || port > last ? OptionalInt.empty() : OptionalInt.of(port - first);
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    @Override
    public String range() {
        return first + "-" + last;
    }
}
