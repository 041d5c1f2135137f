package io.kubeplane.proxy.pods;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's end of pod traffic where pod IPs are not routable (the local cluster): another node's
 * proxy connects to this node's address at the pod-network port, sends one line
 * {@code POD <ip> <port>}, and the stream goes on to that pod port's responder, the way a CNI
 * tunnel hands a packet to a pod on its node. A connection naming no pod port here is closed.
 * One virtual thread per connection. Thread-safe.
 */
public final class PodNetwork implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PodNetwork.class);
    /** The default port; kubelet has 10250, kube-proxy's health 10256. */
    public static final int DEFAULT_PORT = 10260;

    private final PodResponders responders;
    private final ServerSocket server;

    public PodNetwork(PodResponders responders, String nodeIp, int port) throws IOException {
        this.responders = responders;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(nodeIp), port), 512);
        Thread.ofVirtual().name("pod-network").start(this::accept);
        log.info("pod network on {}:{}", nodeIp, port);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("pod network: {}", e.getMessage());
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String[] preamble = preamble(in).split(" ");
            if (preamble.length != 3 || !"POD".equals(preamble[0])) {
                return;
            }
            responders.serve(preamble[1], Integer.parseInt(preamble[2]), in, socket.getOutputStream());
        } catch (IOException | RuntimeException e) {
            // the client went away; nothing to tell anyone
        }
    }

    private static String preamble(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (line.length() > 100) {
                return "";
            }
            line.append((char) c);
        }
        return line.toString();
    }

    /** What a proxy sends first to reach {@code ip:port} through a node's pod network. */
    public static byte[] preambleFor(String ip, int port) {
        return ("POD " + ip + " " + port + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
