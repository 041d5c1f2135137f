package io.kubeplane.local;

import io.kubeplane.local.components.ClusterComponents;
import io.kubeplane.local.components.Component;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text printed once the local cluster is ready: where every endpoint is, which database and
 * broker it uses, and how to point kubectl at it. Pure; rendered by {@link LocalCluster#main}.
 */
final class Summary {

    private static final String ROW = "  %-21s %-30s %s";

    private Summary() {
    }

    static String render(LocalClusterSettings settings, LocalCluster.Started started) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "kubeplane local cluster is ready (%.1f s)",
                started.startupTime().toMillis() / 1000.0));
        String kubeconfig = settings.kubeconfig().toString();
        lines.add(row("API (kubectl)", "https://127.0.0.1:" + settings.ports().secure(), "KUBECONFIG=" + kubeconfig));
        for (Component component : started.components()) {
            if (component.name().equals(ClusterComponents.API_SERVER)) {
                lines.add(row("API (HTTP)", component.url(), "Swagger UI: " + component.url() + "/swagger-ui.html"));
                lines.add(row("Visualizer", component.url() + "/ui/", "sign in with the token in " + kubeconfig));
            } else {
                lines.add(row(component.name(), component.url(), ""));
            }
        }
        lines.add(row("PostgreSQL", started.database().url(),
                "(" + started.databaseDescription() + ", user " + started.database().user() + ")"));
        lines.add(row("Kafka", started.kafkaBootstrap(), "(" + started.kafkaDescription() + ")"));
        lines.add(row("Try", "kubectl --kubeconfig " + kubeconfig + " get namespaces", ""));
        lines.add("Press Ctrl-C to stop.");
        return String.join("\n", lines) + "\n";
    }

    private static String row(String what, String where, String note) {
        return String.format(Locale.ROOT, ROW, what, where, note).stripTrailing();
    }
}
