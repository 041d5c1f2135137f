package io.kubeplane.proxy.userspace;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.kubeplane.proxy.desired.DesiredState;
import io.kubeplane.proxy.pods.PodResponders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The userspace proxy's side of {@code bench/userspace-proxy.sh}: three pod responders (HTTP,
 * keep-alive, a one-line body) on 127.0.0.1 at {@code base+1..base+3}, and a NodePort at 127.0.0.1
 * {@code nodePort} balancing over them with the direct connector. Runs until killed.
 *
 * <p>Usage: {@code UserspaceProxyBenchmark <nodePort> <base> [random|round-robin|least-connections]}
 */
public final class UserspaceProxyBenchmark {

    private UserspaceProxyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int nodePort = Integer.parseInt(args[0]);
        int base = Integer.parseInt(args[1]);
        String balancing = args.length > 2 ? args[2] : "random";
        List<Pod> pods = new ArrayList<>();
        EndpointSliceBuilder slice = new EndpointSliceBuilder().withNewMetadata().withNamespace("bench").withName("web-x")
                .addToLabels("kubernetes.io/service-name", "web").endMetadata().withAddressType("IPv4");
        for (int i = 1; i <= 3; i++) {
            pods.add(new PodBuilder().withNewMetadata().withNamespace("bench").withName("web-" + i).endMetadata()
                    .withNewSpec().withNodeName("node-1").addNewContainer().withName("web").addNewPort()
                    .withContainerPort(base + i).withName("http").endPort().endContainer().endSpec()
                    .withNewStatus().withPhase("Running").withPodIP("127.0.0.1").endStatus().build());
        }
        // One slice port per backend port would not be a Service; the benchmark's pods differ by port, so
        // each gets a slice of its own, all for the same service port name.
        List<EndpointSlice> slices = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            slices.add(new EndpointSliceBuilder(slice.build()).editMetadata().withName("web-" + i).endMetadata()
                    .addNewPort().withName("http").withProtocol("TCP").withPort(base + i).endPort()
                    .addNewEndpoint().withAddresses("127.0.0.1").withNodeName("node-1").withNewConditions().withReady(true)
                    .endConditions().endEndpoint().build());
        }
        PodResponders responders = new PodResponders("node-1", "10.96.0.10");
        responders.update(pods, List.of());
        for (int i = 1; i <= 3; i++) {
            serve(responders, base + i);
        }
        Service web = new ServiceBuilder().withNewMetadata().withNamespace("bench").withName("web").endMetadata()
                .withNewSpec().withType("NodePort").withClusterIP("10.96.0.50").withClusterIPs("10.96.0.50")
                .addNewPort().withName("http").withProtocol("TCP").withPort(80).withNodePort(nodePort).endPort().endSpec()
                .build();
        UserspaceDataPlane plane = new UserspaceDataPlane(EndpointConnector.direct(), balancing, Duration.ofSeconds(10),
                new SimpleMeterRegistry());
        System.out.println(plane.sync(DesiredState.compute("node-1", List.of("127.0.0.1"), List.of(web), slices)).summary());
        System.out.println("ready");
        Thread.currentThread().join();
    }

    private static void serve(PodResponders responders, int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        Thread.ofVirtual().start(() -> {
            while (true) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (socket) {
                            socket.setTcpNoDelay(true);
                            responders.serve("127.0.0.1", port, socket.getInputStream(), socket.getOutputStream());
                        } catch (IOException e) {
                            // client gone
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
    }
}
