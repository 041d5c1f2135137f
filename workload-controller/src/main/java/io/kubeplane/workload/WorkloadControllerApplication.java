package io.kubeplane.workload;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Entry point of workload-controller: Deployments, scheduling and node lifecycle.
 *
 * <p>The application reads {@code workload-controller.yaml} instead of {@code application.yaml}, so that the
 * local cluster can run every component in one JVM without their settings colliding.
 */
@SpringBootApplication
public class WorkloadControllerApplication {

    /** The config name this component's settings are read under. */
    public static final String CONFIG_NAME = "workload-controller";

    /** A builder for this component, used by {@link #main} and by the local cluster. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(WorkloadControllerApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
