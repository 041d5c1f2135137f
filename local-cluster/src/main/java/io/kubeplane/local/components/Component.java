package io.kubeplane.local.components;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * One component of the local cluster: a Spring Boot application with the settings it runs with
 * there. Immutable.
 *
 * @param name        the component's name, e.g. {@code ipam-service}
 * @param application a fresh builder for it (each start needs a new one)
 * @param port        its HTTP port on 127.0.0.1
 * @param arguments   its command-line arguments ({@code --key=value}), which override its own settings
 */
public record Component(String name, Supplier<SpringApplicationBuilder> application, int port, List<String> arguments) {

    public Component {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(application, "application");
        arguments = List.copyOf(arguments);
    }

    /** The same component with {@code more} arguments after its own (a later one wins). */
    public Component withMoreArguments(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(arguments);
        all.addAll(more);
        return new Component(name, application, port, all);
    }

    /** The same component under another name, e.g. one of several node agents. */
    public Component named(String other) {
        return new Component(other, application, port, arguments);
    }

    /** Its HTTP base URL. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Spring Boot's readiness probe, which each component ties to its caches being synced. */
    public String readinessUrl() {
        return url() + "/actuator/health/readiness";
    }
}
