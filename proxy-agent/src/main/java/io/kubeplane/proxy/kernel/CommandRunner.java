package io.kubeplane.proxy.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs one command (an argv list, never a shell line) with some text on its stdin, optionally
 * inside a network namespace ({@code ip netns exec <ns> ...}), and waits at most a timeout for it.
 * The one port through which the kernel data planes touch the node.
 *
 * <p>Immutable and thread-safe; each {@link #run} starts its own process.
 */
public final class CommandRunner {

    /** How much of stderr a failure message quotes: enough for nft's error and its caret line. */
    static final int STDERR_QUOTE = 600;

    private final @Nullable String netns;
    private final Duration timeout;

    /**
     * @param netns   the network namespace to run in ({@code ip netns} name), or null for the caller's
     * @param timeout how long one command may take before it is killed
     */
    public CommandRunner(@Nullable String netns, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.netns = netns == null || netns.isBlank() ? null : netns;
        this.timeout = timeout;
    }

    /** Runs in the caller's namespace with a 30 s timeout. */
    public static CommandRunner local() {
        return new CommandRunner(null, Duration.ofSeconds(30));
    }

    public @Nullable String netns() {
        return netns;
    }

    /** A runner like this one, in {@code namespace}. */
    public CommandRunner inNamespace(@Nullable String namespace) {
        return new CommandRunner(namespace, timeout);
    }

    /** A runner like this one, with another timeout. */
    public CommandRunner withTimeout(Duration newTimeout) {
        return new CommandRunner(netns, newTimeout);
    }

    /** The argv actually started: {@code command}, prefixed with {@code ip netns exec <ns>} when in a namespace. */
    public List<String> argv(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        if (netns == null) {
            return List.copyOf(command);
        }
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        argv.addAll(command);
        return List.copyOf(argv);
    }

    /** {@link #run(List, String)} with empty stdin. */
    public Result run(List<String> command) throws CommandException {
        return run(command, "");
    }

    /**
     * Runs {@code command}, writes {@code stdin} to it and closes it, and collects stdout and stderr.
     *
     * @throws CommandException when it cannot start, exits non-zero, or outlives the timeout
     */
    public Result run(List<String> command, String stdin) throws CommandException {
        List<String> argv = argv(command);
        String name = String.join(" ", argv);
        long start = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new CommandException(name, -1, "cannot start: " + e.getMessage());
        }
        // stdin, stdout and stderr each get their own thread: a large rule text would otherwise
        // fill a pipe while the child waits for us to read the other one.
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> write(process.getOutputStream(), stdin),
                Thread::startVirtualThread);
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()),
                Thread::startVirtualThread);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()),
                Thread::startVirtualThread);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new CommandException(name, -1, "timed out after " + timeout.toMillis() + " ms");
            }
            int exit = process.exitValue();
            String stdout = out.get(5, TimeUnit.SECONDS);
            String stderr = err.get(5, TimeUnit.SECONDS);
            writer.handle((v, t) -> null).get(5, TimeUnit.SECONDS); // a child that exits early may not read its stdin
            if (exit != 0) {
                throw new CommandException(name, exit, stderr.isBlank() ? stdout : stderr);
            }
            return new Result(stdout, stderr, Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CommandException(name, -1, "interrupted");
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new CommandException(name, -1, "cannot read its output: " + e.getMessage());
        }
    }

    private static void write(OutputStream in, String text) {
        try (in) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The child closed its stdin (exited, or reads none): its exit code tells the rest.
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            stream.transferTo(buffer);
            return buffer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a command printed, and how long it ran.
     */
    public record Result(String stdout, String stderr, Duration took) {
    }

    /**
     * A command that could not start, exited non-zero, or timed out. The message names the command
     * (its first words only: a rule text goes on stdin, never into argv), the exit code and the
     * start of stderr.
     */
    public static final class CommandException extends Exception {

        private final String command;
        private final int exitCode;
        private final String stderr;

        public CommandException(String command, int exitCode, String stderr) {
            super(message(command, exitCode, stderr));
            this.command = command;
            this.exitCode = exitCode;
            this.stderr = stderr;
        }

        private static String message(String command, int exitCode, String stderr) {
            String shortCommand = command.length() > 120 ? command.substring(0, 120) + "..." : command;
            String trimmed = stderr.strip();
            String quoted = trimmed.length() > STDERR_QUOTE ? trimmed.substring(0, STDERR_QUOTE) + "..." : trimmed;
            return "'" + shortCommand + "' " + (exitCode >= 0 ? "exited " + exitCode : "failed")
                   + (quoted.isEmpty() ? "" : ": " + quoted);
        }

        public String command() {
            return command;
        }

        /** The exit code, or -1 when the command did not start, timed out or was interrupted. */
        public int exitCode() {
            return exitCode;
        }

        public String stderr() {
            return stderr;
        }
    }
}
