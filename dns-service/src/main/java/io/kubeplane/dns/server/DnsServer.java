package io.kubeplane.dns.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UDP and TCP on one port, each query handed to the {@link Resolver}. UDP is read by a few threads
 * sharing the socket, each answering inline what it read (a lookup is a few map reads); each TCP
 * connection has a virtual thread of its own, takes length-prefixed queries until the client closes it or idles for ten seconds. Nothing a
 * client sends ends the server: bad packets are answered FORMERR or dropped. Metrics, in CoreDNS'
 * spirit: {@code dns_requests_total{proto,type,rcode}} and {@code dns_request_duration_seconds}.
 */
public final class DnsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DnsServer.class);
    private static final int IDLE_MS = 10_000;
    private static final int UDP_READERS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final Resolver resolver;
    private final MeterRegistry registry;
    private final Timer duration;
    private record CounterKey(String proto, String type, String rcode) {
    }

    private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();
    private final DatagramChannel udp;
    private final ServerSocket tcp;
    private volatile boolean closed;

    public DnsServer(Resolver resolver, InetAddress address, int port, MeterRegistry registry) throws IOException {
        this(resolver, address, port, registry, UDP_READERS);
    }

    /** @param udpReaders threads reading UDP; with one, answers leave in the order queries came */
    DnsServer(Resolver resolver, InetAddress address, int port, MeterRegistry registry, int udpReaders) throws IOException {
        this.resolver = resolver;
        this.registry = registry;
        this.duration = Timer.builder("dns.request.duration").description("Time to answer one query")
                .publishPercentileHistogram().register(registry);
        this.tcp = new ServerSocket();
        this.tcp.setReuseAddress(true);
        this.tcp.bind(new InetSocketAddress(address, port), 128);
        int bound = tcp.getLocalPort();
        this.udp = DatagramChannel.open();
        this.udp.bind(new InetSocketAddress(address, bound));
        // Readers share the channel: one receives while another resolves and sends.
        for (int i = 0; i < udpReaders; i++) {
            Thread.ofPlatform().daemon().name("dns-udp-" + i).start(this::serveUdp);
        }
        Thread.ofPlatform().daemon().name("dns-tcp").start(this::serveTcp);
        log.info("DNS on {} port {}, UDP and TCP", address.getHostAddress(), bound);
    }

    /** The port the server listens on (UDP and TCP). */
    public int port() {
        return tcp.getLocalPort();
    }

    private void serveUdp() {
        ByteBuffer in = ByteBuffer.allocate(65535);
        while (!closed) {
            try {
                in.clear();
                SocketAddress client = udp.receive(in);
                in.flip();
                byte[] query = new byte[in.remaining()];
                in.get(query);
                byte[] response = answer(query, true, "udp");
                if (response != null) {
                    udp.send(ByteBuffer.wrap(response), client);
                }
            } catch (IOException e) {
                if (!closed) {
                    log.debug("UDP: {}", e.toString());
                }
            } catch (RuntimeException e) {
                log.warn("UDP query failed: {}", e.toString());
            }
        }
    }

    private void serveTcp() {
        while (!closed) {
            try {
                Socket socket = tcp.accept();
                Thread.ofVirtual().name("dns-tcp-connection").start(() -> serveConnection(socket));
            } catch (IOException e) {
                if (!closed) {
                    log.debug("TCP accept: {}", e.toString());
                }
            }
        }
    }

    private void serveConnection(Socket socket) {
        try (socket) {
            socket.setSoTimeout(IDLE_MS);
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            while (!closed) {
                int length = in.readUnsignedShort();
                byte[] query = new byte[length];
                in.readFully(query);
                byte[] response = answer(query, false, "tcp");
                if (response == null) {
                    return;
                }
                // One write of prefix and answer: two small writes would wait out the client's delayed ACK (Nagle).
                byte[] framed = new byte[response.length + 2];
                framed[0] = (byte) (response.length >> 8);
                framed[1] = (byte) response.length;
                System.arraycopy(response, 0, framed, 2, response.length);
                out.write(framed);
                out.flush();
            }
        } catch (EOFException | SocketTimeoutException e) {
            // the client is done, or idle
        } catch (IOException | RuntimeException e) {
            log.debug("TCP connection: {}", e.toString());
        }
    }

    private byte[] answer(byte[] query, boolean overUdp, String proto) {
        long start = System.nanoTime();
        Resolver.Outcome outcome = resolver.resolve(query, overUdp);
        duration.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        counters.computeIfAbsent(new CounterKey(proto, outcome.type(), outcome.rcode()), k -> Counter.builder("dns.requests")
                .tag("proto", proto).tag("type", outcome.type()).tag("rcode", outcome.rcode())
                .description("Queries by protocol, type and answer code").register(registry)).increment();
        if (log.isDebugEnabled() && outcome.answer() != null) {
            log.debug("{} {}: {}", outcome.type(), outcome.rcode(), outcome.answer().explanation());
        }
        return outcome.response();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        udp.close();
        tcp.close();
    }
}
