package io.kubeplane.proxy.rules;

import static io.kubeplane.proxy.rules.Fixtures.ep;
import static io.kubeplane.proxy.rules.Fixtures.port;
import static io.kubeplane.proxy.rules.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.desired.ServicePortRule;
import org.junit.jupiter.api.Test;

/** {@link ProxyState#changedSince}, which every partial sync starts from. */
class ProxyStateChangesTest {

    private static final ServicePortRule A = port("default/a", "http", "10.96.0.1", 80)
            .endpoints(ep("10.244.1.5", 8080, "node-2")).build();
    private static final ServicePortRule B = port("default/b", "http", "10.96.0.2", 80).build();
    private static final ServicePortRule C = port("default/c", "http", "10.96.0.3", 80).build();

    @Test
    void namesThePortsAddedRemovedAndChangedInOrder() {
        ServicePortRule bWithEndpoint = port("default/b", "http", "10.96.0.2", 80)
                .endpoints(ep("10.244.1.6", 8080, "node-2")).build();
        ProxyState before = state(A, B);
        ProxyState after = state(bWithEndpoint, C);

        assertThat(after.changedSince(before)).extracting(n -> n.service())
                .containsExactly("default/a", "default/b", "default/c");
    }

    @Test
    void equalRulesBuiltAgainAreNotChanges() {
        ServicePortRule sameA = port("default/a", "http", "10.96.0.1", 80).endpoints(ep("10.244.1.5", 8080, "node-2")).build();

        assertThat(state(sameA, B).changedSince(state(A, B))).isEmpty();
        assertThat(state().changedSince(state())).isEmpty();
        assertThat(state(A).changedSince(state())).hasSize(1);
    }
}
