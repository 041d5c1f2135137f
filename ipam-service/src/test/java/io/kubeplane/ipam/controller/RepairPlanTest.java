package io.kubeplane.ipam.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.ipam.allocation.Allocation;
import io.kubeplane.ipam.allocation.Owner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepairPlanTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(2);
    private static final Owner WEB = Owner.service("default", "web", "uid-web");
    private static final Owner API = Owner.service("default", "api", "uid-api");

    private static Allocation held(String value, Owner owner, Duration age) {
        return new Allocation("10.96.0.0/12", 5, value, owner, NOW.minus(age));
    }

    private static RepairPlan.Carried carried(String value, Owner owner) {
        return new RepairPlan.Carried(owner, "10.96.0.0/12", value, null, "Cluster IP");
    }

    @Test
    void anAllocationNobodyCarriesIsALeakOnlyAfterTheGracePeriod() {
        Allocation old = held("10.96.0.5", WEB, Duration.ofMinutes(3));
        Allocation fresh = held("10.96.0.6", WEB, Duration.ofSeconds(10));
        RepairPlan plan = RepairPlan.of(List.of(old, fresh), List.of(), NOW, GRACE);
        assertThat(plan.leaks()).containsExactly(old);
        assertThat(plan.unrecorded()).isEmpty();
        assertThat(plan.conflicts()).isEmpty();
    }

    @Test
    void aCarriedValueIsInUseUnrecordedOrInConflict() {
        Allocation webIp = held("10.96.0.5", WEB, Duration.ofHours(1));
        RepairPlan plan = RepairPlan.of(List.of(webIp),
                List.of(carried("10.96.0.5", WEB), carried("10.96.0.7", API), carried("10.96.0.5", API)), NOW, GRACE);
        assertThat(plan.leaks()).isEmpty();
        assertThat(plan.unrecorded()).containsExactly(carried("10.96.0.7", API));
        assertThat(plan.conflicts()).containsExactly(new RepairPlan.Conflict(carried("10.96.0.5", API), webIp));
    }

    @Test
    void aValueHeldForAnOwnerThatDoesNotCarryItIsALeakEvenWhenAnotherCarriesIt() {
        Allocation apiHolds = held("10.96.0.5", API, Duration.ofHours(1));
        RepairPlan plan = RepairPlan.of(List.of(apiHolds), List.of(carried("10.96.0.5", WEB)), NOW, GRACE);
        assertThat(plan.leaks()).containsExactly(apiHolds);
        assertThat(plan.conflicts()).hasSize(1);
    }
}
