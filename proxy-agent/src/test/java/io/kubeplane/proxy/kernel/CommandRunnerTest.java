package io.kubeplane.proxy.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubeplane.proxy.kernel.CommandRunner.CommandException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs harmless programs every Linux has ({@code true}, {@code false}, {@code cat}, {@code sh}, {@code sleep}). */
class CommandRunnerTest {

    private final CommandRunner runner = new CommandRunner(null, Duration.ofSeconds(10));

    @Test
    void successfulCommandReturnsItsOutput() throws Exception {
        assertThat(runner.run(List.of("true")).stdout()).isEmpty();
        assertThat(runner.run(List.of("cat"), "table ip kube-proxy\n").stdout()).isEqualTo("table ip kube-proxy\n");
    }

    @Test
    void largeStdinAndStdoutDoNotDeadlock() throws Exception {
        String text = "-A KUBE-SERVICES -j RETURN\n".repeat(400_000); // ~10 MB, far more than a pipe holds

        assertThat(runner.run(List.of("cat"), text).stdout()).hasSameSizeAs(text);
    }

    @Test
    void failureNamesCommandExitCodeAndStderr() {
        assertThatThrownBy(() -> runner.run(List.of("false")))
                .isInstanceOfSatisfying(CommandException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(1);
                    assertThat(e.getMessage()).isEqualTo("'false' exited 1");
                });
        assertThatThrownBy(() -> runner.run(List.of("sh", "-c", "echo 'Error: no such table' >&2; exit 3")))
                .isInstanceOfSatisfying(CommandException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.stderr()).isEqualTo("Error: no such table\n");
                    assertThat(e.getMessage()).startsWith("'sh -c ").endsWith("exited 3: Error: no such table");
                });
    }

    @Test
    void longStderrIsQuotedShort() {
        assertThatThrownBy(() -> runner.run(List.of("sh", "-c", "head -c 5000 /dev/zero | tr '\\0' x >&2; exit 1")))
                .isInstanceOfSatisfying(CommandException.class, e -> {
                    assertThat(e.stderr()).hasSize(5000);
                    assertThat(e.getMessage()).hasSizeLessThan(CommandRunner.STDERR_QUOTE + 100);
                });
    }

    @Test
    void missingProgramCannotStart() {
        assertThatThrownBy(() -> runner.run(List.of("/nonexistent/kubeplane-nft")))
                .isInstanceOfSatisfying(CommandException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(-1);
                    assertThat(e.getMessage()).startsWith("'/nonexistent/kubeplane-nft' failed: cannot start");
                });
    }

    @Test
    void commandOutlivingTheTimeoutIsKilled() {
        CommandRunner quick = runner.withTimeout(Duration.ofMillis(200));
        long start = System.nanoTime();

        assertThatThrownBy(() -> quick.run(List.of("sleep", "30")))
                .isInstanceOfSatisfying(CommandException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("'sleep 30' failed: timed out after 200 ms"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void namespaceRunsThroughIpNetnsExec() {
        CommandRunner inNode = runner.inNamespace("kp-node1");

        assertThat(inNode.netns()).isEqualTo("kp-node1");
        assertThat(inNode.argv(List.of("nft", "-f", "-"))).containsExactly("ip", "netns", "exec", "kp-node1", "nft", "-f", "-");
        assertThat(runner.argv(List.of("nft", "-f", "-"))).containsExactly("nft", "-f", "-");
        assertThat(runner.inNamespace("").netns()).isNull();
    }
}
