package io.kubeplane.local.components;

import io.kubeplane.local.postgres.PostgresTarget;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points each component at the cluster store, or keeps a database away from it.
 *
 * <p>All components share one class path in the local cluster, so every one of them sees the JDBC
 * driver and Spring Boot's DataSource auto-configuration that the api-server brings. A component
 * that declares {@code spring.datasource.url} in its own settings file uses the database: its URL,
 * user and password are replaced by the store's. One that does not would fail to start for want of
 * a URL, so the DataSource auto-configuration is excluded for it.
 *
 * <p>Runs right after the component's settings files are read (Spring Boot's config data at
 * {@code HIGHEST_PRECEDENCE + 10}) and before logging is set up. Stateless; one instance may serve
 * every component.
 */
public final class ClusterStoreBinding implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String EXCLUDE = "spring.autoconfigure.exclude";

    private final PostgresTarget store;

    public ClusterStoreBinding(PostgresTarget store) {
        this.store = store;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("kubeplane-local-cluster-store",
                properties(environment.containsProperty("spring.datasource.url"), existingExclusions(environment), store)));
    }

    /** The properties to put in front of the component's own. Pure. */
    static Map<String, Object> properties(boolean declaresDatabase, List<String> exclusions, PostgresTarget store) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (declaresDatabase) {
            properties.put("spring.datasource.url", store.url());
            properties.put("spring.datasource.username", store.user());
            properties.put("spring.datasource.password", store.password());
        } else {
            Set<String> excluded = new LinkedHashSet<>(exclusions);
            excluded.add(DataSourceAutoConfiguration.class.getName());
            properties.put(EXCLUDE, String.join(",", excluded));
        }
        return properties;
    }

    // A property source in front replaces a list property as a whole, so the component's own
    // exclusions are carried over.
    private static List<String> existingExclusions(ConfigurableEnvironment environment) {
        return Binder.get(environment).bind(EXCLUDE, String[].class).map(List::of).orElse(List.of());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 11;
    }
}
