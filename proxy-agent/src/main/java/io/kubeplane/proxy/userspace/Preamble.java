package io.kubeplane.proxy.userspace;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one line that opens every stream of the pod network, naming the pod port it is for, as the
 * outer header of a CNI tunnel names the inner packet's destination:
 *
 * <pre>
 *   POD TCP 10.244.1.5 8080\n      then the connection's bytes, both ways
 *   POD UDP 10.244.1.5 53\n        then datagrams, each a 2-byte big-endian length and its bytes, both ways
 * </pre>
 *
 * The receiving agent refuses (resets) a stream whose pod port does not run on its node. Pure.
 *
 * @param protocol {@code TCP} or {@code UDP}
 */
public record Preamble(String protocol, String ip, int port) {

    /** The longest line accepted, an IPv6 address included. */
    public static final int MAX_LENGTH = 80;

    public byte[] encode() {
        return ("POD " + protocol + " " + ip + " " + port + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses a line without its newline; empty when it is not a preamble. */
    public static Optional<Preamble> parse(String line) {
        String[] parts = line.strip().split(" ");
        if (parts.length != 4 || !parts[0].equals("POD") || !(parts[1].equals("TCP") || parts[1].equals("UDP"))
            || parts[2].isEmpty()) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(parts[3]);
            return port > 0 && port < 65536 ? Optional.of(new Preamble(parts[1], parts[2], port)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
