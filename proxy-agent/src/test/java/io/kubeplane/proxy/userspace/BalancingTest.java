package io.kubeplane.proxy.userspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubeplane.proxy.desired.Endpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Pods 10.244.1.0/24 on port 8080. */
class BalancingTest {

    private static final List<Endpoint> THREE = List.of(ep("10.244.1.1"), ep("10.244.1.2"), ep("10.244.1.3"));

    private static Endpoint ep(String ip) {
        return new Endpoint(ip, 8080, "node-1", true, true, false, true, "default/" + ip);
    }

    private static List<String> picks(Balancing b, int n, Set<String> excluded, Map<String, Integer> active) {
        AtomicInteger turn = new AtomicInteger();
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Endpoint e = b.pick(THREE, excluded, turn, x -> active.getOrDefault(x.ip(), 0));
            picked.add(e == null ? null : e.ip());
        }
        return picked;
    }

    @Test
    void roundRobinGoesInTurnAndSkipsTriedEndpoints() {
        assertThat(picks(Balancing.ROUND_ROBIN, 4, Set.of(), Map.of()))
                .containsExactly("10.244.1.1", "10.244.1.2", "10.244.1.3", "10.244.1.1");
        assertThat(picks(Balancing.ROUND_ROBIN, 3, Set.of("10.244.1.2:8080"), Map.of()))
                .containsExactly("10.244.1.1", "10.244.1.3", "10.244.1.3");
    }

    @Test
    void leastConnectionsTakesTheFewestAndBreaksTiesInTurn() {
        assertThat(picks(Balancing.LEAST_CONNECTIONS, 2, Set.of(), Map.of("10.244.1.1", 4, "10.244.1.2", 1, "10.244.1.3", 2)))
                .containsExactly("10.244.1.2", "10.244.1.2");
        assertThat(picks(Balancing.LEAST_CONNECTIONS, 3, Set.of(), Map.of("10.244.1.1", 1)))
                .containsExactly("10.244.1.2", "10.244.1.2", "10.244.1.3");
    }

    @Test
    void randomStaysInTheListAndGivesNoneWhenAllWereTried() {
        assertThat(new HashSet<>(picks(Balancing.RANDOM, 200, Set.of(), Map.of())))
                .containsExactlyInAnyOrder("10.244.1.1", "10.244.1.2", "10.244.1.3");
        assertThat(picks(Balancing.RANDOM, 1, Set.of("10.244.1.1:8080", "10.244.1.2:8080", "10.244.1.3:8080"), Map.of()))
                .containsOnlyNulls();
    }

    @Test
    void parseTakesTheSettingsSpelling() {
        assertThat(Balancing.parse("least-connections")).isEqualTo(Balancing.LEAST_CONNECTIONS);
        assertThatThrownBy(() -> Balancing.parse("lc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void affinityLastsItsSecondsFromTheLastConnection() {
        AtomicLong now = new AtomicLong(1_000);
        AffinityTable table = new AffinityTable(now::get);
        table.put("192.0.2.7", "10.244.1.2:8080", 10);

        now.addAndGet(9_999_999_999L);
        assertThat(table.get("192.0.2.7")).isEqualTo("10.244.1.2:8080");
        table.put("192.0.2.7", "10.244.1.2:8080", 10);
        now.addAndGet(9_000_000_000L);
        assertThat(table.get("192.0.2.7")).isEqualTo("10.244.1.2:8080");
        now.addAndGet(1_000_000_000L);
        assertThat(table.get("192.0.2.7")).isNull();

        table.put("192.0.2.8", "10.244.1.3:8080", 1);
        now.addAndGet(1_000_000_000L);
        table.expire();
        assertThat(table.size()).isZero();
    }
}
