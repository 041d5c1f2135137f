package io.kubeplane.endpoints;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Entry point of endpoints-controller: Endpoints and EndpointSlice reconciler.
 *
 * <p>The application reads {@code endpoints-controller.yaml} instead of {@code application.yaml}, so that the
 * local cluster can run every component in one JVM without their settings colliding.
 */
@SpringBootApplication
public class EndpointsControllerApplication {

    /** The config name this component's settings are read under. */
    public static final String CONFIG_NAME = "endpoints-controller";

    /** A builder for this component, used by {@link #main} and by the local cluster. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(EndpointsControllerApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
