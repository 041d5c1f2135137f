package io.kubeplane.apiserver;

/**
 * One api-server shared by the integration tests that only read and write objects (each in
 * namespaces of its own), started on first use and stopped when the test session ends
 * ({@link SharedApiServerSessionListener}). Tests that stop
 * the broker or need a second replica start a harness of their own.
 */
public final class SharedApiServer {

    private static ApiServerHarness harness;

    private SharedApiServer() {
    }

    public static synchronized ApiServerHarness get() {
        if (harness == null) {
            harness = new ApiServerHarness();
        }
        return harness;
    }

    /** Stops the shared server if it was started; called when the test session ends. */
    public static synchronized void close() {
        if (harness != null) {
            harness.close();
            harness = null;
        }
    }

    /** Creates a namespace with a unique name for one test; returns its name. */
    public static String newNamespace(String prefix) {
        String name = prefix + "-" + Long.toString(System.nanoTime(), 36);
        ApiClient.Response response = get().client().post("/api/v1/namespaces",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}");
        if (response.status() != 201) {
            throw new IllegalStateException("could not create namespace " + name + ": " + response);
        }
        return name;
    }
}
