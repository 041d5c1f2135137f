package io.kubeplane.dns.zone;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

class ClusterZoneTest {

    private static final Name ZONE = Name.fromConstantString("cluster.local.");
    private static final ClusterZone zone = zone();

    private static ClusterZone zone() {
        ClusterZone zone = new ClusterZone(ZONE, 5);
        var web = new ServiceBuilder().withNewMetadata().withNamespace("default").withName("web").withResourceVersion("11").endMetadata()
                .withNewSpec().withClusterIP("10.96.0.20").withClusterIPs("10.96.0.20")
                .addNewPort().withName("http").withPort(80).withProtocol("TCP").endPort()
                .addNewPort().withPort(9090).endPort().endSpec().build();
        zone.put("default/web", ServiceRecords.of(web, List.of(), ZONE, 5));
        var db = new ServiceBuilder().withNewMetadata().withNamespace("data").withName("db").endMetadata()
                .withNewSpec().withClusterIP("None").addNewPort().withName("pg").withPort(5432).endPort().endSpec().build();
        EndpointSlice slice = new EndpointSliceBuilder().withNewMetadata().withNamespace("data").withName("db-abc")
                .withResourceVersion("42").endMetadata().withAddressType("IPv4")
                .addNewEndpoint().withAddresses("10.244.1.5").withHostname("db-0").withNewConditions().withReady(true).endConditions().endEndpoint()
                .addNewEndpoint().withAddresses("10.244.1.6").withNewConditions().withReady(true).endConditions().endEndpoint()
                .addNewEndpoint().withAddresses("10.244.1.7").withNewConditions().withReady(false).endConditions().endEndpoint()
                .addNewPort().withName("pg").withPort(5432).withProtocol("TCP").endPort().build();
        zone.put("data/db", ServiceRecords.of(db, List.of(slice), ZONE, 5));
        var empty = new ServiceBuilder().withNewMetadata().withNamespace("data").withName("empty").endMetadata()
                .withNewSpec().withClusterIP("None").endSpec().build();
        zone.put("data/empty", ServiceRecords.of(empty, List.of(), ZONE, 5));
        var external = new ServiceBuilder().withNewMetadata().withNamespace("default").withName("ext").endMetadata()
                .withNewSpec().withType("ExternalName").withExternalName("example.com").endSpec().build();
        zone.put("default/ext", ServiceRecords.of(external, List.of(), ZONE, 5));
        return zone;
    }

    /** name, type, rcode, the answers' data (sorted), or the explanation's start for empty answers. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("web.default.svc.cluster.local.", Type.A, Rcode.NOERROR, "[10.96.0.20]"),
                Arguments.of("web.default.svc.cluster.local.", Type.AAAA, Rcode.NOERROR, "web.default.svc.cluster.local. holds [A]"),
                Arguments.of("_http._tcp.web.default.svc.cluster.local.", Type.SRV, Rcode.NOERROR, "[0 100 80 web.default.svc.cluster.local.]"),
                Arguments.of("20.0.96.10.in-addr.arpa.", Type.PTR, Rcode.NOERROR, "[web.default.svc.cluster.local.]"),
                Arguments.of("db.data.svc.cluster.local.", Type.A, Rcode.NOERROR, "[10.244.1.5, 10.244.1.6]"),
                Arguments.of("db-0.db.data.svc.cluster.local.", Type.A, Rcode.NOERROR, "[10.244.1.5]"),
                Arguments.of("10-244-1-6.db.data.svc.cluster.local.", Type.A, Rcode.NOERROR, "[10.244.1.6]"),
                Arguments.of("_pg._tcp.db.data.svc.cluster.local.", Type.SRV, Rcode.NOERROR,
                        "[0 100 5432 10-244-1-6.db.data.svc.cluster.local., 0 100 5432 db-0.db.data.svc.cluster.local.]"),
                Arguments.of("5.1.244.10.in-addr.arpa.", Type.PTR, Rcode.NOERROR, "[db-0.db.data.svc.cluster.local.]"),
                Arguments.of("9.9.9.9.in-addr.arpa.", Type.PTR, Rcode.REFUSED, "9.9.9.9.in-addr.arpa. is outside the zone"),
                Arguments.of("empty.data.svc.cluster.local.", Type.A, Rcode.NOERROR, "headless Service empty.data.svc.cluster.local. has no ready endpoint"),
                Arguments.of("ext.default.svc.cluster.local.", Type.A, Rcode.NOERROR, "[example.com.]"),
                Arguments.of("10-244-0-9.any.pod.cluster.local.", Type.A, Rcode.NOERROR, "[10.244.0.9]"),
                Arguments.of("dns-version.cluster.local.", Type.TXT, Rcode.NOERROR, "[1.1.0]"),
                Arguments.of("cluster.local.", Type.SOA, Rcode.NOERROR, "[ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 5]"),
                Arguments.of("default.svc.cluster.local.", Type.A, Rcode.NOERROR, "default.svc.cluster.local. has names below it"),
                Arguments.of("nope.default.svc.cluster.local.", Type.A, Rcode.NXDOMAIN, "no Service nope in namespace default"),
                Arguments.of("web.other.svc.cluster.local.", Type.A, Rcode.NXDOMAIN, "no Service web in namespace other"),
                Arguments.of("db-9.db.data.svc.cluster.local.", Type.A, Rcode.NXDOMAIN, "Service data/db has no endpoint with hostname db-9"),
                Arguments.of("10-244-1-7.db.data.svc.cluster.local.", Type.A, Rcode.NXDOMAIN, "Service data/db has no endpoint with hostname 10-244-1-7"),
                Arguments.of("example.com.", Type.A, Rcode.REFUSED, "example.com. is outside the zone"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void answers(String name, int type, int rcode, String expected) throws Exception {
        Answer answer = zone.lookup(Name.fromString(name), type);
        assertThat(Rcode.string(answer.rcode())).as(answer.explanation()).isEqualTo(Rcode.string(rcode));
        if (answer.answers().isEmpty()) {
            assertThat(answer.explanation()).startsWith(expected);
        } else {
            assertThat(answer.answers().stream().map(r -> r.record().rdataToString()).sorted().toList().toString()).isEqualTo(expected);
        }
    }

    @Test
    void eachRecordNamesTheObjectItCameFromAndSrvAnswersCarryTheTargetsAddresses() throws Exception {
        Answer web = zone.lookup(Name.fromString("web.default.svc.cluster.local."), Type.A);
        assertThat(web.answers().getFirst().source().toString()).isEqualTo("Service default/web (resourceVersion 11)");
        Answer srv = zone.lookup(Name.fromString("_pg._tcp.db.data.svc.cluster.local."), Type.SRV);
        assertThat(srv.answers()).allSatisfy(r -> assertThat(r.source().toString()).isEqualTo("EndpointSlice data/db-abc (resourceVersion 42)"));
        assertThat(srv.additional()).extracting(r -> r.getName() + " " + r.rdataToString())
                .containsExactlyInAnyOrder("10-244-1-6.db.data.svc.cluster.local. 10.244.1.6", "db-0.db.data.svc.cluster.local. 10.244.1.5");
    }

    @Test
    void replacingAndRemovingAServiceLeavesNoTrace() throws Exception {
        ClusterZone z = zone();
        var moved = new ServiceBuilder().withNewMetadata().withNamespace("default").withName("web").endMetadata()
                .withNewSpec().withClusterIP("10.96.0.21").endSpec().build();
        z.put("default/web", ServiceRecords.of(moved, List.of(), ZONE, 5));
        assertThat(z.lookup(Name.fromString("web.default.svc.cluster.local."), Type.A).answers())
                .extracting(r -> r.record().rdataToString()).containsExactly("10.96.0.21");
        assertThat(z.lookup(Name.fromString("20.0.96.10.in-addr.arpa."), Type.PTR).rcode()).isEqualTo(Rcode.REFUSED);
        z.remove("default/web");
        z.remove("default/ext");
        assertThat(z.lookup(Name.fromString("web.default.svc.cluster.local."), Type.A).rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(z.lookup(Name.fromString("default.svc.cluster.local."), Type.A).rcode()).isEqualTo(Rcode.NXDOMAIN);
    }
}
