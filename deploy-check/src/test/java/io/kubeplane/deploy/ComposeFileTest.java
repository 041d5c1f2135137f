package io.kubeplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Config;
import io.kubeplane.model.KubernetesJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml, read as Compose reads it (anchors and merge keys resolved): every kubeplane
 * service and two node agents run from the images the build makes; everything has a health check
 * and starts after what it depends on is healthy, with no cycle; the ports the demo promises are
 * published; every file mounted exists; the tokens, the kubeconfig and the token file agree; and
 * every kubeplane setting in the environment is one the service reads.
 */
class ComposeFileTest {

    private static final Path ROOT = Repository.root();
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(ROOT.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void everyServiceRunsFromTheImageTheBuildMakes() {
        assertThat(services).containsKeys("postgres", "kafka", "api-server", "ipam-service", "endpoints-controller",
                "dns-service", "workload-controller", "proxy-agent-1", "proxy-agent-2");
        for (String module : ServiceSettings.services()) {
            List<String> running = services.entrySet().stream()
                    .filter(e -> String.valueOf(e.getValue().get("image")).startsWith("kubeplane/" + module + ":"))
                    .map(Map.Entry::getKey).toList();
            assertThat(running).as(module).isNotEmpty();
            running.forEach(name -> assertThat(services.get(name).get("image"))
                    .isEqualTo("kubeplane/" + module + ":" + Repository.version()));
        }
    }

    @Test
    void everythingIsHealthCheckedAndStartsAfterWhatItNeedsIsHealthy() {
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            assertThat(service.getValue()).as(service.getKey()).containsKey("healthcheck");
            for (Map.Entry<String, Object> dependency : dependsOn(service.getValue()).entrySet()) {
                assertThat(services).as(service.getKey() + " depends on").containsKey(dependency.getKey());
                assertThat(dependency.getValue()).as(service.getKey() + " → " + dependency.getKey())
                        .isEqualTo(Map.of("condition", "service_healthy"));
            }
        }
        // A start order exists: repeatedly start what has all its dependencies started.
        Set<String> started = new HashSet<>();
        while (started.size() < services.size()) {
            List<String> next = services.keySet().stream().filter(s -> !started.contains(s))
                    .filter(s -> started.containsAll(dependsOn(services.get(s)).keySet())).toList();
            assertThat(next).as("services that can start after " + started).isNotEmpty();
            started.addAll(next);
        }
    }

    @Test
    void theApiDnsAndBothNodesNodePortsArePublished() {
        assertThat(ports("api-server")).contains("8080:8080", "6443:6443");
        assertThat(ports("dns-service")).contains("10053:10053/udp", "10053:10053/tcp");
        assertThat(ports("proxy-agent-1")).contains("30000-30019:30000-30019");
        assertThat(ports("proxy-agent-2")).contains("31000-31019:30000-30019");
        assertThat(environment("ipam-service")).containsEntry("KUBEPLANE_IPAM_NODEPORTRANGE", "30000-30019");
    }

    @Test
    void mountedFilesExistAndTheTokensAgree() throws IOException {
        List<String> mounted = new ArrayList<>();
        for (Map<String, Object> service : services.values()) {
            for (Object volume : (List<?>) service.getOrDefault("volumes", List.of())) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(ROOT.resolve(source)).as(String.valueOf(volume)).isRegularFile();
                    mounted.add(source);
                }
            }
        }
        assertThat(mounted).contains("./deploy/compose/tokens.csv", "./deploy/compose/authorization.yaml");
        String tokens = Files.readString(ROOT.resolve("deploy/compose/tokens.csv"));
        for (String source : mounted) {
            if (source.endsWith(".token")) {
                String token = Files.readString(ROOT.resolve(source)).strip();
                String component = Path.of(source).getFileName().toString().replace(".token", "");
                assertThat(tokens).as(source).contains(token + ",system:kubeplane:" + component + ",");
            }
        }
        Config kubeconfig = KubernetesJson.YAML.readValue(Files.readString(ROOT.resolve("deploy/compose/kubeconfig")), Config.class);
        assertThat(kubeconfig.getClusters().getFirst().getCluster().getServer()).isEqualTo("https://127.0.0.1:6443");
        String admin = kubeconfig.getUsers().getFirst().getUser().getToken();
        assertThat(tokens).contains(admin + ",kubeplane-admin,kubeplane-admin,\"system:masters\"");
    }

    @Test
    void everyKubeplaneSettingIsOneTheServiceReads() {
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            String image = String.valueOf(service.getValue().get("image"));
            if (!image.startsWith("kubeplane/")) {
                continue;
            }
            String module = image.substring("kubeplane/".length(), image.indexOf(':'));
            Map<String, String> env = environment(service.getKey());
            assertThat(env).as(service.getKey()).containsEntry("SERVER_ADDRESS", "0.0.0.0");
            assertThat(ServiceSettings.unread(module, env)).as(service.getKey()).isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dependsOn(Map<String, Object> service) {
        return (Map<String, Object>) service.getOrDefault("depends_on", Map.of());
    }

    private static List<String> ports(String service) {
        return ((List<?>) services.get(service).getOrDefault("ports", List.of())).stream().map(String::valueOf).toList();
    }

    private static Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        ((Map<?, ?>) services.get(service).getOrDefault("environment", Map.of()))
                .forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        return env;
    }
}
