package io.kubeplane.proxy.kernel;

import io.kubeplane.proxy.kernel.CommandRunner.CommandException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A two-node cluster made of network namespaces, for proving the kernel data planes with real
 * packets. Every name starts with a prefix ({@code kp} gives {@code kp-node1}); nothing is created
 * in the caller's namespace, so deleting the namespaces removes every link too.
 *
 * <pre>
 *                     kp-net: bridge br0, the node network 192.168.250.0/24
 *        +------------------------+---------------------------+
 *   kp-node1 eth0 .1          kp-node2 eth0 .2          kp-outside eth0 .100
 *   10.250.1.0/24             10.250.2.0/24             (a machine outside the cluster:
 *   |- kp-pod1   10.250.1.10  |- kp-pod3   10.250.2.10   no route to the pod subnets)
 *   |- kp-pod2   10.250.1.11
 *   '- kp-client 10.250.1.20
 * </pre>
 *
 * Pods are routed, not bridged (as Calico does): each pod has its address as a /32 and a default
 * route via 10.250.x.1, which the node holds on every pod-facing veth. So every packet from a pod
 * passes the node's IP stack, including one from kp-client to a service whose endpoint is kp-pod1
 * on the same node; with a bridge that reply would bypass the node's conntrack unless
 * br_netfilter were loaded. Node 1 routes 10.250.2.0/24 via node 2 and back; both forward.
 *
 * <p>Pods kp-pod1..3 each run a python3 HTTP server on port 8080 answering its pod's name.
 * {@link #create()} gives each run a prefix of its own ({@code kp} and the JVM's pid in base 36)
 * and holds a file lock named after it while the topology exists. Before building, it removes the
 * namespaces of every earlier run whose lock is free, i.e. whose JVM died without cleaning up;
 * namespaces of a run still going are left alone. Not thread-safe; one test owns it.
 */
final class NetnsTopology implements AutoCloseable {

    static final String NODE1_IP = "192.168.250.1";
    static final String NODE2_IP = "192.168.250.2";
    static final String OUTSIDE_IP = "192.168.250.100";
    static final String POD1_IP = "10.250.1.10";
    static final String POD2_IP = "10.250.1.11";
    static final String CLIENT_IP = "10.250.1.20";
    static final String POD3_IP = "10.250.2.10";
    static final int HTTP_PORT = 8080;

    /** Roles, in creation order; {@code net} holds the node network's bridge. */
    private static final List<String> ROLES = List.of("net", "node1", "node2", "outside", "pod1", "pod2", "pod3",
            "client");

    /** A tiny HTTP server answering its pod's name; prints "ready" once it listens. */
    private static final String SERVER = """
            import sys, http.server
            name = sys.argv[1].encode() + b"\\n"
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(name)))
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(name)
                def log_message(self, *args):
                    pass
            s = http.server.ThreadingHTTPServer(("0.0.0.0", int(sys.argv[2])), H)
            print("ready", flush=True)
            s.serve_forever()
            """;

    private final String prefix;
    private final CommandRunner runner = new CommandRunner(null, Duration.ofSeconds(10));
    private final List<String> created = new ArrayList<>();
    private final List<Process> servers = new ArrayList<>();
    private final FileChannel lockFile;
    private final FileLock lock;

    private NetnsTopology(String prefix, FileChannel lockFile, FileLock lock) {
        this.prefix = prefix;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /** Prefixes of topologies: {@code kp} and up to four base-36 digits. */
    private static final Pattern OUR_NAMESPACE = Pattern.compile("(kp[a-z0-9]{0,4})-(" + String.join("|", ROLES) + ")");

    /** {@link #create(String)} with this run's own prefix, {@code kp} and the pid in base 36. */
    static NetnsTopology create() throws IOException, CommandException {
        return create("kp" + Long.toString(ProcessHandle.current().pid() % (36 * 36 * 36 * 36), 36));
    }

    /** Builds the whole topology and starts the pods' servers; on any failure removes what it made. */
    static NetnsTopology create(String prefix) throws IOException, CommandException {
        if (!prefix.matches("[a-z][a-z0-9]{0,5}")) {
            throw new IllegalArgumentException("prefix must be 1-6 lower-case letters or digits, was " + prefix);
        }
        FileChannel channel = FileChannel.open(lockPath(prefix), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        NetnsTopology topology = new NetnsTopology(prefix, channel, channel.lock());
        try {
            topology.removeLeftovers();
            topology.build();
            return topology;
        } catch (IOException | CommandException | RuntimeException e) {
            topology.close();
            throw e;
        }
    }

    private static Path lockPath(String prefix) {
        return Path.of(System.getProperty("java.io.tmpdir"), "kubeplane-netns-" + prefix + ".lock");
    }

    String prefix() {
        return prefix;
    }

    String ns(String role) {
        return prefix + "-" + role;
    }

    String node1() {
        return ns("node1");
    }

    String client() {
        return ns("client");
    }

    String outside() {
        return ns("outside");
    }

    /** Every namespace this topology is made of. */
    List<String> namespaces() {
        return ROLES.stream().map(this::ns).toList();
    }

    /** Runs {@code argv} in the namespace of {@code role}. */
    CommandRunner.Result exec(String role, String... argv) throws CommandException {
        return runner.inNamespace(ns(role)).run(Arrays.asList(argv));
    }

    /** The namespaces of this prefix that exist now, for checking nothing is left behind. */
    List<String> existing() throws CommandException {
        List<String> names = existingNamespaces();
        return namespaces().stream().filter(names::contains).toList();
    }

    private List<String> existingNamespaces() throws CommandException {
        // "kp-node1 (id: 3)" per line
        return runner.run(List.of("ip", "netns", "list")).stdout().lines().map(l -> l.split(" ", 2)[0]).toList();
    }

    /**
     * Deletes the namespaces of our own prefix (a crashed run whose pid we now have) and of every
     * other prefix whose lock no live run holds.
     */
    private void removeLeftovers() throws CommandException, IOException {
        Map<String, List<String>> byPrefix = new TreeMap<>();
        for (String name : existingNamespaces()) {
            Matcher m = OUR_NAMESPACE.matcher(name);
            if (m.matches()) {
                byPrefix.computeIfAbsent(m.group(1), p -> new ArrayList<>()).add(name);
            }
        }
        for (var entry : byPrefix.entrySet()) {
            if (entry.getKey().equals(prefix)) {
                deleteNamespaces(entry.getValue());
                continue;
            }
            try (FileChannel channel = FileChannel.open(lockPath(entry.getKey()), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock free = channel.tryLock()) {
                if (free != null) {
                    deleteNamespaces(entry.getValue());
                }
            } catch (OverlappingFileLockException e) {
                // a topology in this JVM holds it: still in use
            }
        }
    }

    private void deleteNamespaces(List<String> namespaces) throws CommandException {
        for (String namespace : namespaces) {
            killProcessesIn(namespace);
            runner.run(List.of("ip", "netns", "delete", namespace));
        }
    }

    private void build() throws IOException, CommandException {
        for (String role : ROLES) {
            runner.run(List.of("ip", "netns", "add", ns(role)));
            created.add(ns(role));
            ip(role, "link", "set", "lo", "up");
        }
        ip("net", "link", "add", "br0", "type", "bridge");
        ip("net", "link", "set", "br0", "up");
        attachToNodeNetwork("node1", NODE1_IP);
        attachToNodeNetwork("node2", NODE2_IP);
        attachToNodeNetwork("outside", OUTSIDE_IP);
        for (String node : List.of("node1", "node2")) {
            sysctl(node, "net.ipv4.ip_forward=1");
            // Masqueraded replies and forwarded pod traffic arrive on interfaces a strict
            // reverse-path check would not expect.
            sysctl(node, "net.ipv4.conf.all.rp_filter=0");
            sysctl(node, "net.ipv4.conf.default.rp_filter=0");
            // A REJECT answers with ICMP port unreachable, which the kernel sends a peer at most
            // once a second after a burst of six; the tests reject the client more often than that
            // and must see every refusal.
            sysctl(node, "net.ipv4.icmp_ratelimit=0");
        }
        attachPod("pod1", "node1", POD1_IP, "10.250.1.1");
        attachPod("pod2", "node1", POD2_IP, "10.250.1.1");
        attachPod("client", "node1", CLIENT_IP, "10.250.1.1");
        attachPod("pod3", "node2", POD3_IP, "10.250.2.1");
        ip("node1", "route", "add", "10.250.2.0/24", "via", NODE2_IP);
        ip("node2", "route", "add", "10.250.1.0/24", "via", NODE1_IP);
        for (String pod : List.of("pod1", "pod2", "pod3")) {
            startServer(pod);
        }
    }

    private void attachToNodeNetwork(String role, String ip) throws CommandException {
        ip(role, "link", "add", "eth0", "type", "veth", "peer", "name", role, "netns", ns("net"));
        ip("net", "link", "set", role, "master", "br0", "up");
        ip(role, "addr", "add", ip + "/24", "dev", "eth0");
        ip(role, "link", "set", "eth0", "up");
    }

    private void attachPod(String pod, String node, String podIp, String gateway) throws CommandException {
        String hostSide = "v-" + pod;
        ip(pod, "link", "add", "eth0", "type", "veth", "peer", "name", hostSide, "netns", ns(node));
        ip(pod, "addr", "add", podIp + "/32", "dev", "eth0");
        ip(pod, "link", "set", "eth0", "up");
        ip(pod, "route", "add", gateway, "dev", "eth0", "scope", "link");
        ip(pod, "route", "add", "default", "via", gateway, "dev", "eth0");
        ip(node, "addr", "add", gateway + "/32", "dev", hostSide);
        ip(node, "link", "set", hostSide, "up");
        ip(node, "route", "add", podIp + "/32", "dev", hostSide);
    }

    private void startServer(String pod) throws IOException {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Process process = new ProcessBuilder("ip", "netns", "exec", ns(pod), python, "-u", "-c", SERVER, ns(pod),
                Integer.toString(HTTP_PORT)).redirectErrorStream(true).start();
        servers.add(process);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first;
        try {
            first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }, Thread::startVirtualThread).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("HTTP server in " + ns(pod) + " did not start within 10 s", e);
        }
        if (!"ready".equals(first)) {
            throw new IOException("HTTP server in " + ns(pod) + " did not start: " + first);
        }
        // Nothing more is printed; drain anyway so a stray traceback can never block the server.
        Thread.startVirtualThread(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (IOException ignored) {
                // the server was stopped
            }
        });
    }

    private void ip(String role, String... args) throws CommandException {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", ns(role)));
        argv.addAll(Arrays.asList(args));
        runner.run(argv);
    }

    private void sysctl(String role, String setting) throws CommandException {
        exec(role, "sysctl", "-q", "-w", setting);
    }

    /** Kills the processes left in a namespace (only ours: the namespace carries our prefix). */
    private void killProcessesIn(String namespace) throws CommandException {
        for (String pid : runner.run(List.of("ip", "netns", "pids", namespace)).stdout().lines().toList()) {
            ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Stops the servers and deletes every namespace made, even after a failed build; collects errors. */
    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        for (Process server : servers) {
            server.destroyForcibly();
            try {
                server.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String namespace : created.reversed()) {
            try {
                killProcessesIn(namespace);
                runner.run(List.of("ip", "netns", "delete", namespace));
            } catch (CommandException e) {
                failures.add(e.getMessage());
            }
        }
        created.clear();
        servers.clear();
        try {
            if (lockFile.isOpen()) {
                lock.release();
                lockFile.close();
            }
        } catch (IOException e) {
            failures.add("cannot release the lock: " + e.getMessage());
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("netns topology " + prefix + " not fully removed: " + failures);
        }
    }
}
