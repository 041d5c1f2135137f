package io.kubeplane.ipam.pool;

/**
 * The size of the low band kept for static requests: {@code min(max(lower, size / step), upper)},
 * and none for ranges smaller than {@code lower}. Kubernetes' values: service IPs 16, /16, 256
 * (KEP-3070); NodePorts 16, /32, 128 (KEP-3668).
 */
public final class StaticBand {

    private StaticBand() {
    }

    /** The static band of a service CIDR with {@code size} usable addresses. */
    public static int forServiceIps(long size) {
        return of(size, 16, 16, 256);
    }

    /** The static band of a NodePort range of {@code size} ports. */
    public static int forNodePorts(long size) {
        return of(size, 16, 32, 128);
    }

    static int of(long size, int lower, int step, int upper) {
        if (size < lower) {
            return 0;
        }
        return (int) Math.min(Math.max(lower, size / step), upper);
    }
}
