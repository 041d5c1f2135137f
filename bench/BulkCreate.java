import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates N services in a namespace (creating the namespace first) with 16 concurrent clients.
 *
 * <p>Run with the source launcher: {@code java bench/BulkCreate.java <base-url> <token> <namespace> <count>}.
 */
public class BulkCreate {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        String namespace = args[2];
        int count = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        send(http, token, base + "/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + namespace + "\"}}");
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try (var workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < 16; w++) {
                workers.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        String body = "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"svc-" + i
                                      + "\",\"labels\":{\"app\":\"app-" + (i % 100) + "\"}},\"spec\":{\"selector\":{\"app\":\"app-"
                                      + (i % 100) + "\"},\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":8080}]}}";
                        int status = send(http, token, base + "/api/v1/namespaces/" + namespace + "/services", body);
                        if (status != 201) {
                            throw new IllegalStateException("create failed with " + status);
                        }
                    }
                    return null;
                });
            }
        }
        System.out.printf("created %d services in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
    }

    private static int send(HttpClient http, String token, String url, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
