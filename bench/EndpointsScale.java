import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The endpoints-controller benchmark's client, against the api-server's plain port:
 * <pre>
 *   populate &lt;url&gt; &lt;token&gt; &lt;ns&gt; &lt;services&gt; &lt;pods-per-service&gt;
 *       Services svc-N (selector app=svc-N, port 80 to the named port http) and their pods, each
 *       with container port http 8080, an IP and Ready=True written to its status; 32 clients.
 *   count &lt;url&gt; &lt;token&gt; &lt;ns&gt;
 *       how many EndpointSlices and endpoints (ready ones) the namespace holds.
 *   flips &lt;url&gt; &lt;token&gt; &lt;ns&gt; &lt;services&gt; &lt;pods-per-service&gt; &lt;flips&gt;
 *       one pod at a time has its Ready condition flipped; the time from the status write returning
 *       to a watcher seeing the pod's endpoint change in an EndpointSlice event, per flip.
 * </pre>
 * Run with the source launcher: {@code java bench/EndpointsScale.java populate ...}.
 */
public class EndpointsScale {

    private static HttpClient http;
    private static String base;
    private static String token;

    public static void main(String[] args) throws Exception {
        http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).version(HttpClient.Version.HTTP_1_1).build();
        base = args[1];
        token = args[2];
        String namespace = args[3];
        switch (args[0]) {
            case "populate" -> populate(namespace, Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "count" -> count(namespace);
            case "flips" -> flips(namespace, Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            default -> throw new IllegalArgumentException("populate, count or flips");
        }
    }

    static String ip(int service, int pod, int perService) {
        int n = service * perService + pod + 1;
        return "10." + (64 + (n >> 16)) + "." + ((n >> 8) & 255) + "." + (n & 255);
    }

    static void populate(String namespace, int services, int perService) throws Exception {
        send("POST", "/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + namespace + "\"}}", 201, 409);
        long start = System.nanoTime();
        parallel(services, i -> send("POST", "/api/v1/namespaces/" + namespace + "/services", """
                {"metadata":{"name":"svc-%d"},"spec":{"selector":{"app":"svc-%d"},
                 "ports":[{"name":"http","port":80,"targetPort":"http"}]}}""".formatted(i, i), 201));
        System.out.printf("created %d services in %.1f s%n", services, (System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        parallel(services * perService, n -> {
            int s = n / perService;
            int p = n % perService;
            String name = "svc-" + s + "-" + p;
            send("POST", "/api/v1/namespaces/" + namespace + "/pods", """
                    {"metadata":{"name":"%s","labels":{"app":"svc-%d"}},
                     "spec":{"containers":[{"name":"c","image":"nginx","ports":[{"name":"http","containerPort":8080}]}]}}"""
                    .formatted(name, s), 201);
            status(namespace, name, ip(s, p, perService), true);
        });
        System.out.printf("created %d pods with IPs and Ready in %.1f s%n", services * perService, (System.nanoTime() - start) / 1e9);
    }

    static void status(String namespace, String pod, String ip, boolean ready) {
        send("PATCH", "/api/v1/namespaces/" + namespace + "/pods/" + pod + "/status", """
                {"status":{"phase":"Running","podIP":"%s","podIPs":[{"ip":"%s"}],"conditions":[{"type":"Ready","status":"%s"}]}}"""
                .formatted(ip, ip, ready ? "True" : "False"), 200);
    }

    static void count(String namespace) throws Exception {
        String body = get("/apis/discovery.k8s.io/v1/namespaces/" + namespace + "/endpointslices");
        int slices = count(body, "\"kind\":\"EndpointSlice\"") + count(body, "\"kind\": \"EndpointSlice\"");
        int ready = count(body.replace(" ", ""), "\"ready\":true");
        System.out.printf("slices %d, ready endpoints %d%n", slices, ready);
    }

    static void flips(String namespace, int services, int perService, int flips) throws Exception {
        String list = get("/apis/discovery.k8s.io/v1/namespaces/" + namespace + "/endpointslices?limit=1");
        Matcher rv = Pattern.compile("\"resourceVersion\"\\s*:\\s*\"(\\d+)\"").matcher(list);
        if (!rv.find()) {
            throw new IllegalStateException("no resourceVersion in the list");
        }
        ConcurrentHashMap<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
        ConcurrentHashMap<String, Boolean> expected = new ConcurrentHashMap<>();
        Thread watcher = Thread.ofVirtual().start(() -> watch(namespace, rv.group(1), waiting, expected));
        Random random = new Random(42);
        List<Long> latencies = new ArrayList<>();
        Thread.sleep(500);
        for (int f = 0; f < flips; f++) {
            int s = random.nextInt(services);
            int p = random.nextInt(perService);
            String ip = ip(s, p, perService);
            CompletableFuture<Long> seen = new CompletableFuture<>();
            expected.put(ip, false);
            waiting.put(ip, seen);
            status(namespace, "svc-" + s + "-" + p, ip, false);
            long written = System.nanoTime();
            long at = seen.get(10, TimeUnit.SECONDS);
            latencies.add(Math.max(0, at - written));
            // and back, not timed
            CompletableFuture<Long> back = new CompletableFuture<>();
            expected.put(ip, true);
            waiting.put(ip, back);
            status(namespace, "svc-" + s + "-" + p, ip, true);
            back.get(10, TimeUnit.SECONDS);
        }
        watcher.interrupt();
        Collections.sort(latencies);
        System.out.printf("readiness flip -> slice event (%d flips): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                flips, pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), latencies.getLast() / 1e6);
    }

    static void watch(String namespace, String resourceVersion, ConcurrentHashMap<String, CompletableFuture<Long>> waiting,
                      ConcurrentHashMap<String, Boolean> expected) {
        // Each endpoint's own keys come in any order (the store keeps JSONB's), but its address list
        // comes before the next endpoint's: read the IP and the first "ready" after each "addresses".
        Pattern address = Pattern.compile("^\\s*:\\s*\\[\\s*\"([0-9.]+)\"");
        Pattern ready = Pattern.compile("\"ready\"\\s*:\\s*(true|false)");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/apis/discovery.k8s.io/v1/namespaces/" + namespace
                + "/endpointslices?watch=true&resourceVersion=" + resourceVersion)).header("Authorization", "Bearer " + token).build();
        try {
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    long now = System.nanoTime();
                    String[] chunks = line.split("\"addresses\"");
                    for (int c = 1; c < chunks.length; c++) {
                        Matcher a = address.matcher(chunks[c]);
                        Matcher r = ready.matcher(chunks[c]);
                        if (!a.find() || !r.find()) {
                            continue;
                        }
                        String ip = a.group(1);
                        Boolean want = expected.get(ip);
                        if (want != null && want == Boolean.parseBoolean(r.group(1))) {
                            CompletableFuture<Long> f = waiting.remove(ip);
                            if (f != null) {
                                f.complete(now);
                            }
                        }
                    }
                }
            }
        } catch (Exception e) {
            if (!Thread.currentThread().isInterrupted() && !(e instanceof InterruptedException)) {
                e.printStackTrace(); // stopped on purpose otherwise
            }
        }
    }

    static double pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    interface Task {
        void run(int i) throws Exception;
    }

    static void parallel(int count, Task task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        try (var workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> all = new ArrayList<>();
            for (int w = 0; w < 32; w++) {
                all.add(workers.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        task.run(i);
                    }
                    return null;
                }));
            }
            for (var f : all) {
                f.get();
            }
        }
    }

    static String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static void send(String method, String path, String body, int... ok) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60));
        String type = method.equals("PATCH") ? "application/merge-patch+json" : "application/json";
        request.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (int code : ok) {
                if (response.statusCode() == code) {
                    return;
                }
            }
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
