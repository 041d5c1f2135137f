import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Allocation latency of one ClusterIP as a range fills: measures allocate-then-release pairs (so
 * the fill level stays put) on the empty range, then fills it to the given share with 16 clients,
 * then measures again. Usage: java bench/IpamLatency.java http://127.0.0.1:18081 <range size> <fill %> <samples>
 */
public class IpamLatency {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern IP = Pattern.compile("\"clusterIPs\":\\[\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int size = Integer.parseInt(args[1]);
        double fill = Double.parseDouble(args[2]) / 100;
        int samples = Integer.parseInt(args[3]);
        measure(base, "empty", samples);
        int target = (int) (size * fill);
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
            for (int c = 0; c < 16; c++) {
                clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < target; i = next.getAndIncrement()) {
                        allocate(base, "fill-" + i);
                    }
                    return null;
                });
            }
        }
        System.out.printf("filled %d of %d addresses (%.1f%%) in %.1f s%n", target, size, 100.0 * target / size,
                (System.nanoTime() - start) / 1e9);
        measure(base, String.format("%.0f%% full", fill * 100), samples);
    }

    private static void measure(String base, String label, int samples) throws Exception {
        // Warm the JIT on both sides first, so the empty range is not measured on a cold JVM.
        for (int i = 0; i < Math.max(5000, samples); i++) {
            release(base, "warm-" + i, allocate(base, "warm-" + i));
        }
        double[] micros = new double[samples];
        for (int i = 0; i < samples; i++) {
            String uid = label.replace(' ', '-').replace("%", "") + "-" + i;
            long t0 = System.nanoTime();
            String ip = allocate(base, uid);
            micros[i] = (System.nanoTime() - t0) / 1e3;
            release(base, uid, ip);
        }
        Arrays.sort(micros);
        System.out.printf("%s: allocation latency median %.0f us, p99 %.0f us, mean %.0f us (%d samples)%n", label,
                micros[samples / 2], micros[(int) (samples * 0.99)], Arrays.stream(micros).average().orElse(0), samples);
    }

    private static String allocate(String base, String uid) throws Exception {
        String body = "{\"namespace\":\"bench\",\"name\":\"" + uid + "\",\"uid\":\"" + uid
                      + "\",\"dryRun\":false,\"clusterIPs\":{},\"nodePorts\":[]}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/ipam/v1/services/allocations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = IP.matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return m.group(1);
    }

    private static void release(String base, String uid, String ip) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(base + "/ipam/v1/services/releases"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"uid\":\"" + uid + "\",\"clusterIPs\":[\"" + ip + "\"]}")).build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
