package io.kubeplane.apiserver;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Entry point of the api-server: the Kubernetes-compatible REST object API over the PostgreSQL
 * cluster store, its watches, and the outbox relay that streams every committed write to Kafka.
 *
 * <p>The application reads {@code api-server.yaml} instead of {@code application.yaml}, so that the
 * local cluster can run every component in one JVM without their settings colliding.
 */
@SpringBootApplication
public class ApiServerApplication {

    /** The config name this component's settings are read under. */
    public static final String CONFIG_NAME = "api-server";

    /** A builder for this component, used by {@link #main} and by the local cluster. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ApiServerApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
