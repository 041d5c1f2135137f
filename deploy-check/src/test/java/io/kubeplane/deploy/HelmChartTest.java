package io.kubeplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * helm/kubeplane, rendered by the real Helm engine (helm-java): it lints cleanly, renders with
 * default values and with an external Kafka and PostgreSQL, every object parses as its kind with no
 * field the kind lacks, and what it renders is what a cluster operator needs: probes on every
 * service, the proxy-agent as a DaemonSet with NET_ADMIN, tokens in a Secret, images at the chart's
 * version, and every setting a service container gets is one that service reads.
 */
class HelmChartTest {

    private static final Path CHART = Repository.root().resolve("helm/kubeplane");
    private static final List<String> SERVICES = List.of("api-server", "ipam-service", "endpoints-controller",
            "dns-service", "workload-controller");

    @Test
    void lintsCleanlyInStrictMode() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void defaultValuesDeployEveryServiceWithProbesAndTheBundledStores() {
        List<HasMetadata> objects = render(t -> t);
        for (String service : SERVICES) {
            Deployment deployment = find(objects, Deployment.class, "kp-kubeplane-" + service);
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
            assertThat(container.getImage()).isEqualTo("kubeplane/" + service + ":" + Repository.version());
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).as(service).isIn("/actuator/health/readiness", "/readyz");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).as(service).isIn("/actuator/health/liveness", "/livez");
            assertThat(container.getSecurityContext().getRunAsNonRoot()).as(service).isTrue();
            assertThat(ServiceSettings.unread(service, literalEnv(container))).as(service).isEmpty();
        }
        assertThat(find(objects, StatefulSet.class, "kp-kubeplane-kafka")).isNotNull();
        assertThat(find(objects, StatefulSet.class, "kp-kubeplane-postgresql")).isNotNull();
        Container api = container(find(objects, Deployment.class, "kp-kubeplane-api-server").getSpec().getTemplate().getSpec());
        assertThat(env(api, "SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://kp-kubeplane-postgresql:5432/kubeplane");
        assertThat(env(api, "KUBEPLANE_APISERVER_RELAY_BOOTSTRAPSERVERS")).isEqualTo("kp-kubeplane-kafka:9092");
        Service apiService = find(objects, Service.class, "kp-kubeplane-api-server");
        assertThat(apiService.getSpec().getPorts()).extracting(p -> p.getPort()).containsExactly(6443, 8080);
        Service dns = find(objects, Service.class, "kp-kubeplane-dns");
        assertThat(dns.getSpec().getPorts()).extracting(p -> p.getPort() + "/" + p.getProtocol())
                .contains("53/UDP", "53/TCP");
    }

    @Test
    void theProxyAgentLeavesTheNodesNetfilterAloneUnlessAKernelModeIsChosen() {
        Container agent = container(find(render(t -> t), DaemonSet.class, "kp-kubeplane-proxy-agent").getSpec().getTemplate().getSpec());
        assertThat(env(agent, "KUBEPLANE_AGENT_PROXY_MODE")).isEqualTo("dry-run");
        assertThat(agent.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(agent.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(agent.getImage()).isEqualTo("kubeplane/proxy-agent:" + Repository.version());
    }

    @Test
    void theProxyAgentIsADaemonSetOnTheHostNetworkWithNetAdmin() {
        List<HasMetadata> objects = render(t -> t.set("serviceCIDR", "10.100.0.0/16")
                .set("proxyAgent.mode", "iptables").set("proxyAgent.image", "registry.example/kubeplane-agent-nft:1"));
        DaemonSet agents = find(objects, DaemonSet.class, "kp-kubeplane-proxy-agent");
        PodSpec pod = agents.getSpec().getTemplate().getSpec();
        assertThat(pod.getHostNetwork()).isTrue();
        Container agent = container(pod);
        assertThat(agent.getSecurityContext().getCapabilities().getAdd()).contains("NET_ADMIN");
        assertThat(env(agent, "KUBEPLANE_AGENT_PROXY_MODE")).isEqualTo("iptables");
        assertThat(agent.getImage()).isEqualTo("registry.example/kubeplane-agent-nft:1");
        assertThat(env(agent, "KUBEPLANE_AGENT_PROXY_SERVICECIDRS")).isEqualTo("10.100.0.0/16");
        assertThat(agent.getEnv()).filteredOn(e -> e.getName().equals("KUBEPLANE_AGENT_NODENAME")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName"));
        assertThat(ServiceSettings.unread("proxy-agent", literalEnv(agent))).isEmpty();
        Container ipam = container(find(objects, Deployment.class, "kp-kubeplane-ipam-service").getSpec().getTemplate().getSpec());
        assertThat(env(ipam, "KUBEPLANE_IPAM_SERVICECIDRS")).isEqualTo("10.100.0.0/16");
    }

    @Test
    void tokensLiveInASecretAndEachComponentMountsItsOwn() {
        List<HasMetadata> objects = render(t -> t.set("tokens.admin", "s3cret-admin-token"));
        Secret tokens = find(objects, Secret.class, "kp-kubeplane-tokens");
        String file = tokens.getStringData().get("tokens.csv");
        assertThat(file).contains("s3cret-admin-token,kubeplane-admin,kubeplane-admin,\"system:masters\"");
        for (String component : List.of("ipam-service", "endpoints-controller", "dns-service", "workload-controller", "proxy-agent")) {
            String token = tokens.getStringData().get(component + ".token");
            assertThat(token).as(component).hasSize(48);
            assertThat(file).contains(token + ",system:kubeplane:" + component + ",");
        }
    }

    @Test
    void anExternalKafkaAndPostgresqlReplaceTheBundledOnes() {
        List<HasMetadata> objects = render(t -> t
                .set("kafka.external.bootstrapServers", "kafka-0.kafka:9092,kafka-1.kafka:9092")
                .set("postgresql.external.url", "jdbc:postgresql://db.example:5432/kp")
                .set("postgresql.external.existingSecret", "kp-db")
                .set("image.tag", "1.2.3"));
        assertThat(objects).noneMatch(o -> o instanceof StatefulSet);
        assertThat(objects).noneMatch(o -> o.getMetadata().getName().equals("kp-kubeplane-postgresql"));
        for (String service : SERVICES) {
            Container container = container(find(objects, Deployment.class, "kp-kubeplane-" + service).getSpec().getTemplate().getSpec());
            assertThat(container.getImage()).isEqualTo("kubeplane/" + service + ":1.2.3");
            assertThat(env(container, "SPRING_KAFKA_BOOTSTRAPSERVERS")).isEqualTo("kafka-0.kafka:9092,kafka-1.kafka:9092");
        }
        Container api = container(find(objects, Deployment.class, "kp-kubeplane-api-server").getSpec().getTemplate().getSpec());
        assertThat(env(api, "SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://db.example:5432/kp");
        assertThat(api.getEnv()).filteredOn(e -> e.getName().equals("SPRING_DATASOURCE_PASSWORD")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("kp-db"));
    }

    @Test
    void anExternalPostgresqlWithoutAPasswordIsRefused() {
        assertThatThrownBy(() -> render(t -> t.set("postgresql.external.url", "jdbc:postgresql://db.example:5432/kp")))
                .hasMessageContaining("postgresql.external.password");
    }

    private static List<HasMetadata> render(UnaryOperator<TemplateCommand> values) {
        String yaml = values.apply(new Helm(CHART).template().withName("kp").withNamespace("kubeplane")).call();
        return StrictObjects.parse(yaml);
    }

    private static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast).filter(o -> o.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " rendered"));
    }

    private static Container container(PodSpec pod) {
        return pod.getContainers().getFirst();
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no " + name));
    }

    /** The container's environment; values taken from fields or Secrets stand in as placeholders. */
    private static Map<String, String> literalEnv(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : container.getEnv()) {
            env.put(e.getName(), e.getValue() != null ? e.getValue() : placeholder(e.getName()));
        }
        return env;
    }

    private static String placeholder(String name) {
        return name.endsWith("ADDRESS") || name.endsWith("IP") ? "10.0.0.1" : "from-the-pod";
    }
}
