package io.kubeplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings check itself: it passes what a service reads and names what it would ignore. */
class ServiceSettingsTest {

    @Test
    void variablesAndJsonKeysTheServiceReadsPass() {
        assertThat(ServiceSettings.unread("ipam-service", Map.of(
                "KUBEPLANE_IPAM_SERVICECIDRS", "10.96.0.0/12,fd00::/108",
                "KUBEPLANE_IPAM_CONTROLLERS_TOKENFILE", "/etc/kubeplane/token",
                "SPRING_APPLICATION_JSON", "{\"kubeplane\":{\"ipam\":{\"load-balancer-pools\":{\"default\":[\"192.0.2.0/28\"]}}}}",
                "JAVA_TOOL_OPTIONS", "-Xmx1g"))).isEmpty();
    }

    @Test
    void aMisspeltVariableOrKeyIsNamed() {
        assertThat(ServiceSettings.unread("api-server", Map.of(
                "KUBEPLANE_APISERVER_TOKENFILE", "/etc/kubeplane/tokens.csv",
                "KUBEPLANE_API_SERVER_TOKEN_FILE", "/etc/kubeplane/tokens.csv",
                "SPRING_APPLICATION_JSON", "{\"kubeplane\":{\"api-server\":{\"view\":{\"dns\":\"http://dns:8083\"}}}}")))
                .containsExactlyInAnyOrder("kubeplane.api.server.token.file", "kubeplane.api-server.view.dns");
    }
}
