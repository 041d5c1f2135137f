package io.kubeplane.model.validation;

/**
 * An inclusive range of ports, e.g. the NodePort range {@code 30000-32767}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param first lowest port in the range
 * @param last  highest port in the range
 */
public record PortRange(int first, int last) {

    /** Kubernetes' default NodePort range, {@code --service-node-port-range=30000-32767}. */
    public static final PortRange DEFAULT_NODE_PORTS = new PortRange(30000, 32767);

    public PortRange {
        if (first < 1 || last > 65535 || first > last) {
            throw new IllegalArgumentException("not a port range: " + first + "-" + last);
        }
    }

    /** Parses {@code first-last}, or a single port, as kube-apiserver's flag does. */
    public static PortRange parse(String text) {
        String[] parts = text.trim().split("-", -1);
        try {
            return switch (parts.length) {
                case 1 -> new PortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[0].trim()));
                case 2 -> new PortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
                default -> throw new IllegalArgumentException("not a port range: " + text);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port range: " + text, e);
        }
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    public int size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
