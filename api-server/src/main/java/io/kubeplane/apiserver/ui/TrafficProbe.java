package io.kubeplane.apiserver.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Sends a bounded number of HTTP requests to one {@link TrafficTarget}, each on a connection of its
 * own (the proxy balances connections, not requests), and counts which pod answered: kubeplane's
 * pods answer {@code GET /} with their name first. Sequential, within a deadline. Thread-safe.
 */
public final class TrafficProbe {

    /** The most requests one probe sends. */
    public static final int MAX_REQUESTS = 500;

    private static final int CONNECT_TIMEOUT_MS = 2000;
    private static final int READ_TIMEOUT_MS = 3000;
    private static final int MAX_RESPONSE = 8192;

    /**
     * @param target   where the requests went
     * @param sent     requests sent
     * @param answers  how many each pod answered, by pod name
     * @param failed   requests without an answer (refused, reset, timed out, not HTTP 200)
     * @param lastError the last failure, or null
     * @param millis   how long the probe took
     */
    public record Result(TrafficTarget target, int sent, Map<String, Integer> answers, int failed,
                         @Nullable String lastError, long millis) {
    }

    private final Duration deadline;

    public TrafficProbe(Duration deadline) {
        this.deadline = deadline;
    }

    public Result send(TrafficTarget target, int count) {
        int requests = Math.clamp(count, 1, MAX_REQUESTS);
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        Map<String, Integer> answers = new TreeMap<>();
        int sent = 0;
        int failed = 0;
        String lastError = null;
        while (sent < requests && System.nanoTime() < end) {
            sent++;
            try {
                String pod = once(target);
                answers.merge(pod, 1, Integer::sum);
            } catch (IOException e) {
                failed++;
                lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }
        return new Result(target, sent, answers, failed, lastError, (System.nanoTime() - start) / 1_000_000);
    }

    private static String once(TrafficTarget target) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.address(), target.port()), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.0\r\nHost: " + target.address() + "\r\nUser-Agent: kubeplane-visualizer\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return podName(read(socket.getInputStream()));
        }
    }

    private static String read(InputStream in) throws IOException {
        byte[] buffer = new byte[MAX_RESPONSE];
        int length = 0;
        int n;
        while (length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) >= 0) {
            length += n;
        }
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    /** The pod's name: the first word of a 200 response's body. */
    static String podName(String response) throws IOException {
        int bodyStart = response.indexOf("\r\n\r\n");
        if (!response.startsWith("HTTP/1.") || bodyStart < 0) {
            throw new IOException(response.isEmpty() ? "connection closed without an answer" : "not an HTTP answer");
        }
        String statusLine = response.substring(0, response.indexOf("\r\n"));
        if (!statusLine.contains(" 200")) {
            throw new IOException("answered " + statusLine.substring(statusLine.indexOf(' ') + 1));
        }
        String body = response.substring(bodyStart + 4).strip();
        int space = body.indexOf(' ');
        String name = space < 0 ? body : body.substring(0, space);
        if (name.isEmpty()) {
            throw new IOException("an empty answer");
        }
        return name.length() > 253 ? name.substring(0, 253) : name;
    }
}
