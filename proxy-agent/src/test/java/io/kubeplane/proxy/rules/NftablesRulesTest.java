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
class NftablesRulesTest {

    private static final ServicePortName WEB = new ServicePortName("default", "web", "http", "TCP");
    private static final String SVC = ChainNames.nftService(WEB);
    private static final String P = "ip kube-proxy ";
    private final NftablesRules rules = new NftablesRules();

    private static Fixtures.Port web() {
        return port("default/web", "http", "10.96.0.10", 80);
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    @Test
    void fullSyncReplacesTheTableInOneTransactionWithKubeProxysBaseChains() {
        List<String> text = lines(rules.full(state()));

        assertThat(text).startsWith("add table ip kube-proxy", "delete table ip kube-proxy",
                "add table ip kube-proxy { comment \"rules for kube-proxy\" ; }");
        assertThat(text).contains(
                "add chain " + P + "filter-prerouting-pre-dnat { type filter hook prerouting priority -110 ; }",
                "add chain " + P + "filter-forward { type filter hook forward priority 0 ; }",
                "add chain " + P + "nat-prerouting { type nat hook prerouting priority -100 ; }",
                "add chain " + P + "nat-postrouting { type nat hook postrouting priority 100 ; }",
                "add chain " + P + "reject-chain { comment \"helper for @no-endpoint-services / @no-endpoint-nodeports\" ; }",
                "add map " + P + "service-ips { type ipv4_addr . inet_proto . inet_service : verdict ; comment \"ClusterIP, ExternalIP and LoadBalancer IP traffic\" ; }",
                "add map " + P + "service-nodeports { type inet_proto . inet_service : verdict ; comment \"NodePort traffic\" ; }",
                "add rule " + P + "services ip daddr . meta l4proto . th dport vmap @service-ips",
                "add rule " + P + "services ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports",
                "add rule " + P + "service-endpoints-check ip daddr . meta l4proto . th dport vmap @no-endpoint-services",
                "add rule " + P + "cluster-ips-check ip daddr { 10.96.0.0/12 } drop comment \"Drop traffic to unallocated ClusterIPs\"",
                "add rule " + P + "filter-input ct state new jump nodeport-endpoints-check",
                "add rule " + P + "nat-prerouting jump services",
                "add rule " + P + "mark-for-masquerade mark set mark or 0x4000",
                "add rule " + P + "masquerading masquerade fully-random",
                "add element " + P + "nodeport-ips { 192.168.0.2 }");
        assertThat(text).noneMatch(l -> l.startsWith("add table ip6"));
    }

    @Test
    void clusterIpWithThreeEndpointsIsOneMapElementAndOneRandomRulePerEndpoint() {
        var a = ep("10.244.1.5", 8080, "node-2");
        var b = ep("10.244.1.6", 8080, "node-2");
        var c = ep("10.244.2.7", 8080, Fixtures.NODE);

        List<String> text = lines(rules.full(state(web().endpoints(c, b, a).build())));

        assertThat(text).containsSubsequence(
                "add chain " + P + SVC,
                "add rule " + P + SVC + " ip daddr 10.96.0.10 ip saddr != 10.244.0.0/16 jump mark-for-masquerade",
                "add rule " + P + SVC + " meta l4proto tcp numgen random mod 3 0 dnat to 10.244.1.5:8080",
                "add rule " + P + SVC + " meta l4proto tcp numgen random mod 2 0 dnat to 10.244.1.6:8080",
                "add rule " + P + SVC + " meta l4proto tcp dnat to 10.244.2.7:8080",
                "add element " + P + "cluster-ips { 10.96.0.10 }",
                "add element " + P + "service-ips { 10.96.0.10 . tcp . 80 : goto " + SVC + " }",
                "add element " + P + "hairpin-ips { 10.244.1.5 . 10.244.1.5 }");
        assertThat(text).noneMatch(l -> l.contains(" endpoint-") || l.contains("numgen random mod 3 vmap"));
        assertThat(text).contains("add rule " + P + "masquerading ct status dnat ip saddr . ip daddr @hairpin-ips"
                                  + " masquerade fully-random");
    }

    @Test
    void portsOfOnePodShareItsHairpinPair() {
        var a = ep("10.244.1.5", 8080, "node-2");
        var metrics = port("default/web", "metrics", "10.96.0.10", 9090).endpoints(ep("10.244.1.5", 9090, "node-2")).build();

        List<String> text = lines(rules.full(state(web().endpoints(a).build(), metrics)));

        assertThat(text).filteredOn(l -> l.startsWith("add element " + P + "hairpin-ips"))
                .containsExactly("add element " + P + "hairpin-ips { 10.244.1.5 . 10.244.1.5 }");
        ProxyState both = state(web().endpoints(a).build(), metrics);
        ProxyState webOnly = state(web().endpoints(a).build());
        assertThat(rules.changes(both, webOnly)).doesNotContain("hairpin-ips");
        assertThat(rules.changes(both, state(web().build()))).contains("delete element " + P + "hairpin-ips { 10.244.1.5 . 10.244.1.5 }");
    }

    @Test
    void nodePortAndLoadBalancerIpGoToTheExternalChain() {
        String ext = ChainNames.nftExternal(WEB);
        List<String> text = lines(rules.full(state(web().loadBalancer(30080, "1.2.3.4")
                .endpoints(ep("10.244.1.5", 8080, "node-2")).build())));

        assertThat(text).contains(
                "add rule " + P + ext + " jump mark-for-masquerade",
                "add rule " + P + ext + " goto " + SVC,
                "add element " + P + "service-ips { 1.2.3.4 . tcp . 80 : goto " + ext + " }",
                "add element " + P + "service-nodeports { tcp . 30080 : goto " + ext + " }");
    }

    @Test
    void externalTrafficPolicyLocalWithAndWithoutLocalEndpoints() {
        String ext = ChainNames.nftExternal(WEB);
        String local = ChainNames.nftLocal(WEB);
        var here = ep("10.244.0.5", 8080, Fixtures.NODE);
        var there = ep("10.244.1.5", 8080, "node-2");
        List<String> withLocal = lines(rules.full(state(web().loadBalancer(30080, "1.2.3.4").externalLocal(32000)
                .endpoints(here, there).build())));
        List<String> without = lines(rules.full(state(web().loadBalancer(30080, "1.2.3.4").externalLocal(32000)
                .endpoints(there).build())));

        assertThat(withLocal).containsSubsequence(
                "add rule " + P + ext + " ip saddr 10.244.0.0/16 goto " + SVC + " comment \"short-circuit pod traffic\"",
                "add rule " + P + ext + " fib saddr type local jump mark-for-masquerade comment \"masquerade local traffic\"",
                "add rule " + P + ext + " fib saddr type local goto " + SVC + " comment \"short-circuit local traffic\"",
                "add rule " + P + ext + " goto " + local);
        assertThat(withLocal).contains("add rule " + P + local + " meta l4proto tcp dnat to 10.244.0.5:8080");
        assertThat(without).contains(
                "add element " + P + "no-endpoint-services { 1.2.3.4 . tcp . 80 comment \"default/web:http\" : drop }",
                "add element " + P + "no-endpoint-nodeports { tcp . 30080 comment \"default/web:http\" : drop }",
                "add element " + P + "service-nodeports { tcp . 30080 : goto " + ext + " }");
        assertThat(without).noneMatch(l -> l.contains(local));
    }

    @Test
    void noEndpointsRejectsThroughTheRejectChain() {
        List<String> text = lines(rules.full(state(web().nodePort(30080).build())));

        assertThat(text).contains(
                "add element " + P + "no-endpoint-services { 10.96.0.10 . tcp . 80 comment \"default/web:http\" : goto reject-chain }",
                "add element " + P + "no-endpoint-nodeports { tcp . 30080 comment \"default/web:http\" : goto reject-chain }",
                "add element " + P + "cluster-ips { 10.96.0.10 }");
        assertThat(text).noneMatch(l -> l.contains(SVC));
    }

    @Test
    void clientIpAffinityUsesATimedSetPerEndpoint() {
        var a = ep("10.244.1.5", 8080, "node-2");
        String aff = ChainNames.nftAffinity(WEB, a);
        String epA = ChainNames.nftEndpoint(WEB, a);
        List<String> text = lines(rules.full(state(web().affinity(10800).endpoints(a).build())));

        assertThat(text).containsSubsequence(
                "add set " + P + aff + " { type ipv4_addr ; flags dynamic,timeout ; timeout 10800s ; }",
                "add rule " + P + SVC + " ip saddr @" + aff + " goto " + epA,
                "add rule " + P + SVC + " goto " + epA,
                "add rule " + P + epA + " update @" + aff + " { ip saddr }",
                "add rule " + P + epA + " meta l4proto tcp dnat to 10.244.1.5:8080");
    }

    @Test
    void ipv6ServiceGoesIntoTheIp6Table() {
        var v6 = port("default/web", "http", "fd00:10:96::10", 80).endpoints(ep("fd00:10:244::5", 8080, "node-2")).build();
        List<String> text = lines(rules.full(state(List.of(Fixtures.NODE_IP, "2001:db8::2"), v6)));
        String ep6 = ChainNames.nftEndpoint(WEB, ep("fd00:10:244::5", 8080, "x"));

        assertThat(text).contains("add table ip kube-proxy", "add table ip6 kube-proxy",
                "add set ip6 kube-proxy cluster-ips { type ipv6_addr ; comment \"Active ClusterIPs\" ; }",
                "add element ip6 kube-proxy service-ips { fd00:10:96::10 . tcp . 80 : goto " + SVC + " }",
                "add rule ip6 kube-proxy " + SVC + " meta l4proto tcp dnat to [fd00:10:244::5]:8080",
                "add element ip6 kube-proxy hairpin-ips { fd00:10:244::5 . fd00:10:244::5 }",
                "add rule ip6 kube-proxy masquerading ct status dnat ip6 saddr . ip6 daddr @hairpin-ips masquerade fully-random",
                "add element ip6 kube-proxy nodeport-ips { 2001:db8::2 }");
        assertThat(text).noneMatch(l -> l.startsWith("add element ip kube-proxy service-ips"));
        assertThat(ep6).isEqualTo("endpoint-" + ChainNames.nftEndpointBase(WEB, ep("fd00:10:244::5", 8080, "x")));
    }

    @Test
    void partialSyncTouchesOnlyTheChangedServicesChainsAndElements() {
        var a = ep("10.244.1.5", 8080, "node-2");
        var b = ep("10.244.1.6", 8080, "node-2");
        var dns = port("kube-system/dns", "dns", "10.96.0.53", 53).endpoints(ep("10.244.3.3", 53, "node-2")).build();
        ProxyState before = state(web().endpoints(a, b).build(), dns);
        ProxyState after = state(web().endpoints(a).build(), dns);

        String text = rules.changes(before, after);

        assertThat(lines(text)).containsExactly(
                "add chain " + P + SVC,
                "flush chain " + P + SVC,
                "delete element " + P + "hairpin-ips { 10.244.1.6 . 10.244.1.6 }",
                "add chain " + P + SVC,
                "add rule " + P + SVC + " ip daddr 10.96.0.10 ip saddr != 10.244.0.0/16 jump mark-for-masquerade",
                "add rule " + P + SVC + " meta l4proto tcp dnat to 10.244.1.5:8080");
        assertThat(rules.changes(after, before)).contains("add element " + P + "hairpin-ips { 10.244.1.6 . 10.244.1.6 }");
        assertThat(rules.changes(after, after)).isEmpty();
    }

    @Test
    void partialSyncReplacesElementsWhoseVerdictChangedAndDeletesThoseOfARemovedService() {
        var a = ep("10.244.1.5", 8080, "node-2");
        ProxyState serving = state(web().nodePort(30080).endpoints(a).build());
        ProxyState empty = state(web().nodePort(30080).build());

        List<String> lost = lines(rules.changes(serving, empty));
        List<String> removed = lines(rules.changes(serving, state()));

        assertThat(lost).contains(
                "delete element " + P + "service-ips { 10.96.0.10 . tcp . 80 }",
                "delete element " + P + "service-nodeports { tcp . 30080 }",
                "add element " + P + "no-endpoint-services { 10.96.0.10 . tcp . 80 comment \"default/web:http\" : goto reject-chain }",
                "delete chain " + P + SVC, "delete chain " + P + ChainNames.nftExternal(WEB));
        assertThat(lost).doesNotContain("delete element " + P + "cluster-ips { 10.96.0.10 }");
        assertThat(removed).contains("delete element " + P + "cluster-ips { 10.96.0.10 }",
                "delete element " + P + "hairpin-ips { 10.244.1.5 . 10.244.1.5 }", "delete chain " + P + SVC);
    }

    @Test
    void partialSyncWithNewNodeAddressesRewritesEverything() {
        ProxyState before = state(web().build());
        ProxyState after = state(List.of("192.168.0.3"), web().build());

        assertThat(rules.changes(before, after)).isEqualTo(rules.full(after));
    }

    @Test
    void cleanupDeletesBothFamiliesTablesEvenWhereThereAreNone() {
        assertThat(lines(rules.cleanup())).containsExactly("add table ip kube-proxy", "delete table ip kube-proxy",
                "add table ip6 kube-proxy", "delete table ip6 kube-proxy");
    }

    @Test
    void listRulesetGroupsEachChainsRulesAndEachMapsElements() {
        var a = ep("10.244.1.5", 8080, "node-2");
        String text = rules.listRuleset(state(web().affinity(10800).endpoints(a).build()));

        assertThat(text).startsWith("table ip kube-proxy {\n\tcomment \"rules for kube-proxy\"\n");
        assertThat(text).contains("\tchain nat-prerouting {\n\t\ttype nat hook prerouting priority dstnat; policy accept;\n"
                                  + "\t\tjump services\n\t}\n");
        assertThat(text).contains("\t\ttype filter hook prerouting priority dstnat - 10; policy accept;\n");
        assertThat(text).contains("\tmap service-ips {\n\t\ttype ipv4_addr . inet_proto . inet_service : verdict\n"
                                  + "\t\tcomment \"ClusterIP, ExternalIP and LoadBalancer IP traffic\"\n"
                                  + "\t\telements = { 10.96.0.10 . tcp . 80 : goto " + SVC + " }\n\t}\n");
        assertThat(text).contains("\t\tflags dynamic,timeout\n\t\ttimeout 3h\n");
        assertThat(text).endsWith("}\n");
        assertThat(NftablesRules.duration(90)).isEqualTo("1m30s");
    }
}
