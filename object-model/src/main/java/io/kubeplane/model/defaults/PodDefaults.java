package io.kubeplane.model.defaults;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.kubeplane.model.KubernetesJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Kubernetes' pod defaulters: {@code SetDefaults_PodSpec} for every pod spec (pods and templates:
 * restart Always, DNS ClusterFirst, 30 s grace, default scheduler, empty security context),
 * {@code SetDefaults_Container} (pull policy from the image tag, termination message file and
 * policy), ports TCP, probe timings and HTTP probe path and scheme, and for Pods only
 * {@code SetDefaults_Pod} (service links on, requests from limits, host ports on the host network).
 *
 * <p>Stateless and thread-safe; called by {@link Defaulting}.
 */
final class PodDefaults {

    static final long DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
    static final String DEFAULT_SCHEDULER_NAME = "default-scheduler";
    static final String TERMINATION_MESSAGE_PATH = "/dev/termination-log";

    private PodDefaults() {
    }

    static void apply(Pod pod) {
        if (pod.getSpec() == null) {
            pod.setSpec(new PodSpec());
        }
        PodSpec spec = pod.getSpec();
        applySpec(spec);
        if (spec.getEnableServiceLinks() == null) {
            spec.setEnableServiceLinks(true);
        }
        for (Container container : containers(spec)) {
            // Only pods (not templates) get requests from limits, as Kubernetes does it.
            if (container.getResources() != null && container.getResources().getLimits() != null
                    && !container.getResources().getLimits().isEmpty()) {
                Map<String, Quantity> requests = container.getResources().getRequests() == null
                        ? new LinkedHashMap<>() : new LinkedHashMap<>(container.getResources().getRequests());
                container.getResources().getLimits().forEach(requests::putIfAbsent);
                container.getResources().setRequests(requests);
            }
            if (Boolean.TRUE.equals(spec.getHostNetwork())) {
                for (ContainerPort port : Values.nonNull(container.getPorts())) {
                    if (port.getHostPort() == null || port.getHostPort() == 0) {
                        port.setHostPort(port.getContainerPort());
                    }
                }
            }
        }
    }

    /** The defaults of any pod spec, a Pod's or a pod template's. */
    static void applySpec(PodSpec spec) {
        if (Values.isEmpty(spec.getDnsPolicy())) {
            spec.setDnsPolicy("ClusterFirst");
        }
        if (Values.isEmpty(spec.getRestartPolicy())) {
            spec.setRestartPolicy("Always");
        }
        if (spec.getSecurityContext() == null) {
            spec.setSecurityContext(new PodSecurityContext());
        }
        if (spec.getTerminationGracePeriodSeconds() == null) {
            spec.setTerminationGracePeriodSeconds(DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS);
        }
        if (Values.isEmpty(spec.getSchedulerName())) {
            spec.setSchedulerName(DEFAULT_SCHEDULER_NAME);
        }
        for (Volume volume : Values.nonNull(spec.getVolumes())) {
            // A volume that names no source is an emptyDir.
            if (KubernetesJson.toTree(volume).size() <= 1) {
                volume.setEmptyDir(new EmptyDirVolumeSource());
            }
        }
        for (Container container : containers(spec)) {
            applyContainer(container);
        }
    }

    private static void applyContainer(Container container) {
        if (Values.isEmpty(container.getImagePullPolicy())) {
            container.setImagePullPolicy("latest".equals(imageTag(container.getImage())) ? "Always" : "IfNotPresent");
        }
        if (Values.isEmpty(container.getTerminationMessagePath())) {
            container.setTerminationMessagePath(TERMINATION_MESSAGE_PATH);
        }
        if (Values.isEmpty(container.getTerminationMessagePolicy())) {
            container.setTerminationMessagePolicy("File");
        }
        for (ContainerPort port : Values.nonNull(container.getPorts())) {
            if (Values.isEmpty(port.getProtocol())) {
                port.setProtocol("TCP");
            }
        }
        Stream.of(container.getLivenessProbe(), container.getReadinessProbe(), container.getStartupProbe())
                .forEach(PodDefaults::applyProbe);
    }

    private static void applyProbe(@Nullable Probe probe) {
        if (probe == null) {
            return;
        }
        if (probe.getTimeoutSeconds() == null || probe.getTimeoutSeconds() == 0) {
            probe.setTimeoutSeconds(1);
        }
        if (probe.getPeriodSeconds() == null || probe.getPeriodSeconds() == 0) {
            probe.setPeriodSeconds(10);
        }
        if (probe.getSuccessThreshold() == null || probe.getSuccessThreshold() == 0) {
            probe.setSuccessThreshold(1);
        }
        if (probe.getFailureThreshold() == null || probe.getFailureThreshold() == 0) {
            probe.setFailureThreshold(3);
        }
        HTTPGetAction httpGet = probe.getHttpGet();
        if (httpGet != null) {
            if (Values.isEmpty(httpGet.getPath())) {
                httpGet.setPath("/");
            }
            if (Values.isEmpty(httpGet.getScheme())) {
                httpGet.setScheme("HTTP");
            }
        }
    }

    /**
     * The tag of an image reference, {@code "latest"} when it has neither tag nor digest (as
     * Kubernetes' {@code parsers.ParseImageName}), empty when only a digest pins it.
     *
     * <pre>
     *   nginx                      → latest
     *   nginx:1.27                 → 1.27
     *   registry:5000/team/app     → latest   (the colon belongs to the registry host)
     *   app@sha256:…               → ""
     *   app:v1@sha256:…            → v1
     * </pre>
     */
    static String imageTag(@Nullable String image) {
        String name = image == null ? "" : image;
        int at = name.indexOf('@');
        boolean digest = at >= 0;
        if (digest) {
            name = name.substring(0, at);
        }
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        String tag = colon > slash ? name.substring(colon + 1) : "";
        return tag.isEmpty() && !digest ? "latest" : tag;
    }

    private static List<Container> containers(PodSpec spec) {
        return Stream.concat(Values.nonNull(spec.getInitContainers()).stream(), Values.nonNull(spec.getContainers()).stream())
                .toList();
    }
}
