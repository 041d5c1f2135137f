package io.kubeplane.proxy.pods;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What answers in place of the containers kubeplane does not run: for every declared containerPort
 * of a Running pod on this node, a responder. TCP ports that look like HTTP (named with "http", or
 * numbered 80, 8000, 8080 or 3000) answer HTTP/1.1 with keep-alive: {@code /} gives
 * {@code <pod> <pod IP> <node>}, {@code /env} the service environment variables a kubelet gives the
 * pod, {@code /resolv.conf} the resolv.conf it gives it. Other TCP ports echo. Thread-safe.
 */
public final class PodResponders {

    /** One pod port that answers. */
    record Responder(String pod, String namespace, String ip, int port, boolean http) {
    }

    private final String nodeName;
    private final String clusterDnsIp;
    private volatile Map<String, Responder> byAddress = Map.of();
    private volatile List<Service> services = List.of();

    public PodResponders(String nodeName, String clusterDnsIp) {
        this.nodeName = nodeName;
        this.clusterDnsIp = clusterDnsIp;
    }

    /** The Running pods on this node with an IP, and the cluster's Services (for {@code /env}). */
    public void update(List<Pod> pods, List<Service> allServices) {
        Map<String, Responder> next = new HashMap<>();
        for (Pod pod : pods) {
            if (pod.getStatus() == null || pod.getStatus().getPodIP() == null || !"Running".equals(pod.getStatus().getPhase())
                || pod.getMetadata().getDeletionTimestamp() != null || pod.getSpec() == null) {
                continue;
            }
            for (var container : pod.getSpec().getContainers()) {
                for (ContainerPort port : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
                    String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
                    if (!"TCP".equals(protocol) || port.getContainerPort() == null) {
                        continue;
                    }
                    int number = port.getContainerPort();
                    boolean http = (port.getName() != null && port.getName().contains("http"))
                                   || List.of(80, 8000, 8080, 3000).contains(number);
                    Responder r = new Responder(pod.getMetadata().getName(), pod.getMetadata().getNamespace(),
                            pod.getStatus().getPodIP(), number, http);
                    next.put(key(r.ip(), number), r);
                }
            }
        }
        this.services = List.copyOf(allServices);
        this.byAddress = Map.copyOf(next);
    }

    static String key(String ip, int port) {
        return ip + ":" + port;
    }

    /** Whether a pod port with this address answers here. */
    public boolean answers(String ip, int port) {
        return byAddress.containsKey(key(ip, port));
    }

    /** Serves one connection to {@code ip:port} until the client closes it. */
    public void serve(String ip, int port, InputStream in, OutputStream out) throws IOException {
        Responder responder = byAddress.get(key(ip, port));
        if (responder == null) {
            return;
        }
        if (responder.http()) {
            http(responder, new BufferedInputStream(in), out);
        } else {
            in.transferTo(out);
        }
    }

    private void http(Responder responder, InputStream in, OutputStream out) throws IOException {
        while (true) {
            String requestLine = line(in);
            if (requestLine == null || requestLine.isEmpty()) {
                return;
            }
            boolean close = false;
            int contentLength = 0;
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                } else if (lower.startsWith("content-length:")) {
                    contentLength = Integer.parseInt(lower.substring(15).strip());
                }
            }
            in.skipNBytes(contentLength);
            String[] parts = requestLine.split(" ");
            String path = parts.length > 1 ? parts[1] : "/";
            if (parts.length > 2 && "HTTP/1.0".equals(parts[2])) {
                close = true;
            }
            String body = switch (path) {
                case "/env" -> ServiceEnvironment.of(responder.namespace(), services);
                case "/resolv.conf" -> "search " + responder.namespace() + ".svc.cluster.local svc.cluster.local cluster.local\n"
                                       + "nameserver " + clusterDnsIp + "\noptions ndots:5\n";
                default -> responder.pod() + " " + responder.ip() + " " + nodeName + "\n";
            };
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + bytes.length
                       + (close ? "\r\nConnection: close" : "") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            if (close) {
                return;
            }
        }
    }

    private static @Nullable String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() > 8192) {
                throw new IOException("line too long");
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }

    /** kubelet's service environment variables for the Services of one namespace. */
    static final class ServiceEnvironment {

        private ServiceEnvironment() {
        }

        static String of(String namespace, List<Service> services) {
            StringBuilder out = new StringBuilder();
            services.stream().filter(s -> namespace.equals(s.getMetadata().getNamespace()))
                    .filter(s -> s.getSpec() != null && s.getSpec().getClusterIP() != null
                                 && !"None".equals(s.getSpec().getClusterIP()) && !s.getSpec().getClusterIP().isEmpty())
                    .sorted((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName()))
                    .forEach(s -> append(out, s));
            return out.toString();
        }

        private static void append(StringBuilder out, Service service) {
            String prefix = service.getMetadata().getName().toUpperCase(Locale.ROOT).replace('-', '_');
            String ip = service.getSpec().getClusterIP();
            List<ServicePort> ports = service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts();
            if (ports.isEmpty()) {
                return;
            }
            out.append(prefix).append("_SERVICE_HOST=").append(ip).append('\n');
            out.append(prefix).append("_SERVICE_PORT=").append(ports.getFirst().getPort()).append('\n');
            for (ServicePort port : ports) {
                if (port.getName() != null && !port.getName().isEmpty()) {
                    out.append(prefix).append("_SERVICE_PORT_").append(port.getName().toUpperCase(Locale.ROOT).replace('-', '_'))
                            .append('=').append(port.getPort()).append('\n');
                }
            }
            ServicePort first = ports.getFirst();
            String proto = Objects.requireNonNullElse(first.getProtocol(), "TCP").toLowerCase(Locale.ROOT);
            out.append(prefix).append("_PORT=").append(proto).append("://").append(ip).append(':').append(first.getPort()).append('\n');
            for (ServicePort port : ports) {
                String p = Objects.requireNonNullElse(port.getProtocol(), "TCP");
                String base = prefix + "_PORT_" + port.getPort() + "_" + p;
                out.append(base).append('=').append(p.toLowerCase(Locale.ROOT)).append("://").append(ip).append(':')
                        .append(port.getPort()).append('\n');
                out.append(base).append("_PROTO=").append(p.toLowerCase(Locale.ROOT)).append('\n');
                out.append(base).append("_PORT=").append(port.getPort()).append('\n');
                out.append(base).append("_ADDR=").append(ip).append('\n');
            }
        }
    }
}
