package io.kubeplane.ipam.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.model.validation.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class FamilyPlanTest {

    private static final List<String> V4 = List.of("IPv4");
    private static final List<String> DUAL = List.of("IPv4", "IPv6");

    private static FamilyPlan planned(FamilyPlan.Outcome outcome) {
        assertThat(outcome).isInstanceOf(FamilyPlan.Planned.class);
        return ((FamilyPlan.Planned) outcome).plan();
    }

    private static List<String> rejected(FamilyPlan.Outcome outcome) {
        assertThat(outcome).isInstanceOf(FamilyPlan.Rejected.class);
        return ((FamilyPlan.Rejected) outcome).errors().stream().map(FieldError::message).toList();
    }

    @Test
    void defaultsToSingleStackInThePrimaryFamily() {
        assertThat(planned(FamilyPlan.resolve(null, List.of(), List.of(), V4)))
                .isEqualTo(new FamilyPlan("SingleStack", V4));
        assertThat(planned(FamilyPlan.resolve(null, List.of(), List.of(), List.of("IPv6", "IPv4"))))
                .isEqualTo(new FamilyPlan("SingleStack", List.of("IPv6")));
    }

    @Test
    void familiesFollowTheRequestedAddresses() {
        assertThat(planned(FamilyPlan.resolve(null, List.of(), List.of("fd00::10"), DUAL)).families())
                .containsExactly("IPv6");
    }

    @Test
    void dualStackPoliciesAddTheSecondFamilyWhereTheClusterHasOne() {
        assertThat(planned(FamilyPlan.resolve("PreferDualStack", List.of(), List.of(), DUAL)).families())
                .containsExactly("IPv4", "IPv6");
        assertThat(planned(FamilyPlan.resolve("PreferDualStack", List.of(), List.of(), V4)).families())
                .containsExactly("IPv4");
        assertThat(planned(FamilyPlan.resolve("RequireDualStack", List.of("IPv6"), List.of(), DUAL)).families())
                .containsExactly("IPv6", "IPv4");
    }

    @Test
    void requireDualStackOnASingleStackClusterIsRefused() {
        assertThat(rejected(FamilyPlan.resolve("RequireDualStack", List.of(), List.of(), V4))).containsExactly(
                "spec.ipFamilyPolicy: Invalid value: \"RequireDualStack\": this cluster is not configured for dual-stack services");
    }

    @Test
    void aFamilyTheClusterDoesNotServeIsRefused() {
        assertThat(rejected(FamilyPlan.resolve(null, List.of("IPv6"), List.of(), V4)))
                .containsExactly("spec.ipFamilies[0]: Invalid value: \"IPv6\": not configured on this cluster");
    }
}
