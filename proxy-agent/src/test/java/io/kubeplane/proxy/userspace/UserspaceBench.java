package io.kubeplane.proxy.userspace;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.kubeplane.proxy.desired.Endpoint;
import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.desired.ServicePortName;
import io.kubeplane.proxy.desired.ServicePortRule;
import io.kubeplane.proxy.desired.Verdict;
import io.kubeplane.proxy.pods.PodResponders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * The JVMs of {@code bench/userspace-proxy.sh}, one per role so that the proxy has its own threads
 * as HAProxy has its own process:
 *
 * <pre>
 *   pods  &lt;podPort&gt; &lt;podIP&gt;...             the pods' HTTP responders on their own loopback addresses
 *                                           (HAProxy, the proxy and wrk reach the very same backends)
 *   proxy &lt;nodePort&gt; &lt;podPort&gt; &lt;podIP&gt;...  a userspace data plane with a round-robin NodePort on
 *                                           127.0.0.1 reaching them with the direct connector
 * </pre>
 *
 * Each runs until killed and prints {@code READY} once its sockets listen.
 */
public final class UserspaceBench {

    private UserspaceBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean proxy = args[0].equals("proxy");
        int nodePort = proxy ? Integer.parseInt(args[1]) : 0;
        int podPort = Integer.parseInt(args[proxy ? 2 : 1]);
        List<String> podIPs = List.of(args).subList(proxy ? 3 : 2, args.length);
        NettyTransport transport = NettyTransport.create("bench-" + args[0], 2);
        List<Pod> running = new ArrayList<>();
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < podIPs.size(); i++) {
            String name = "web-" + i;
            running.add(new PodBuilder().withNewMetadata().withNamespace("default").withName(name).withUid(name)
                    .endMetadata().withNewSpec().withNodeName("bench-node").addNewContainer().withName("app")
                    .addNewPort().withName("http").withContainerPort(podPort).withProtocol("TCP").endPort()
                    .endContainer().endSpec()
                    .withNewStatus().withPhase("Running").withPodIP(podIPs.get(i)).endStatus().build());
            endpoints.add(new Endpoint(podIPs.get(i), podPort, "bench-node", true, true, false, true,
                    "default/" + name));
        }
        if (!proxy) {
            PodResponders pods = new PodResponders(transport, "bench-node", PodResponders.DEFAULT_CLUSTER_DNS_IP, true);
            pods.update(running, List.<Service>of());
            System.out.println("READY " + transport.kind() + " " + pods.responders());
            new CountDownLatch(1).await();
        }
        UserspaceDataPlane plane = new UserspaceDataPlane(transport, new DirectConnector(transport),
                new SimpleMeterRegistry(), UserspaceDataPlane.Settings.defaults().withBalancing(Balancing.ROUND_ROBIN));
        ServicePortRule rule = new ServicePortRule(new ServicePortName("default", "web", "", "TCP"), "NodePort", "TCP",
                List.of("10.96.0.80"), 80, nodePort, List.of(), List.of(), false, false, 0, 0, endpoints, endpoints,
                Verdict.FORWARD, Verdict.FORWARD);
        TreeMap<ServicePortName, ServicePortRule> ports = new TreeMap<>();
        ports.put(rule.name(), rule);
        plane.sync(new ProxyState("bench-node", List.of("127.0.0.1"), ports));
        System.out.println("READY " + transport.kind() + " " + plane.view());
        new CountDownLatch(1).await();
    }
}
