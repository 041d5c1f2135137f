package io.kubeplane.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real kubectl, run against a cluster's kubeconfig with a bounded time, for acceptance tests.
 */
public final class Kubectl {

    /** What kubectl printed (stdout and stderr together) and its exit code. */
    public record Result(int exitCode, String output) {
    }

    private final Path kubeconfig;
    private final Path scratch;

    public Kubectl(Path kubeconfig, Path scratch) {
        this.kubeconfig = kubeconfig;
        this.scratch = scratch;
    }

    /** Runs kubectl and returns its output; fails the test on a non-zero exit. */
    public String run(String... args) {
        return runWithInput("", args);
    }

    public String runWithInput(String input, String... args) {
        Result result = attempt(input, args);
        assertThat(result.exitCode()).as("kubectl %s exit code; output:%n%s", String.join(" ", args), result.output()).isZero();
        return result.output();
    }

    /** Runs kubectl with extra environment variables ({@code KUBE_EDITOR}); fails the test on a non-zero exit. */
    public String runWithEnv(Map<String, String> env, String... args) {
        Result result = attempt("", env, args);
        assertThat(result.exitCode()).as("kubectl %s exit code; output:%n%s", String.join(" ", args), result.output()).isZero();
        return result.output();
    }

    /** Runs kubectl and returns its output and exit code, whatever they are. */
    public Result attempt(String input, String... args) {
        return attempt(input, Map.of(), args);
    }

    private Result attempt(String input, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(), "--request-timeout=20s"));
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile(scratch, "kubectl", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().remove("KUBECONFIG");
            builder.environment().put("HOME", scratch.toString()); // a discovery cache of this cluster's own
            builder.environment().putAll(env);
            Process process = builder.start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 60 s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
