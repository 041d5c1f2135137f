package io.kubeplane.client;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;

/**
 * Builds the typed API client kubeplane's components use: the fabric8 Kubernetes client (the same
 * one any Java user of Kubernetes would take), pointed at the api-server with a bearer token and,
 * for HTTPS, the cluster's CA — never trusting every certificate. Thread-safe; the clients it
 * builds are thread-safe too and should be shared and closed by their owner.
 */
public final class KubeplaneClients {

    private KubeplaneClients() {
    }

    public static KubernetesClient create(ApiClientSettings settings) {
        ConfigBuilder config = new ConfigBuilder(Config.empty())
                .withMasterUrl(settings.server())
                .withOauthToken(settings.token())
                .withUserAgent(settings.userAgent())
                .withRequestTimeout(30_000)
                .withConnectionTimeout(10_000)
                .withWatchReconnectInterval(1_000);
        if (settings.caCertificate() != null) {
            config.withCaCertData(java.util.Base64.getEncoder().encodeToString(
                    settings.caCertificate().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return new KubernetesClientBuilder()
                .withConfig(config.build())
                .withHttpClientFactory(new VertxHttpClientFactory())
                .build();
    }
}
