import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How soon a new Service is answerable in DNS: creates Services one at a time through the
 * api-server and, from the moment each create returns, asks dns-service for its A record every
 * millisecond until the answer has one. Prints p50/p90/p99/max. Plain JDK: the query is written
 * by hand (one question, A, class IN). Usage:
 * java bench/DnsLatency.java http://127.0.0.1:18080 <token> <dns port> <namespace> <samples>
 */
public class DnsLatency {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        String api = args[0];
        String token = args[1];
        int port = Integer.parseInt(args[2]);
        String namespace = args[3];
        int samples = Integer.parseInt(args[4]);
        double[] millis = new double[samples];
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(50);
            for (int i = 0; i < samples; i++) {
                String name = "late-" + i;
                String body = "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name + "\"},"
                              + "\"spec\":{\"selector\":{\"app\":\"" + name + "\"},\"ports\":[{\"name\":\"http\",\"port\":80}]}}";
                HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/namespaces/" + namespace + "/services"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (created.statusCode() != 201) {
                    throw new IllegalStateException("create " + name + ": " + created.statusCode() + " " + created.body());
                }
                long start = System.nanoTime();
                byte[] query = query(i & 0xffff, name + "." + namespace + ".svc.cluster.local");
                while (!answered(socket, query, port)) {
                    Thread.sleep(1);
                    if (System.nanoTime() - start > 10_000_000_000L) {
                        throw new IllegalStateException(name + " not answerable after 10 s");
                    }
                }
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(millis);
        System.out.printf("%d Services: create to first DNS answer p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", samples,
                millis[samples / 2], millis[(int) (samples * 0.9)], millis[(int) (samples * 0.99)], millis[samples - 1]);
    }

    /** Whether dns-service answers the query with NOERROR and at least one record. */
    private static boolean answered(DatagramSocket socket, byte[] query, int port) throws Exception {
        socket.send(new DatagramPacket(query, query.length, InetAddress.getLoopbackAddress(), port));
        byte[] buffer = new byte[1500];
        DatagramPacket response = new DatagramPacket(buffer, buffer.length);
        try {
            while (true) {
                socket.receive(response);
                if (buffer[0] == query[0] && buffer[1] == query[1]) {
                    int rcode = buffer[3] & 0x0f;
                    int answers = ((buffer[6] & 0xff) << 8) | (buffer[7] & 0xff);
                    return rcode == 0 && answers > 0;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private static byte[] query(int id, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) (id >> 8), (byte) id, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0});
        for (String label : name.split("\\.")) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        out.writeBytes(new byte[] {0, 0, 1, 0, 1});
        return out.toByteArray();
    }
}
