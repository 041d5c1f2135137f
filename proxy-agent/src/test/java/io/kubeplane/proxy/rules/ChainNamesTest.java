package io.kubeplane.proxy.rules;

import static io.kubeplane.proxy.rules.Fixtures.ep;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.proxy.desired.ServicePortName;
import org.junit.jupiter.api.Test;

/**
 * Chain names against kube-proxy's own test data (pkg/proxy/iptables and pkg/proxy/nftables
 * proxier_test.go: ns1/svc1:p80 at 10.180.0.1:80 and friends) and against values computed by hand
 * with kube-proxy's algorithm: {@code base64.b32encode(sha256("default/web:httptcp"))[:16]}.
 */
class ChainNamesTest {

    private static final ServicePortName SVC1 = new ServicePortName("ns1", "svc1", "p80", "TCP");

    @Test
    void iptablesNamesMatchKubeProxysTestData() {
        assertThat(ChainNames.service(SVC1)).isEqualTo("KUBE-SVC-XPGD46QRK7WJZT7O");
        assertThat(ChainNames.endpoint(SVC1, ep("10.180.0.1", 80, "n"))).isEqualTo("KUBE-SEP-SXIVWICOYRO3J4NJ");
        ServicePortName svc4 = new ServicePortName("ns4", "svc4", "p80", "TCP");
        assertThat(ChainNames.service(svc4)).isEqualTo("KUBE-SVC-4SW47YFZTEDKD3PK");
        assertThat(ChainNames.external(svc4)).isEqualTo("KUBE-EXT-4SW47YFZTEDKD3PK");
        assertThat(ChainNames.endpoint(svc4, ep("10.180.0.4", 80, "n"))).isEqualTo("KUBE-SEP-UKSFD7AGPMPPLUHC");
        assertThat(ChainNames.endpoint(svc4, ep("10.180.0.5", 80, "n"))).isEqualTo("KUBE-SEP-C6EBXVWJJZMIWKLZ");
        ServicePortName svc5 = new ServicePortName("ns5", "svc5", "p80", "TCP");
        assertThat(ChainNames.firewall(svc5)).isEqualTo("KUBE-FW-NUKIZ6OKUXPJNT4C");
        assertThat(ChainNames.local(svc5)).isEqualTo("KUBE-SVL-NUKIZ6OKUXPJNT4C");
    }

    @Test
    void iptablesNamesComputedByHand() {
        ServicePortName web = new ServicePortName("default", "web", "http", "TCP");
        assertThat(ChainNames.service(web)).isEqualTo("KUBE-SVC-CDGGSHYLG3RE2FKL");
        assertThat(ChainNames.endpoint(web, ep("10.244.1.5", 8080, "n"))).isEqualTo("KUBE-SEP-AFGSLHOD2HFNCBX4");
        // An unnamed port hashes "default/dns" + "udp".
        assertThat(ChainNames.service(new ServicePortName("default", "dns", "", "UDP")))
                .isEqualTo("KUBE-SVC-CR2V5ZP3AXU5XYAF");
    }

    @Test
    void nftablesNamesMatchKubeProxysTestData() {
        assertThat(ChainNames.nftService(SVC1)).isEqualTo("service-ULMVA6XW-ns1/svc1/tcp/p80");
        assertThat(ChainNames.nftEndpoint(SVC1, ep("10.180.0.1", 80, "n")))
                .isEqualTo("endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80");
        ServicePortName svc5 = new ServicePortName("ns5", "svc5", "p80", "TCP");
        assertThat(ChainNames.nftExternal(svc5)).isEqualTo("external-HVFWP5L3-ns5/svc5/tcp/p80");
        assertThat(ChainNames.nftAffinity(svc5, ep("10.180.0.3", 80, "n")))
                .isEqualTo("affinity-GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80");
    }

    @Test
    void nftablesNamesComputedByHandIncludingAnIpv6EndpointsDots() {
        ServicePortName web = new ServicePortName("default", "web", "http", "TCP");
        assertThat(ChainNames.nftLocal(web)).isEqualTo("local-SUSTUHLJ-default/web/tcp/http");
        assertThat(ChainNames.nftEndpoint(web, ep("fd00:10:244::5", 8080, "n")))
                .isEqualTo("endpoint-NAU76DOE-default/web/tcp/http__fd00.10.244..5/8080");
    }

    @Test
    void overlongNftablesNamesAreTruncatedBehindTheirHash() {
        String long63 = "a".repeat(63);
        ServicePortName name = new ServicePortName(long63, long63, long63, "SCTP");
        String chain = ChainNames.nftEndpoint(name, ep("fd00:1111:2222:3333:4444:5555:6666:7777", 65535, "n"));
        assertThat(chain).hasSize("endpoint-".length() + 240).endsWith("...");
    }
}
