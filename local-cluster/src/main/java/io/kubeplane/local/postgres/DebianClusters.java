package io.kubeplane.local.postgres;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * {@link InstalledServers} on Debian and Ubuntu, through {@code postgresql-common}'s tools:
 * {@code pg_lsclusters} lists, {@code pg_ctlcluster} starts (bypassing systemd, which containers and
 * WSL often lack), {@code psql} as the cluster's owner creates roles. Stateless and thread-safe.
 */
public final class DebianClusters implements InstalledServers {

    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    @Override
    public List<InstalledCluster> list() {
        try {
            Result result = run(List.of("pg_lsclusters", "--no-header"), LIST_TIMEOUT);
            return result.exitCode() == 0 ? parse(result.output()) : List.of();
        } catch (IOException e) {
            return List.of(); // pg_lsclusters is not installed
        }
    }

    @Override
    public void start(InstalledCluster cluster) throws IOException {
        // pg_ctlcluster waits until the server accepts connections (pg_ctl -w) before returning.
        Result result = run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", cluster.version(), cluster.name(), "start"),
                START_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new IOException("pg_ctlcluster " + cluster.version() + " " + cluster.name() + " start failed (exit "
                    + result.exitCode() + "): " + result.output().strip());
        }
    }

    @Override
    public void createRole(InstalledCluster cluster, String role, String password) throws IOException {
        if (!role.matches("[a-z_][a-z0-9_]*") || !password.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("role names and generated passwords are plain: " + role);
        }
        String sql = """
                DO $$ BEGIN
                  IF EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                    ALTER ROLE %1$s LOGIN CREATEDB PASSWORD '%2$s';
                  ELSE
                    CREATE ROLE %1$s LOGIN CREATEDB PASSWORD '%2$s';
                  END IF;
                END $$;
                """.formatted(role, password);
        // psql over the Unix socket, where Debian lets the owner in as superuser (peer authentication).
        // The SQL goes through standard input, so the password never shows in the process list.
        List<String> psql = List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-p", Integer.toString(cluster.port()),
                "-d", "postgres", "-f", "-");
        String self = ProcessHandle.current().info().user().orElse("");
        List<String> command = self.equals(cluster.owner()) ? psql
                : Stream.concat(Stream.of("runuser", "-u", cluster.owner(), "--"), psql.stream()).toList();
        Result result = run(command, sql, LIST_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new IOException("could not create role " + role + " in PostgreSQL " + cluster.label() + " (exit "
                    + result.exitCode() + "): " + result.output().strip());
        }
    }

    /**
     * Reads {@code pg_lsclusters --no-header}. Pure. Lines look like
     * <pre>
     * 15  main    5432 online postgres /var/lib/postgresql/15/main /var/log/postgresql/postgresql-15-main.log
     * 16  test    5433 down   postgres /var/lib/postgresql/16/test /var/log/postgresql/postgresql-16-test.log
     * 15  replica 5434 online,recovery postgres ...
     * </pre>
     * Lines that do not fit are skipped.
     */
    static List<InstalledCluster> parse(String output) {
        List<InstalledCluster> clusters = new ArrayList<>();
        for (String line : output.split("\\R")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 5 || !fields[2].matches("\\d{1,5}")) {
                continue;
            }
            clusters.add(new InstalledCluster(fields[0], fields[1], Integer.parseInt(fields[2]),
                    fields[3].startsWith("online"), fields[4]));
        }
        return List.copyOf(clusters);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Duration timeout) throws IOException {
        return run(command, null, timeout);
    }

    private static Result run(List<String> command, @Nullable String input, Duration timeout) throws IOException {
        // Output goes to a file, not a pipe: a server the command starts in the background could
        // inherit the pipe and keep it open long after the command has finished.
        Path output = Files.createTempFile("kubeplane-local-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            if (input == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            }
            Process process = builder.start();
            if (input != null) {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
