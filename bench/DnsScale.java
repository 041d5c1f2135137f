import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fills the cluster for the dns-service heap benchmark: SERVICES headless Services without a
 * selector, each with one EndpointSlice of ENDPOINTS ready endpoints (addresses and hostnames),
 * written through the api-server by 32 concurrent clients. Usage:
 * java bench/DnsScale.java http://127.0.0.1:18080 <token> <namespace> <services> <endpoints per service>
 */
public class DnsScale {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    public static void main(String[] args) throws Exception {
        String api = args[0];
        String token = args[1];
        String namespace = args[2];
        int services = Integer.parseInt(args[3]);
        int endpoints = Integer.parseInt(args[4]);
        send(api, token, "/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + namespace + "\"}}");
        long start = System.nanoTime();
        AtomicInteger failures = new AtomicInteger();
        Semaphore inFlight = new Semaphore(32);
        try (var workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < services; i++) {
                int s = i;
                inFlight.acquire();
                workers.submit(() -> {
                    try {
                        send(api, token, "/api/v1/namespaces/" + namespace + "/services", """
                                {"metadata":{"name":"h-%d"},"spec":{"clusterIP":"None","ports":[{"name":"http","port":80}]}}"""
                                .formatted(s));
                        StringBuilder list = new StringBuilder();
                        for (int e = 0; e < endpoints; e++) {
                            int n = s * endpoints + e;
                            list.append(e == 0 ? "" : ",").append("""
                                    {"addresses":["10.%d.%d.%d"],"hostname":"h-%d-%d","conditions":{"ready":true}}"""
                                    .formatted(64 + n / 65536, (n / 256) % 256, n % 256, s, e));
                        }
                        send(api, token, "/apis/discovery.k8s.io/v1/namespaces/" + namespace + "/endpointslices", """
                                {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice",
                                 "metadata":{"name":"h-%d-1","labels":{"kubernetes.io/service-name":"h-%d"}},
                                 "addressType":"IPv4","ports":[{"name":"http","port":80,"protocol":"TCP"}],
                                 "endpoints":[%s]}""".formatted(s, s, list));
                    } catch (Exception e) {
                        if (failures.incrementAndGet() < 5) {
                            System.err.println(e.getMessage());
                        }
                    } finally {
                        inFlight.release();
                    }
                    return null;
                });
            }
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " writes failed");
        }
        System.out.printf("created %d headless Services with %d endpoints each in %.1f s%n", services, endpoints,
                (System.nanoTime() - start) / 1e9);
    }

    private static void send(String api, String token, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + ": " + response.statusCode() + " " + response.body());
        }
    }
}
