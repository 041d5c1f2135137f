package io.kubeplane.proxy;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Entry point of proxy-agent: Per-node service proxy and node agent.
 *
 * <p>The application reads {@code proxy-agent.yaml} instead of {@code application.yaml}, so that the
 * local cluster can run every component in one JVM without their settings colliding.
 */
@SpringBootApplication
public class ProxyAgentApplication {

    /** The config name this component's settings are read under. */
    public static final String CONFIG_NAME = "proxy-agent";

    /** A builder for this component, used by {@link #main} and by the local cluster. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ProxyAgentApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
