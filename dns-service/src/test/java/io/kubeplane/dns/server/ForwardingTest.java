package io.kubeplane.dns.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.dns.zone.ClusterZone;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** Names outside the zone go to the upstreams when some are configured, over real UDP and TCP. */
class ForwardingTest {

    private static final Name CLUSTER = Name.fromConstantString("cluster.local.");

    private static byte[] query(String name, int type) throws Exception {
        Message query = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
        query.getHeader().setID(4242);
        return query.toWire();
    }

    @Test
    void anOutsideNameIsAnsweredByTheUpstreamUnderTheClientsId() throws Exception {
        // The upstream: another server, authoritative for example.
        ClusterZone upstreamZone = new ClusterZone(Name.fromString("example."), 30);
        try (DnsServer upstream = new DnsServer(new Resolver(upstreamZone, () -> true), InetAddress.getLoopbackAddress(), 0,
                new SimpleMeterRegistry())) {
            Resolver resolver = new Resolver(new ClusterZone(CLUSTER, 5), () -> true,
                    new Forwarder(List.of("127.0.0.1:" + upstream.port()), Duration.ofSeconds(2)));
            for (boolean udp : new boolean[] {true, false}) {
                Message answer = new Message(resolver.resolve(query("dns-version.example.", Type.TXT), udp).response());
                assertThat(answer.getHeader().getID()).isEqualTo(4242);
                assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
                assertThat(((TXTRecord) answer.getSection(Section.ANSWER).getFirst()).getStrings()).containsExactly("1.1.0");
            }
            Message missing = new Message(resolver.resolve(query("nope.example.", Type.A), true).response());
            assertThat(missing.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        }
    }

    @Test
    void withoutUpstreamsOutsideNamesAreRefusedAndADeadUpstreamIsServfail() throws Exception {
        Resolver closed = new Resolver(new ClusterZone(CLUSTER, 5), () -> true);
        assertThat(new Message(closed.resolve(query("example.com.", Type.A), true).response()).getRcode()).isEqualTo(Rcode.REFUSED);

        int silent;
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silent = socket.getLocalPort(); // bound and never read: the upstream never answers
            Resolver stuck = new Resolver(new ClusterZone(CLUSTER, 5), () -> true,
                    new Forwarder(List.of("127.0.0.1:" + silent), Duration.ofMillis(300)));
            long start = System.nanoTime();
            Message answer = new Message(stuck.resolve(query("example.com.", Type.A), true).response());
            assertThat(answer.getRcode()).isEqualTo(Rcode.SERVFAIL);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
        // Cluster names are never forwarded.
        Resolver stuck = new Resolver(new ClusterZone(CLUSTER, 5), () -> true,
                new Forwarder(List.of("127.0.0.1:" + silent), Duration.ofMillis(300)));
        assertThat(new Message(stuck.resolve(query("nope.default.svc.cluster.local.", Type.A), true).response()).getRcode())
                .isEqualTo(Rcode.NXDOMAIN);
    }
}
