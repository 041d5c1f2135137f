package io.kubeplane.dns.server;

import io.kubeplane.dns.zone.Answer;
import io.kubeplane.dns.zone.ClusterZone;
import io.kubeplane.dns.zone.SourcedRecord;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns a query's bytes into the response's bytes: one question, class IN, answered from the
 * {@link ClusterZone} with the AA flag; NXDOMAIN and NODATA carry the zone's SOA in the authority
 * section; names outside the zone go to the upstream {@link Forwarder} when one is configured and
 * are REFUSED otherwise (never an open resolver by accident); before the zone is
 * complete (informers not synced) SERVFAIL, so that a restart never answers NXDOMAIN for a name
 * that exists. Malformed queries get FORMERR when their header can be read, and nothing otherwise.
 * Over UDP the answer fits the client's EDNS0 buffer (512 bytes without EDNS0) or is cut with TC
 * set; over TCP it comes whole. EDNS versions other than 0 are answered BADVERS (RFC 6891). Thread-safe.
 */
public final class Resolver {

    /** The largest UDP answer: a client's EDNS0 buffer is honoured up to this, and it is what this server offers. */
    static final int PAYLOAD = 4096;
    private static final int MAX_TCP = 65535;

    /** What one query came to, for the log and the metrics. */
    public record Outcome(byte @Nullable [] response, String type, String rcode, @Nullable Answer answer) {
    }

    private final ClusterZone zone;
    private final BooleanSupplier ready;
    private final @Nullable Forwarder forwarder;

    public Resolver(ClusterZone zone, BooleanSupplier ready) {
        this(zone, ready, null);
    }

    /** @param forwarder where names outside the zone go; null to refuse them */
    public Resolver(ClusterZone zone, BooleanSupplier ready, @Nullable Forwarder forwarder) {
        this.zone = zone;
        this.ready = ready;
        this.forwarder = forwarder;
    }

    public Outcome resolve(byte[] query, boolean udp) {
        Message request;
        try {
            request = new Message(query);
        } catch (IOException e) {
            return formErr(query);
        }
        Header header = request.getHeader();
        if (header.getFlag(Flags.QR)) {
            return new Outcome(null, "", "dropped", null); // a response: not ours to answer
        }
        Message response = new Message(header.getID());
        response.getHeader().setFlag(Flags.QR);
        if (header.getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        OPTRecord opt = request.getOPT();
        int maxUdp = opt == null ? 512 : Math.max(512, Math.min(opt.getPayloadSize(), PAYLOAD));
        if (opt != null && opt.getVersion() > 0) {
            // RFC 6891: only EDNS version 0 is spoken; BADVERS (16) is its extended rcode 1 with header rcode 0.
            response.addRecord(new OPTRecord(PAYLOAD, 1, 0), Section.ADDITIONAL);
            return new Outcome(response.toWire(udp ? maxUdp : MAX_TCP), "", "BADVERS", null);
        }
        if (opt != null) {
            response.addRecord(new OPTRecord(PAYLOAD, 0, 0), Section.ADDITIONAL);
        }
        Record question = request.getQuestion();
        if (header.getOpcode() != Opcode.QUERY) {
            response.getHeader().setOpcode(header.getOpcode());
            return done(response, Rcode.NOTIMP, "", udp, maxUdp, null);
        }
        if (question == null || header.getCount(Section.QUESTION) != 1) {
            return done(response, Rcode.FORMERR, "", udp, maxUdp, null);
        }
        response.addRecord(question, Section.QUESTION);
        String type = Type.string(question.getType());
        if (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY) {
            return done(response, Rcode.REFUSED, type, udp, maxUdp, null);
        }
        if (!ready.getAsBoolean()) {
            return done(response, Rcode.SERVFAIL, type, udp, maxUdp, null);
        }
        Answer answer = zone.lookup(question.getName(), question.getType());
        if (answer.rcode() == Rcode.REFUSED && forwarder != null) {
            return forwarded(request, response, type, udp, maxUdp);
        }
        if (answer.rcode() != Rcode.REFUSED) {
            response.getHeader().setFlag(Flags.AA);
        }
        for (SourcedRecord record : answer.answers()) {
            response.addRecord(record.record(), Section.ANSWER);
        }
        for (Record record : answer.additional()) {
            response.addRecord(record, Section.ADDITIONAL);
        }
        if (answer.rcode() == Rcode.NXDOMAIN || answer.nodata()) {
            response.addRecord(zone.soa(), Section.AUTHORITY);
        }
        return done(response, answer.rcode(), type, udp, maxUdp, answer);
    }

    /** The upstream's answer under the client's id, cut to the client's buffer; SERVFAIL when no upstream answered. */
    private Outcome forwarded(Message request, Message response, String type, boolean udp, int maxUdp) {
        java.util.Optional<Message> upstream = forwarder.forward(request.clone(), !udp);
        if (upstream.isEmpty()) {
            return done(response, Rcode.SERVFAIL, type, udp, maxUdp, null);
        }
        Message answer = upstream.get();
        answer.getHeader().setID(request.getHeader().getID());
        return new Outcome(answer.toWire(udp ? maxUdp : MAX_TCP), type, Rcode.string(answer.getRcode()), null);
    }

    private static Outcome done(Message response, int rcode, String type, boolean udp, int maxUdp, @Nullable Answer answer) {
        response.getHeader().setRcode(rcode);
        // toWire(max) leaves out what does not fit and sets TC.
        byte[] wire = response.toWire(udp ? maxUdp : MAX_TCP);
        return new Outcome(wire, type, Rcode.string(rcode), answer);
    }

    private static Outcome formErr(byte[] query) {
        if (query.length < 12) {
            return new Outcome(null, "", "dropped", null);
        }
        Message response = new Message(((query[0] & 0xff) << 8) | (query[1] & 0xff));
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setRcode(Rcode.FORMERR);
        return new Outcome(response.toWire(), "", "FORMERR", null);
    }
}
