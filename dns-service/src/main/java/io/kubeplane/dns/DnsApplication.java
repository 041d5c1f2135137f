package io.kubeplane.dns;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Entry point of dns-service: Cluster DNS for Services and Pods.
 *
 * <p>The application reads {@code dns-service.yaml} instead of {@code application.yaml}, so that the
 * local cluster can run every component in one JVM without their settings colliding.
 */
@SpringBootApplication
public class DnsApplication {

    /** The config name this component's settings are read under. */
    public static final String CONFIG_NAME = "dns-service";

    /** A builder for this component, used by {@link #main} and by the local cluster. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(DnsApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
