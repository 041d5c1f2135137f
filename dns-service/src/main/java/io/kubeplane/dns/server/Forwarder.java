package io.kubeplane.dns.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;

/**
 * Sends questions for names outside the cluster zone to the configured upstream resolvers, in
 * order, each with a timeout, the way CoreDNS' {@code forward} plugin does for a cluster. Only
 * built when upstreams are configured: without them such questions are REFUSED, so the server is
 * never an open resolver by accident. Thread-safe.
 */
public final class Forwarder {

    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

    private final List<InetSocketAddress> upstreams;
    private final Duration timeout;

    /** @param upstreams {@code host:port} or {@code host} (port 53) */
    public Forwarder(List<String> upstreams, Duration timeout) {
        if (upstreams.isEmpty()) {
            throw new IllegalArgumentException("no upstream to forward to");
        }
        this.upstreams = upstreams.stream().map(Forwarder::address).toList();
        this.timeout = timeout;
    }

    /** The upstream's answer to {@code query}, or empty when none answered in time. */
    public Optional<Message> forward(Message query, boolean tcp) {
        for (InetSocketAddress upstream : upstreams) {
            try {
                SimpleResolver resolver = new SimpleResolver(upstream);
                resolver.setTimeout(timeout);
                resolver.setTCP(tcp);
                return Optional.of(resolver.send(query));
            } catch (IOException e) {
                log.debug("upstream {} did not answer: {}", upstream, e.toString());
            }
        }
        return Optional.empty();
    }

    static InetSocketAddress address(String upstream) {
        String host = upstream;
        int port = 53;
        int colon = upstream.lastIndexOf(':');
        if (colon > 0 && upstream.indexOf(':') == colon) {
            host = upstream.substring(0, colon);
            port = Integer.parseInt(upstream.substring(colon + 1));
        }
        return new InetSocketAddress(host, port);
    }
}
