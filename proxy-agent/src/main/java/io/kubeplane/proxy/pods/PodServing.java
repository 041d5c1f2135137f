package io.kubeplane.proxy.pods;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.kubeplane.informer.ResourceEventHandler;
import io.kubeplane.informer.SharedIndexInformer;
import io.kubeplane.proxy.userspace.NettyTransport;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps this node's {@link PodResponders} in step with the pods bound to it and the Services (for
 * their environment), and serves them on the {@link PodNetwork}. A change marks the responders
 * stale; one virtual thread recomputes them, so a burst of changes is one recomputation.
 */
public final class PodServing implements AutoCloseable {

    private final String nodeName;
    private final SharedIndexInformer<Pod> pods;
    private final SharedIndexInformer<Service> services;
    private final PodResponders responders;
    private final PodNetwork network;
    private final AtomicBoolean stale = new AtomicBoolean(true);
    private final Object signal = new Object();
    private volatile boolean stopped;

    public PodServing(NettyTransport transport, String nodeName, String nodeIp, int port, String clusterDnsIp,
                      SharedIndexInformer<Pod> pods, SharedIndexInformer<Service> services) {
        this.nodeName = nodeName;
        this.pods = pods;
        this.services = services;
        // Pod IPs are not this host's: pods answer only through the pod network.
        this.responders = new PodResponders(transport, nodeName, clusterDnsIp, false);
        this.network = PodNetwork.start(transport, responders, nodeIp, port);
        pods.addEventHandler(ResourceEventHandler.onAnyChange(p -> markStale()));
        services.addEventHandler(ResourceEventHandler.onAnyChange(s -> markStale()));
        Thread.ofVirtual().name("pod-serving").start(this::run);
    }

    private void markStale() {
        stale.set(true);
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void run() {
        while (!stopped) {
            if (stale.getAndSet(false)) {
                List<Pod> mine = pods.store().list().stream()
                        .filter(p -> p.getSpec() != null && nodeName.equals(p.getSpec().getNodeName())).toList();
                responders.update(mine, services.store().list());
            }
            synchronized (signal) {
                try {
                    if (!stale.get()) {
                        signal.wait(1000);
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    public PodResponders responders() {
        return responders;
    }

    @Override
    public void close() {
        stopped = true;
        markStale();
        network.close();
        responders.close();
    }
}
