package io.kubeplane.ipam;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Entry point of ipam-service: Address management for Services, Nodes and Pods.
 *
 * <p>The application reads {@code ipam-service.yaml} instead of {@code application.yaml}, so that the
 * local cluster can run every component in one JVM without their settings colliding.
 */
@SpringBootApplication
public class IpamApplication {

    /** The config name this component's settings are read under. */
    public static final String CONFIG_NAME = "ipam-service";

    /** A builder for this component, used by {@link #main} and by the local cluster. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(IpamApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
