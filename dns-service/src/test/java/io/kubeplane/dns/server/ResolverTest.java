package io.kubeplane.dns.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.kubeplane.dns.zone.ClusterZone;
import io.kubeplane.dns.zone.ServiceRecords;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ResolverTest {

    private static final Name ZONE = Name.fromConstantString("cluster.local.");
    private final AtomicBoolean synced = new AtomicBoolean(true);
    private final Resolver resolver = new Resolver(zone(), synced::get);

    /** A headless Service with 100 ready endpoints: too many A records for 512 bytes. */
    private static ClusterZone zone() {
        ClusterZone zone = new ClusterZone(ZONE, 5);
        var slice = new EndpointSliceBuilder().withNewMetadata().withNamespace("ns").withName("big-1").endMetadata()
                .withAddressType("IPv4");
        for (int i = 0; i < 100; i++) {
            slice.addNewEndpoint().withAddresses("10.244.0." + (i + 2)).withNewConditions().withReady(true).endConditions().endEndpoint();
        }
        var big = new ServiceBuilder().withNewMetadata().withNamespace("ns").withName("big").endMetadata()
                .withNewSpec().withClusterIP("None").endSpec().build();
        zone.put("ns/big", ServiceRecords.of(big, List.of(slice.build()), ZONE, 5));
        return zone;
    }

    private static byte[] query(String name, int type, Integer ednsPayload) throws Exception {
        Message query = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
        if (ednsPayload != null) {
            query.addRecord(new OPTRecord(ednsPayload, 0, 0), Section.ADDITIONAL);
        }
        return query.toWire();
    }

    private Message answer(byte[] query, boolean udp) throws Exception {
        return new Message(resolver.resolve(query, udp).response());
    }

    @Test
    void aBigAnswerIsTruncatedToTheClientsBufferOverUdpAndWholeOverTcp() throws Exception {
        Message plain = answer(query("big.ns.svc.cluster.local.", Type.A, null), true);
        assertThat(plain.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(plain.toWire().length).isLessThanOrEqualTo(512);

        Message small = answer(query("big.ns.svc.cluster.local.", Type.A, 1232), true);
        assertThat(small.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(small.toWire().length).isLessThanOrEqualTo(1232);

        Message edns = answer(query("big.ns.svc.cluster.local.", Type.A, 4096), true);
        assertThat(edns.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(edns.getSection(Section.ANSWER)).hasSize(100);
        assertThat(edns.getOPT().getPayloadSize()).isEqualTo(Resolver.PAYLOAD);

        Message tcp = answer(query("big.ns.svc.cluster.local.", Type.A, null), false);
        assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(tcp.getSection(Section.ANSWER)).hasSize(100);
        assertThat(tcp.getHeader().getFlag(Flags.AA)).isTrue();
    }

    @Test
    void beforeTheZoneIsCompleteEveryQueryIsServfailNeverNxdomain() throws Exception {
        synced.set(false);
        assertThat(answer(query("missing.ns.svc.cluster.local.", Type.A, null), true).getRcode()).isEqualTo(Rcode.SERVFAIL);
        synced.set(true);
        assertThat(answer(query("missing.ns.svc.cluster.local.", Type.A, null), true).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void otherOpcodesAndEmptyQuestionsAreRefusedPolitely() throws Exception {
        Message notify = Message.newQuery(Record.newRecord(ZONE, Type.SOA, DClass.IN));
        notify.getHeader().setOpcode(Opcode.NOTIFY);
        assertThat(answer(notify.toWire(), true).getRcode()).isEqualTo(Rcode.NOTIMP);
        assertThat(answer(new Message().toWire(), true).getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(resolver.resolve(new byte[] {1, 2}, true).response()).isNull();
        Message chaos = Message.newQuery(Record.newRecord(Name.fromString("version.bind."), Type.TXT, DClass.CH));
        assertThat(answer(chaos.toWire(), true).getRcode()).isEqualTo(Rcode.REFUSED);
    }
}
