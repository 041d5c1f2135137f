package io.kubeplane.dns.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.kubeplane.dns.zone.ClusterZone;
import io.kubeplane.dns.zone.ServiceRecords;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A seeded, bounded fuzz run against the real server on loopback: thousands of malformed packets
 * over UDP and TCP — random bytes, truncated and bit-flipped queries, compression loops, bad
 * label lengths, odd counts and opcodes, odd EDNS0 — and after each UDP packet a valid query whose
 * answer must still come. Whatever comes back for a malformed packet parses, carries the query's
 * id and an answer code a server may give; nothing a client sends stops the server.
 */
class MalformedQueryFuzzTest {

    private static final Name ZONE = Name.fromConstantString("cluster.local.");
    private static final Set<Integer> EXPECTED_RCODES = Set.of(Rcode.NOERROR, Rcode.FORMERR, Rcode.SERVFAIL, Rcode.NXDOMAIN,
            Rcode.NOTIMP, Rcode.REFUSED, Rcode.BADVERS);
    private static final int CANARY_ID = 0xCAFE;

    private DnsServer server;
    private DatagramChannel udp;
    private final Random random = new Random(20261122);
    private int answered;
    private int dropped;

    @BeforeEach
    void start() throws IOException {
        ClusterZone zone = new ClusterZone(ZONE, 5);
        var web = new ServiceBuilder().withNewMetadata().withNamespace("ns").withName("web").endMetadata()
                .withNewSpec().withClusterIP("10.96.0.20").addNewPort().withName("http").withProtocol("TCP").withPort(80).endPort()
                .endSpec().build();
        zone.put("ns/web", ServiceRecords.of(web, List.of(), ZONE, 5));
        // One UDP reader, so that answers come back in the order the packets went.
        server = new DnsServer(new Resolver(zone, () -> true), InetAddress.getLoopbackAddress(), 0, new SimpleMeterRegistry(), 1);
        udp = DatagramChannel.open();
        udp.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
        udp.socket().setSoTimeout(2000);
    }

    @AfterEach
    void stop() throws IOException {
        udp.close();
        server.close();
    }

    @Test
    void malformedPacketsOverUdpGetACleanAnswerOrNoneAndTheServerKeepsAnswering() throws Exception {
        List<byte[]> packets = new ArrayList<>();
        byte[] valid = query("web.ns.svc.cluster.local.", Type.A, 0x1234, null);
        byte[] withEdns = query("_http._tcp.web.ns.svc.cluster.local.", Type.SRV, 0x2345, new OPTRecord(1232, 0, 0));
        for (int i = 0; i < 1500; i++) {
            packets.add(randomBytes(random.nextInt(600)));
        }
        for (int i = 0; i < 1500; i++) {
            byte[] base = i % 2 == 0 ? valid : withEdns;
            packets.add(Arrays.copyOf(base, random.nextInt(base.length)));
            packets.add(flipBits(base, 1 + random.nextInt(8)));
        }
        packets.addAll(crafted());

        for (byte[] packet : packets) {
            udp.write(ByteBuffer.wrap(packet));
            udp.write(ByteBuffer.wrap(query("web.ns.svc.cluster.local.", Type.A, CANARY_ID, null)));
            // The server answers in order: what comes before the canary's answer is the packet's.
            while (true) {
                Message response = receive();
                if (response.getHeader().getID() == CANARY_ID && isCanaryAnswer(response)) {
                    break;
                }
                checkAnswerTo(packet, response);
                answered++;
            }
        }
        dropped = packets.size() - answered;
        assertThat(answered).as("most malformed packets with a readable header get FORMERR or an answer").isGreaterThan(2500);
        assertThat(dropped).as("short packets and responses are dropped").isPositive();
        assertValidQueriesStillAnswered();
    }

    @Test
    void malformedFramesOverTcpCloseOnlyTheirOwnConnection() throws Exception {
        // A zero-length frame, a length beyond the data, a length with no data, then random frames.
        List<byte[]> raw = List.of(new byte[] {0, 0}, new byte[] {(byte) 0xff, (byte) 0xff, 1, 2, 3}, new byte[] {0, 40},
                new byte[] {0});
        for (byte[] bytes : raw) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                socket.setSoTimeout(2000);
                socket.getOutputStream().write(bytes);
                socket.shutdownOutput();
                readFrames(socket);
            }
        }
        // Then random and bit-flipped frames, each followed by a valid query on the same connection. A
        // frame the server cannot answer (too short to carry an id, or a response) ends the connection.
        Socket socket = null;
        int closedByServer = 0;
        int answeredOverTcp = 0;
        try {
            for (int i = 0; i < 300; i++) {
                if (socket == null) {
                    socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
                    socket.setSoTimeout(2000);
                }
                DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(socket.getOutputStream()));
                DataInputStream in = new DataInputStream(socket.getInputStream());
                byte[] packet = i % 3 == 0 ? randomBytes(12 + random.nextInt(300))
                        : flipBits(query("web.ns.svc.cluster.local.", Type.A, 0x4000 + i, null), 1 + random.nextInt(6));
                byte[] canary = query("web.ns.svc.cluster.local.", Type.A, CANARY_ID, null);
                try {
                    out.writeShort(packet.length);
                    out.write(packet);
                    out.writeShort(canary.length);
                    out.write(canary);
                    out.flush();
                    Message response = tcpFrame(in);
                    if (!isCanaryAnswer(response)) {
                        checkAnswerTo(packet, response);
                        answeredOverTcp++;
                        assertThat(isCanaryAnswer(tcpFrame(in))).as("the valid query's answer follows").isTrue();
                    }
                } catch (java.io.EOFException | java.net.SocketException closed) {
                    closedByServer++;
                    socket.close();
                    socket = null;
                }
            }
        } finally {
            if (socket != null) {
                socket.close();
            }
        }
        assertThat(answeredOverTcp).isGreaterThan(150);
        assertThat(closedByServer + answeredOverTcp).isLessThanOrEqualTo(300);
        assertValidQueriesStillAnswered();
    }

    @Test
    void ednsOfAnotherVersionIsAnsweredBadvers() throws Exception {
        OPTRecord version1 = new OPTRecord(1232, 0, 1);
        udp.write(ByteBuffer.wrap(query("web.ns.svc.cluster.local.", Type.A, 0x0101, version1)));
        Message response = receive();
        assertThat(response.getHeader().getID()).isEqualTo(0x0101);
        assertThat(response.getRcode()).isEqualTo(Rcode.BADVERS);
        assertThat(response.getSection(Section.ANSWER)).isEmpty();
        assertThat(response.getOPT()).isNotNull();
        assertThat(response.getOPT().getVersion()).isZero();
    }

    /** Handmade packets that once broke DNS servers. */
    private List<byte[]> crafted() throws Exception {
        List<byte[]> packets = new ArrayList<>();
        byte[] header = {0x11, 0x11, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
        // A name that points to itself, and two that point to each other.
        packets.add(concat(header, new byte[] {(byte) 0xc0, 0x0c, 0x00, 0x01, 0x00, 0x01}));
        packets.add(concat(header, new byte[] {0x01, 'a', (byte) 0xc0, 0x0e, 0x00, 0x01, 0x00, 0x01}));
        // Label types 01 and 10 (reserved), a label longer than 63, a label past the packet's end.
        packets.add(concat(header, new byte[] {0x41, 'a', 0x00, 0x00, 0x01, 0x00, 0x01}));
        packets.add(concat(header, new byte[] {(byte) 0x81, 'a', 0x00, 0x00, 0x01, 0x00, 0x01}));
        packets.add(concat(header, new byte[] {0x3f, 'a', 'b'}));
        // A name over 255 octets.
        byte[] longName = new byte[300];
        for (int i = 0; i + 10 < longName.length; i += 10) {
            longName[i] = 9;
            Arrays.fill(longName, i + 1, i + 10, (byte) 'x');
        }
        packets.add(concat(header, longName, new byte[] {0x00, 0x00, 0x01, 0x00, 0x01}));
        // No question; two questions; counts far beyond the data.
        byte[] valid = query("web.ns.svc.cluster.local.", Type.A, 0x2222, null);
        packets.add(withCount(valid, 4, 0));
        Message two = Message.newQuery(Record.newRecord(Name.fromString("web.ns.svc.cluster.local."), Type.A, DClass.IN));
        two.addRecord(Record.newRecord(Name.fromString("web.ns.svc.cluster.local."), Type.AAAA, DClass.IN), Section.QUESTION);
        packets.add(two.toWire());
        packets.add(withCount(valid, 6, 0xffff));
        packets.add(withCount(valid, 10, 0xffff));
        // Opcodes other than QUERY: IQUERY, STATUS, NOTIFY, UPDATE.
        for (int opcode : new int[] {1, 2, 4, 5}) {
            byte[] other = valid.clone();
            other[2] = (byte) ((other[2] & 0x87) | (opcode << 3));
            packets.add(other);
        }
        // A response sent as a query (QR set), class CHAOS and class NONE, type ANY and AXFR over UDP.
        byte[] response = valid.clone();
        response[2] |= (byte) 0x80;
        packets.add(response);
        packets.add(Message.newQuery(Record.newRecord(Name.fromString("version.bind."), Type.TXT, DClass.CH)).toWire());
        packets.add(Message.newQuery(Record.newRecord(Name.fromString("web.ns.svc.cluster.local."), Type.A, DClass.NONE)).toWire());
        packets.add(query("web.ns.svc.cluster.local.", Type.ANY, 0x3333, null));
        packets.add(query("cluster.local.", Type.AXFR, 0x3334, null));
        // EDNS0 buffers of 0, 1 and 65535, and two OPT records.
        for (int payload : new int[] {0, 1, 65535}) {
            packets.add(query("web.ns.svc.cluster.local.", Type.A, 0x3400 + payload % 256, new OPTRecord(payload, 0, 0)));
        }
        Message twoOpts = Message.newQuery(Record.newRecord(Name.fromString("web.ns.svc.cluster.local."), Type.A, DClass.IN));
        twoOpts.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        twoOpts.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
        packets.add(twoOpts.toWire());
        // A query with an answer section full of junk records.
        Message stuffed = Message.newQuery(Record.newRecord(Name.fromString("web.ns.svc.cluster.local."), Type.A, DClass.IN));
        for (int i = 0; i < 40; i++) {
            stuffed.addRecord(new ARecord(Name.fromString("x" + i + ".example."), DClass.IN, 0, InetAddress.getByName("10.0.0." + i)),
                    Section.ANSWER);
        }
        packets.add(stuffed.toWire());
        return packets;
    }

    private void checkAnswerTo(byte[] packet, Message response) {
        if (packet.length >= 2) {
            int id = ((packet[0] & 0xff) << 8) | (packet[1] & 0xff);
            assertThat(response.getHeader().getID()).as("the answer carries the query's id").isEqualTo(id);
        }
        assertThat(EXPECTED_RCODES).as("rcode %s", Rcode.string(response.getRcode())).contains(response.getRcode());
    }

    private void assertValidQueriesStillAnswered() throws Exception {
        udp.write(ByteBuffer.wrap(query("web.ns.svc.cluster.local.", Type.A, 0x7777, null)));
        Message overUdp = receive();
        assertThat(overUdp.getHeader().getID()).isEqualTo(0x7777);
        assertThat(overUdp.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(overUdp.getSection(Section.ANSWER)).singleElement()
                .satisfies(r -> assertThat(r.rdataToString()).isEqualTo("10.96.0.20"));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(2000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            byte[] query = query("_http._tcp.web.ns.svc.cluster.local.", Type.SRV, 0x7778, null);
            out.writeShort(query.length);
            out.write(query);
            out.flush();
            Message overTcp = tcpFrame(new DataInputStream(socket.getInputStream()));
            assertThat(overTcp.getHeader().getID()).isEqualTo(0x7778);
            assertThat(overTcp.getSection(Section.ANSWER)).singleElement()
                    .satisfies(r -> assertThat(r.rdataToString()).isEqualTo("0 100 80 web.ns.svc.cluster.local."));
        }
    }

    private Message receive() throws IOException {
        ByteBuffer in = ByteBuffer.allocate(65535);
        try {
            udp.read(in);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within 2 s: the server stopped answering", e);
        }
        in.flip();
        byte[] bytes = new byte[in.remaining()];
        in.get(bytes);
        return new Message(bytes); // an answer that does not parse fails the test here
    }

    private static boolean isCanaryAnswer(Message response) {
        return response.getHeader().getID() == CANARY_ID && response.getRcode() == Rcode.NOERROR
               && response.getSection(Section.ANSWER).size() == 1;
    }

    private static void readFrames(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        try {
            while (true) {
                tcpFrame(in);
            }
        } catch (IOException endOfConnection) {
            // closed by the server, as it should for a frame it cannot read
        }
    }

    private static Message tcpFrame(DataInputStream in) throws IOException {
        int length = in.readUnsignedShort();
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new Message(bytes);
    }

    private static byte[] query(String name, int type, int id, OPTRecord opt) throws Exception {
        Message query = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
        query.getHeader().setID(id);
        if (opt != null) {
            query.addRecord(opt, Section.ADDITIONAL);
        }
        return query.toWire();
    }

    private byte[] flipBits(byte[] base, int flips) {
        byte[] copy = base.clone();
        for (int i = 0; i < flips; i++) {
            int bit = random.nextInt(copy.length * 8);
            copy[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return copy;
    }

    /** Random bytes whose first two, if any, are not the canary's id. */
    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        do {
            random.nextBytes(bytes);
        } while (length >= 2 && (((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff)) == CANARY_ID);
        return bytes;
    }

    private static byte[] withCount(byte[] packet, int offset, int count) {
        byte[] copy = packet.clone();
        copy[offset] = (byte) (count >> 8);
        copy[offset + 1] = (byte) count;
        return copy;
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
