package io.kubeplane.apiserver.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Watch events as newline-delimited JSON in a streamed HTTP response body. */
final class HttpWatchSink implements WatchSink {

    private static final byte[] OBJECT = ",\"object\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "}\n".getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;

    HttpWatchSink(OutputStream out) {
        this.out = out;
    }

    @Override
    public void send(String type, String objectJson) throws IOException {
        out.write(("{\"type\":\"" + type + "\"").getBytes(StandardCharsets.UTF_8));
        out.write(OBJECT);
        out.write(objectJson.getBytes(StandardCharsets.UTF_8));
        out.write(END);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
