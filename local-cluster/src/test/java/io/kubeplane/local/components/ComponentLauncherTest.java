package io.kubeplane.local.components;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.PortInUseException;

class ComponentLauncherTest {

    @Test
    void failureMessagesNameTheInnermostCause() {
        Throwable failure = new IllegalStateException("Unable to start embedded Tomcat",
                new IOException("Failed to bind", new BindException("Port 8081 was already in use.")));

        assertThat(ComponentLauncher.rootCauseMessage(failure)).isEqualTo("Port 8081 was already in use.");
    }

    @Test
    void aPortInUseIsReportedWithItsPort() {
        Throwable failure = new IllegalStateException("Failed to start bean 'webServerStartStop'",
                new PortInUseException(8083, new BindException("Address already in use")));

        assertThat(ComponentLauncher.rootCauseMessage(failure)).isEqualTo("Port 8083 is already in use");
    }

    @Test
    void aCauseWithoutMessageFallsBackToAnOuterOne() {
        assertThat(ComponentLauncher.rootCauseMessage(new IllegalStateException("outer", new NullPointerException())))
                .isEqualTo("outer");
    }
}
