package io.kubeplane.proxy.rules;

import static io.kubeplane.proxy.rules.Fixtures.ep;
import static io.kubeplane.proxy.rules.Fixtures.port;
import static io.kubeplane.proxy.rules.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.desired.ServicePortName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ranges as in {@link Fixtures}: pods 10.244.0.0/16, ClusterIPs 10.96.0.0/12, node 192.168.0.2. */
class IptablesRulesTest {

    private static final ServicePortName WEB = new ServicePortName("default", "web", "http", "TCP");
    private static final String SVC = ChainNames.service(WEB);
    private final IptablesRules rules = new IptablesRules();

    private static Fixtures.Port web() {
        return port("default/web", "http", "10.96.0.10", 80);
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    @Test
    void clusterIpWithThreeEndpointsSplitsOneThirdOneHalfRest() {
        var a = ep("10.244.1.5", 8080, "node-2");
        var b = ep("10.244.1.6", 8080, "node-2");
        var c = ep("10.244.2.7", 8080, Fixtures.NODE);
        String text = rules.full(state(web().endpoints(c, a, b).build()));
        String sepA = ChainNames.endpoint(WEB, a);
        String sepB = ChainNames.endpoint(WEB, b);
        String sepC = ChainNames.endpoint(WEB, c);

        assertThat(lines(text)).containsSubsequence(
                "*nat",
                ":" + SVC + " - [0:0]",
                ":" + sepA + " - [0:0]",
                "-A KUBE-SERVICES -m comment --comment \"default/web:http cluster IP\" -m tcp -p tcp -d 10.96.0.10 --dport 80 -j " + SVC,
                "-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\" -d 192.168.0.2 -j KUBE-NODEPORTS",
                "-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN",
                "-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000",
                "-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully",
                "-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000",
                "-A " + SVC + " -m comment --comment \"default/web:http cluster IP\" -m tcp -p tcp -d 10.96.0.10 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ",
                "-A " + SVC + " -m comment --comment \"default/web:http -> 10.244.1.5:8080\" -m statistic --mode random --probability 0.3333333333 -j " + sepA,
                "-A " + SVC + " -m comment --comment \"default/web:http -> 10.244.1.6:8080\" -m statistic --mode random --probability 0.5000000000 -j " + sepB,
                "-A " + SVC + " -m comment --comment \"default/web:http -> 10.244.2.7:8080\" -j " + sepC,
                "-A " + sepA + " -m comment --comment default/web:http -s 10.244.1.5 -j KUBE-MARK-MASQ",
                "-A " + sepA + " -m comment --comment default/web:http -m tcp -p tcp -j DNAT --to-destination 10.244.1.5:8080",
                "COMMIT");
        assertThat(text).doesNotContain("KUBE-EXT-").doesNotContain("REJECT");
    }

    @Test
    void fixedChainsAreAlwaysDeclaredForTheJumps() {
        String text = rules.full(state());

        assertThat(lines(text)).containsExactly(
                "*filter",
                ":KUBE-NODEPORTS - [0:0]",
                ":KUBE-SERVICES - [0:0]",
                ":KUBE-EXTERNAL-SERVICES - [0:0]",
                ":KUBE-FORWARD - [0:0]",
                ":KUBE-PROXY-FIREWALL - [0:0]",
                "-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP",
                "-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding rules\" -m mark --mark 0x4000/0x4000 -j ACCEPT",
                "-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
                "COMMIT",
                "*nat",
                ":KUBE-SERVICES - [0:0]",
                ":KUBE-NODEPORTS - [0:0]",
                ":KUBE-POSTROUTING - [0:0]",
                ":KUBE-MARK-MASQ - [0:0]",
                "-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\" -d 192.168.0.2 -j KUBE-NODEPORTS",
                "-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN",
                "-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000",
                "-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully",
                "-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000",
                "COMMIT");
    }

    @Test
    void nodePortAndLoadBalancerIpGoThroughTheExtChainWhichMasquerades() {
        String ext = ChainNames.external(WEB);
        String text = rules.full(state(web().loadBalancer(30080, "1.2.3.4").externalIPs("192.168.99.11")
                .endpoints(ep("10.244.1.5", 8080, "node-2")).build()));

        assertThat(lines(text)).contains(
                "-A KUBE-SERVICES -m comment --comment \"default/web:http external IP\" -m tcp -p tcp -d 192.168.99.11 --dport 80 -j " + ext,
                "-A KUBE-SERVICES -m comment --comment \"default/web:http loadbalancer IP\" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j " + ext,
                "-A KUBE-NODEPORTS -m comment --comment default/web:http -m tcp -p tcp --dport 30080 -j " + ext,
                "-A " + ext + " -m comment --comment \"masquerade traffic for default/web:http external destinations\" -j KUBE-MARK-MASQ",
                "-A " + ext + " -j " + SVC);
    }

    @Test
    void externalTrafficPolicyLocalWithALocalEndpointShortCircuitsPodsAndTheNode() {
        var here = ep("10.244.0.5", 8080, Fixtures.NODE);
        var there = ep("10.244.1.5", 8080, "node-2");
        String ext = ChainNames.external(WEB);
        String svl = ChainNames.local(WEB);
        String text = rules.full(state(web().loadBalancer(30080, "1.2.3.4").externalLocal(32000)
                .endpoints(here, there).build()));

        assertThat(lines(text)).containsSubsequence(
                "-A " + ext + " -m comment --comment \"pod traffic for default/web:http external destinations\" -s 10.244.0.0/16 -j " + SVC,
                "-A " + ext + " -m comment --comment \"masquerade LOCAL traffic for default/web:http external destinations\" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ",
                "-A " + ext + " -m comment --comment \"route LOCAL traffic for default/web:http external destinations\" -m addrtype --src-type LOCAL -j " + SVC,
                "-A " + ext + " -j " + svl);
        assertThat(lines(text)).contains(
                "-A KUBE-NODEPORTS -m comment --comment \"default/web:http health check node port\" -m tcp -p tcp --dport 32000 -j ACCEPT",
                "-A " + svl + " -m comment --comment \"default/web:http -> 10.244.0.5:8080\" -j " + ChainNames.endpoint(WEB, here));
        assertThat(text).doesNotContain("has no local endpoints");
    }

    @Test
    void externalTrafficPolicyLocalWithoutALocalEndpointDropsExternalTraffic() {
        String ext = ChainNames.external(WEB);
        String text = rules.full(state(web().loadBalancer(30080, "1.2.3.4").externalLocal(32000)
                .endpoints(ep("10.244.1.5", 8080, "node-2")).build()));

        assertThat(lines(text)).contains(
                "-A KUBE-EXTERNAL-SERVICES -m comment --comment \"default/web:http has no local endpoints\" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j DROP",
                "-A KUBE-EXTERNAL-SERVICES -m comment --comment \"default/web:http has no local endpoints\" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j DROP",
                "-A KUBE-NODEPORTS -m comment --comment default/web:http -m tcp -p tcp --dport 30080 -j " + ext,
                "-A " + ext + " -m comment --comment \"route LOCAL traffic for default/web:http external destinations\" -m addrtype --src-type LOCAL -j " + SVC);
        assertThat(text).doesNotContain("KUBE-SVL-").doesNotContain("-A " + ext + " -j ");
    }

    @Test
    void noEndpointsRejectsInTheFilterTableAndWritesNoNatChains() {
        String text = rules.full(state(web().loadBalancer(30080, "1.2.3.4").build()));

        assertThat(lines(text)).contains(
                "-A KUBE-SERVICES -m comment --comment \"default/web:http has no endpoints\" -m tcp -p tcp -d 10.96.0.10 --dport 80 -j REJECT",
                "-A KUBE-EXTERNAL-SERVICES -m comment --comment \"default/web:http has no endpoints\" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j REJECT",
                "-A KUBE-EXTERNAL-SERVICES -m comment --comment \"default/web:http has no endpoints\" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j REJECT");
        assertThat(text).doesNotContain("KUBE-SVC-").doesNotContain("KUBE-EXT-");
    }

    @Test
    void internalTrafficPolicyLocalWithoutLocalEndpointsDropsClusterIpTraffic() {
        String text = rules.full(state(web().internalLocal().endpoints(ep("10.244.1.5", 8080, "node-2")).build()));

        assertThat(lines(text)).contains(
                "-A KUBE-SERVICES -m comment --comment \"default/web:http has no local endpoints\" -m tcp -p tcp -d 10.96.0.10 --dport 80 -j DROP");
    }

    @Test
    void clientIpAffinityChecksRecentListsFirstAndSetsThemInTheEndpointChain() {
        var a = ep("10.244.1.5", 8080, "node-2");
        var b = ep("10.244.1.6", 8080, "node-2");
        String sepA = ChainNames.endpoint(WEB, a);
        String sepB = ChainNames.endpoint(WEB, b);
        String text = rules.full(state(web().affinity(10800).endpoints(a, b).build()));

        assertThat(lines(text)).containsSubsequence(
                "-A " + SVC + " -m comment --comment \"default/web:http -> 10.244.1.5:8080\" -m recent --name " + sepA + " --rcheck --seconds 10800 --reap -j " + sepA,
                "-A " + SVC + " -m comment --comment \"default/web:http -> 10.244.1.6:8080\" -m recent --name " + sepB + " --rcheck --seconds 10800 --reap -j " + sepB,
                "-A " + SVC + " -m comment --comment \"default/web:http -> 10.244.1.5:8080\" -m statistic --mode random --probability 0.5000000000 -j " + sepA,
                "-A " + sepA + " -m comment --comment default/web:http -m recent --name " + sepA + " --set -m tcp -p tcp -j DNAT --to-destination 10.244.1.5:8080");
    }

    @Test
    void partialSyncRewritesTheDispatchChainsAndOnlyTheChangedServicesChains() {
        var a = ep("10.244.1.5", 8080, "node-2");
        var b = ep("10.244.1.6", 8080, "node-2");
        var dns = port("kube-system/dns", "dns", "10.96.0.53", 53).endpoints(ep("10.244.3.3", 53, "node-2")).build();
        ProxyState before = state(web().endpoints(a, b).build(), dns);
        ProxyState after = state(web().endpoints(a).build(), dns);
        ServicePortName dnsName = dns.name();

        String text = rules.changes(before, after);

        assertThat(lines(text)).contains(":" + SVC + " - [0:0]", ":" + ChainNames.endpoint(WEB, a) + " - [0:0]",
                ":" + ChainNames.endpoint(WEB, b) + " - [0:0]", "-X " + ChainNames.endpoint(WEB, b),
                ":KUBE-SERVICES - [0:0]", ":KUBE-EXTERNAL-SERVICES - [0:0]",
                "-A KUBE-SERVICES -m comment --comment \"kube-system/dns:dns cluster IP\" -m tcp -p tcp -d 10.96.0.53 --dport 53 -j "
                + ChainNames.service(dnsName));
        assertThat(text).doesNotContain(":" + ChainNames.service(dnsName))
                .doesNotContain("-A " + ChainNames.service(dnsName))
                .doesNotContain("-X " + ChainNames.endpoint(WEB, a));
        assertThat(rules.changes(after, after)).isEmpty();
    }

    @Test
    void partialSyncDeletesEveryChainOfARemovedService() {
        var a = ep("10.244.1.5", 8080, "node-2");
        String text = rules.changes(state(web().nodePort(30080).endpoints(a).build()), state());

        assertThat(lines(text)).contains("-X " + SVC, "-X " + ChainNames.external(WEB), "-X " + ChainNames.endpoint(WEB, a));
        assertThat(text).doesNotContain("-A " + SVC);
    }

    @Test
    void overAThousandEndpointsTheServiceAndEndpointRulesLoseTheirComments() {
        var eps = new io.kubeplane.proxy.desired.Endpoint[1001];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = ep("10.244." + (i / 250) + "." + (i % 250 + 1), 8080, "node-2");
        }
        String text = rules.full(state(web().endpoints(eps).build()));
        String sep = ChainNames.endpoint(WEB, eps[0]);

        assertThat(lines(text)).contains("-A " + sep + " -s 10.244.0.1 -j KUBE-MARK-MASQ",
                "-A " + SVC + " -m statistic --mode random --probability 0.0009990010 -j " + sep);
    }

    @Test
    void ipv6RendersOnlyTheIpv6ClusterIpAndEndpoints() {
        var v6 = port("default/web", "http", "fd00:10:96::10", 80).endpoints(ep("fd00:10:244::5", 8080, "node-2")).build();
        String v4Text = rules.full(state(v6));
        String v6Text = new IptablesRules(IpFamily.V6, RuleOptions.DEFAULTS).full(state(List.of("2001:db8::2"), v6));

        assertThat(v4Text).doesNotContain("fd00");
        assertThat(lines(v6Text)).contains(
                "-A KUBE-SERVICES -m comment --comment \"default/web:http cluster IP\" -m tcp -p tcp -d fd00:10:96::10 --dport 80 -j " + SVC,
                "-A " + ChainNames.endpoint(WEB, ep("fd00:10:244::5", 8080, "x")) + " -m comment --comment default/web:http -m tcp -p tcp -j DNAT --to-destination [fd00:10:244::5]:8080",
                "-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\" -d 2001:db8::2 -j KUBE-NODEPORTS");
        // no pod range of this family: no masquerade rule for off-cluster traffic
        assertThat(v6Text).doesNotContain("cluster IP\" -m tcp -p tcp -d fd00:10:96::10 --dport 80 !");
    }

    @Test
    void cleanupFlushesAndDeletesTheFixedChains() {
        assertThat(lines(rules.cleanup())).containsSubsequence("*filter", ":KUBE-NODEPORTS - [0:0]",
                "-X KUBE-PROXY-FIREWALL", "COMMIT", "*nat", ":KUBE-SERVICES - [0:0]", "-X KUBE-MARK-MASQ", "COMMIT");
        assertThat(rules.cleanup()).doesNotContain("-D ");
    }

    @Test
    void saveShowsTheBuiltInChainsWithKubeProxysJumps() {
        String text = rules.save(state());

        assertThat(lines(text)).containsSubsequence("*filter", ":INPUT ACCEPT [0:0]", ":KUBE-NODEPORTS - [0:0]",
                "-A INPUT -m conntrack --ctstate NEW -m comment --comment \"kubernetes load balancer firewall\" -j KUBE-PROXY-FIREWALL",
                "-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP", "COMMIT", "*nat", ":PREROUTING ACCEPT [0:0]",
                "-A POSTROUTING -m comment --comment \"kubernetes postrouting rules\" -j KUBE-POSTROUTING", "COMMIT");
        assertThat(IptablesRules.JUMPS.getLast().insert())
                .isEqualTo("-t nat -I POSTROUTING -m comment --comment \"kubernetes postrouting rules\" -j KUBE-POSTROUTING");
    }
}
