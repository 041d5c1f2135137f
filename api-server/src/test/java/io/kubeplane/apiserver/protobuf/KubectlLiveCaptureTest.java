package io.kubeplane.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubeplane.model.KubernetesJson;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Records what the kubectl on the PATH sends for a command to a server on 127.0.0.1 and decodes
 * it; the expected JSON is what the same kubectl prints with {@code --dry-run=client -o json}.
 * Catches a kubectl newer than the recorded bodies in {@code resources/protobuf/kubectl}. kubectl
 * is a required test tool (kubeplane-test checks for it).
 */
class KubectlLiveCaptureTest {

    private record Request(String method, String path, String contentType, byte[] body) {
    }

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void startRecorder() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::record);
        server.start();
        Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: recorder, cluster: {server: "http://127.0.0.1:%d"}}]
                users: [{name: tester, user: {token: test-token}}]
                contexts: [{name: recorder, context: {cluster: recorder, user: tester, namespace: default}}]
                current-context: recorder
                """.formatted(server.getAddress().getPort()));
    }

    @AfterEach
    void stopRecorder() {
        server.stop(0);
    }

    @ParameterizedTest(name = "kubectl {0}")
    @ValueSource(strings = {
        "create namespace demo",
        "create service clusterip web --tcp=80:8080",
        "create deployment web --image=nginx --replicas=2 --port=8080"
    })
    void decodesWhatKubectlSends(String command) throws Exception {
        String printed = kubectl(command + " --dry-run=client -o json");
        JsonNode expected = KubernetesJson.JSON.readTree(printed);
        answer = printed.getBytes(StandardCharsets.UTF_8);

        kubectl(command + " --dry-run=server");

        Request create = requests.stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
        assertThat(create.contentType()).isEqualTo(ProtobufBodies.MEDIA_TYPE);
        assertThat(ProtobufBodies.decode(create.body())).isEqualTo(expected);
    }

    private void record(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestBody().readAllBytes()));
            boolean create = exchange.getRequestMethod().equals("POST");
            byte[] body = create ? answer
                    : "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}"
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(create ? 201 : 404, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private String kubectl(String arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(kubectlPath().orElseThrow().toString(),
                "--kubeconfig", dir.resolve("kubeconfig").toString(), "--cache-dir", dir.resolve("cache").toString()));
        command.addAll(List.of(arguments.split(" ")));
        Process process = new ProcessBuilder(command)
                .redirectError(dir.resolve("kubectl.err").toFile())
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("kubectl " + arguments + " did not finish in 60s");
        }
        assertThat(process.exitValue())
                .as("kubectl %s: %s", arguments, Files.readString(dir.resolve("kubectl.err")))
                .isZero();
        return new String(out, StandardCharsets.UTF_8);
    }


    private static Optional<Path> kubectlPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .map(directory -> Path.of(directory, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
