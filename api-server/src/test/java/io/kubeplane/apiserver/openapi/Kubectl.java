package io.kubeplane.apiserver.openapi;

import io.kubeplane.apiserver.ApiServerHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code kubectl} against a test api-server: a kubeconfig for its TLS port with the
 * admin token, a home and cache directory of its own (so no cached OpenAPI document survives a run),
 * and a time limit per command.
 */
final class Kubectl {

    /** What a finished kubectl command printed. */
    record Result(int exitCode, String stdout, String stderr) {

        String output() {
            return stdout + stderr;
        }
    }

    private static final String BINARY = System.getenv().getOrDefault("KUBECTL", "kubectl");
    private static final long TIMEOUT_SECONDS = 60;

    private final Path home;
    private final Path kubeconfig;

    Kubectl(ApiServerHarness server, Path home) {
        this.home = home;
        this.kubeconfig = home.resolve("kubeconfig");
        try {
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: kubeplane
                      cluster:
                        server: %s
                        certificate-authority: %s
                    users:
                    - name: admin
                      user:
                        token: %s
                    contexts:
                    - name: kubeplane
                      context: {cluster: kubeplane, user: admin}
                    current-context: kubeplane
                    """.formatted(server.secureUrl(), server.caCertificate().toAbsolutePath(), ApiServerHarness.ADMIN_TOKEN));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a manifest into the kubectl home and returns its path. */
    Path manifest(String name, String yaml) {
        try {
            return Files.writeString(home.resolve(name), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code kubectl <args>} and waits for it, at most a minute. */
    Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(BINARY, "--kubeconfig=" + kubeconfig,
                "--cache-dir=" + home.resolve("cache")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(home.resolve("stdout").toFile())
                .redirectError(home.resolve("stderr").toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("KUBECONFIG");
        try {
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + "s");
            }
            Result result = new Result(process.exitValue(), Files.readString(home.resolve("stdout"), StandardCharsets.UTF_8),
                    Files.readString(home.resolve("stderr"), StandardCharsets.UTF_8));
            // The transcript goes to the test's output, for whoever reads a failure.
            System.out.printf("$ kubectl %s%n%s(exit %d)%n", String.join(" ", args), result.output(), result.exitCode());
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
