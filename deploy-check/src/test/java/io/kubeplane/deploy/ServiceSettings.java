package io.kubeplane.deploy;

import io.kubeplane.apiserver.auth.AuthorizationConfiguration;
import io.kubeplane.apiserver.config.ApiServerProperties;
import io.kubeplane.dns.config.DnsProperties;
import io.kubeplane.endpoints.config.EndpointsControllerProperties;
import io.kubeplane.ipam.config.IpamProperties;
import io.kubeplane.ipam.controller.ControllerProperties;
import io.kubeplane.model.KubernetesJson;
import io.kubeplane.proxy.config.AgentProperties;
import io.kubeplane.proxy.config.ProxyProperties;
import io.kubeplane.workload.config.WorkloadControllerProperties;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Binds a container's environment to a kubeplane service's own settings classes, as Spring Boot
 * does at start, and reports every {@code KUBEPLANE_*} variable (or {@code SPRING_APPLICATION_JSON}
 * key under {@code kubeplane}) that no setting took: a misspelt variable is otherwise silently
 * ignored and the service runs with its default.
 */
final class ServiceSettings {

    /** A settings class and the prefix it binds under. */
    private record Settings(String prefix, Class<?> type) {
    }

    private static final Map<String, List<Settings>> BY_SERVICE = Map.of(
            "api-server", List.of(new Settings("kubeplane.api-server", ApiServerProperties.class)),
            "ipam-service", List.of(new Settings("kubeplane.ipam", IpamProperties.class),
                    new Settings("kubeplane.ipam.controllers", ControllerProperties.class)),
            "endpoints-controller", List.of(new Settings("kubeplane.endpoints", EndpointsControllerProperties.class)),
            "dns-service", List.of(new Settings("kubeplane.dns", DnsProperties.class)),
            "workload-controller", List.of(new Settings("kubeplane.workloads", WorkloadControllerProperties.class)),
            "proxy-agent", List.of(new Settings("kubeplane.agent", AgentProperties.class),
                    new Settings("kubeplane.agent.proxy", ProxyProperties.class)));

    /** Settings a service reads by name rather than through a settings class. */
    private static final Map<String, List<String>> READ_BY_NAME = Map.of(
            "api-server", List.of(AuthorizationConfiguration.FILE_PROPERTY));

    private ServiceSettings() {
    }

    static Set<String> services() {
        return BY_SERVICE.keySet();
    }

    /** The kubeplane settings in {@code environment} that the service's settings classes do not read. */
    static List<String> unread(String service, Map<String, String> environment) {
        List<Settings> settings = BY_SERVICE.get(service);
        if (settings == null) {
            throw new IllegalArgumentException("no kubeplane service " + service);
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        environment.forEach((k, v) -> {
            if (k.startsWith("KUBEPLANE_")) {
                variables.put(k, v);
            }
        });
        Map<String, Object> json = new LinkedHashMap<>();
        String applicationJson = environment.get("SPRING_APPLICATION_JSON");
        if (applicationJson != null) {
            flatten("", KubernetesJson.JSON.readTree(applicationJson), json);
            json.keySet().removeIf(k -> !k.startsWith("kubeplane."));
        }
        List<ConfigurationPropertySource> sources = new ArrayList<>();
        ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)).forEach(sources::add);
        ConfigurationPropertySources.from(new MapPropertySource("application-json", json)).forEach(sources::add);
        Set<ConfigurationPropertyName> read = new HashSet<>();
        // A map or a list takes every name under it; an object only the names its fields bind.
        Set<ConfigurationPropertyName> containers = new HashSet<>();
        BindHandler recorder = new AbstractBindHandler() {
            @Override
            public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
                read.add(name);
                if (result instanceof Map<?, ?> || result instanceof java.util.Collection<?> || result.getClass().isArray()) {
                    containers.add(name);
                }
                return result;
            }
        };
        READ_BY_NAME.getOrDefault(service, List.of()).forEach(name -> read.add(ConfigurationPropertyName.of(name)));
        Binder binder = new Binder(sources);
        for (Settings s : settings) {
            binder.bind(s.prefix(), Bindable.of(s.type()), recorder);
        }
        List<String> unread = new ArrayList<>();
        for (ConfigurationPropertySource source : sources) {
            ((IterableConfigurationPropertySource) source).stream()
                    .filter(name -> !read.contains(name) && containers.stream().noneMatch(c -> c.isAncestorOf(name)))
                    .forEach(name -> unread.add(name.toString()));
        }
        return unread;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> into) {
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), into));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), into);
            }
        } else {
            into.put(prefix, node.asString());
        }
    }
}
