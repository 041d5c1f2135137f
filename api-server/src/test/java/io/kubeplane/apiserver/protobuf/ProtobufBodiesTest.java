package io.kubeplane.apiserver.protobuf;

import static io.kubeplane.apiserver.protobuf.Envelopes.json;
import static io.kubeplane.apiserver.protobuf.Envelopes.wrap;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Autoscaling;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Objects built with client-java-proto's builders as a Go client fills them (non-pointer fields
 * sent even when zero), wrapped as kubectl wraps them, decoded, and compared with the JSON the
 * same Go struct marshals to, written by hand from the k8s.io/api types.
 *
 * <p>Addresses: ClusterIPs from 10.96.0.0/12, pods from 10.244.0.0/16, external 192.0.2.0/24.
 */
class ProtobufBodiesTest {

    private static final long CREATED = Instant.parse("2026-11-22T04:55:01Z").getEpochSecond();

    @Test
    void namespace() {
        V1.Namespace namespace = V1.Namespace.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("demo").putLabels("team", "net"))
                .setSpec(V1.NamespaceSpec.getDefaultInstance())
                .setStatus(V1.NamespaceStatus.newBuilder().setPhase(""))
                .build();

        assertThat(ProtobufBodies.decode(wrap("v1", "Namespace", namespace))).isEqualTo(json("""
                {"kind": "Namespace", "apiVersion": "v1",
                 "metadata": {"name": "demo", "creationTimestamp": null, "labels": {"team": "net"}},
                 "spec": {}, "status": {}}
                """));
    }

    @Test
    void clusterIpServiceWithANamedPortAndAStringTargetPort() {
        V1.Service service = V1.Service.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("web").setNamespace("default")
                        .setGenerateName("").setResourceVersion("").setGeneration(0)
                        .setCreationTimestamp(Meta.Time.getDefaultInstance())
                        .putLabels("app", "web"))
                .setSpec(V1.ServiceSpec.newBuilder()
                        .addPorts(V1.ServicePort.newBuilder().setName("http").setProtocol("TCP").setPort(80)
                                .setTargetPort(IntOrString.newBuilder().setType(1).setIntVal(0).setStrVal("web-http"))
                                .setNodePort(0))
                        .putSelector("app", "web")
                        .setClusterIP("10.96.0.10")
                        .addClusterIPs("10.96.0.10")
                        .setType("ClusterIP")
                        .addExternalIPs("192.0.2.7")
                        // What a Go client sends for the zero values of non-pointer fields:
                        .setSessionAffinity("").setLoadBalancerIP("").setExternalName("")
                        .setExternalTrafficPolicy("").setHealthCheckNodePort(0).setPublishNotReadyAddresses(false)
                        .addIpFamilies("IPv4")
                        .setIpFamilyPolicy("SingleStack"))
                .setStatus(V1.ServiceStatus.newBuilder().setLoadBalancer(V1.LoadBalancerStatus.getDefaultInstance()))
                .build();

        assertThat(ProtobufBodies.decode(wrap("v1", "Service", service))).isEqualTo(json("""
                {"kind": "Service", "apiVersion": "v1",
                 "metadata": {"name": "web", "namespace": "default", "creationTimestamp": null,
                              "labels": {"app": "web"}},
                 "spec": {
                   "ports": [{"name": "http", "protocol": "TCP", "port": 80, "targetPort": "web-http"}],
                   "selector": {"app": "web"},
                   "clusterIP": "10.96.0.10",
                   "clusterIPs": ["10.96.0.10"],
                   "type": "ClusterIP",
                   "externalIPs": ["192.0.2.7"],
                   "ipFamilies": ["IPv4"],
                   "ipFamilyPolicy": "SingleStack"},
                 "status": {"loadBalancer": {}}}
                """));
    }

    @Test
    void deploymentWithAPodTemplateResourcesAndACreationTimestamp() {
        V1Apps.Deployment deployment = V1Apps.Deployment.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("web").setNamespace("default")
                        .setUid("0b6a3bd5-8f4e-4bde-9d55-3f1a1c2f7e10").setGeneration(1)
                        .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(CREATED))
                        .putLabels("app", "web"))
                .setSpec(V1Apps.DeploymentSpec.newBuilder()
                        .setReplicas(0) // a pointer: scaled to zero, not "unset"
                        .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))
                        .setTemplate(V1.PodTemplateSpec.newBuilder()
                                .setMetadata(Meta.ObjectMeta.newBuilder().putLabels("app", "web"))
                                .setSpec(V1.PodSpec.newBuilder()
                                        .addContainers(V1.Container.newBuilder().setName("nginx").setImage("nginx:1.27")
                                                .addPorts(V1.ContainerPort.newBuilder().setContainerPort(8080)
                                                        .setProtocol("TCP").setHostPort(0).setName(""))
                                                .setResources(V1.ResourceRequirements.newBuilder()
                                                        .putRequests("cpu", quantity("250m"))
                                                        .putRequests("memory", quantity("64Mi"))
                                                        .putLimits("memory", quantity("128Mi")))
                                                .setTerminationMessagePath("/dev/termination-log")
                                                .setImagePullPolicy("IfNotPresent"))
                                        .setRestartPolicy("Always")
                                        .setTerminationGracePeriodSeconds(30)
                                        .setDnsPolicy("ClusterFirst")
                                        .setHostNetwork(false)
                                        .setAutomountServiceAccountToken(false)))
                        .setStrategy(V1Apps.DeploymentStrategy.newBuilder().setType("RollingUpdate")
                                .setRollingUpdate(V1Apps.RollingUpdateDeployment.newBuilder()
                                        .setMaxUnavailable(IntOrString.newBuilder().setType(1).setStrVal("25%"))
                                        .setMaxSurge(IntOrString.newBuilder().setType(0).setIntVal(1))))
                        .setMinReadySeconds(0)
                        .setRevisionHistoryLimit(10)
                        .setPaused(false)
                        .setProgressDeadlineSeconds(600))
                .setStatus(V1Apps.DeploymentStatus.newBuilder().setReplicas(0).setObservedGeneration(0))
                .build();

        assertThat(ProtobufBodies.decode(wrap("apps/v1", "Deployment", deployment))).isEqualTo(json("""
                {"kind": "Deployment", "apiVersion": "apps/v1",
                 "metadata": {"name": "web", "namespace": "default",
                              "uid": "0b6a3bd5-8f4e-4bde-9d55-3f1a1c2f7e10", "generation": 1,
                              "creationTimestamp": "2026-11-22T04:55:01Z", "labels": {"app": "web"}},
                 "spec": {
                   "replicas": 0,
                   "selector": {"matchLabels": {"app": "web"}},
                   "template": {
                     "metadata": {"creationTimestamp": null, "labels": {"app": "web"}},
                     "spec": {
                       "containers": [{
                         "name": "nginx", "image": "nginx:1.27",
                         "ports": [{"containerPort": 8080, "protocol": "TCP"}],
                         "resources": {"limits": {"memory": "128Mi"},
                                       "requests": {"cpu": "250m", "memory": "64Mi"}},
                         "terminationMessagePath": "/dev/termination-log",
                         "imagePullPolicy": "IfNotPresent"}],
                       "restartPolicy": "Always",
                       "terminationGracePeriodSeconds": 30,
                       "dnsPolicy": "ClusterFirst",
                       "automountServiceAccountToken": false}},
                   "strategy": {"type": "RollingUpdate",
                                "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": 1}},
                   "revisionHistoryLimit": 10,
                   "progressDeadlineSeconds": 600},
                 "status": {}}
                """));
    }

    @Test
    void deleteOptionsWithPreconditionsAndPropagationPolicy() {
        Meta.DeleteOptions options = Meta.DeleteOptions.newBuilder()
                .setGracePeriodSeconds(0)
                .setPreconditions(Meta.Preconditions.newBuilder()
                        .setUid("0b6a3bd5-8f4e-4bde-9d55-3f1a1c2f7e10").setResourceVersion("42"))
                .setPropagationPolicy("Foreground")
                .addDryRun("All")
                .build();

        // DeleteOptions is registered in every group version: kubectl names the resource's.
        assertThat(ProtobufBodies.decode(wrap("apps/v1", "DeleteOptions", options))).isEqualTo(json("""
                {"kind": "DeleteOptions", "apiVersion": "apps/v1",
                 "gracePeriodSeconds": 0,
                 "preconditions": {"uid": "0b6a3bd5-8f4e-4bde-9d55-3f1a1c2f7e10", "resourceVersion": "42"},
                 "propagationPolicy": "Foreground",
                 "dryRun": ["All"]}
                """));
    }

    @Test
    void podKeepsKubernetesFieldNames() {
        V1.Pod pod = V1.Pod.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("p").setNamespace("default"))
                .setSpec(V1.PodSpec.newBuilder()
                        .addContainers(V1.Container.newBuilder().setName("c").setImage("busybox"))
                        .setHostIPC(true).setHostPID(false).setNodeName("node-1"))
                .setStatus(V1.PodStatus.newBuilder().setPhase("Running")
                        .setPodIP("10.244.1.5").addPodIPs(V1.PodIP.newBuilder().setIp("10.244.1.5"))
                        .setHostIP("172.18.0.2")
                        .setStartTime(Meta.Time.newBuilder().setSeconds(CREATED)))
                .build();

        assertThat(ProtobufBodies.decode(wrap("v1", "Pod", pod))).isEqualTo(json("""
                {"kind": "Pod", "apiVersion": "v1",
                 "metadata": {"name": "p", "namespace": "default", "creationTimestamp": null},
                 "spec": {"containers": [{"name": "c", "image": "busybox", "resources": {}}],
                          "nodeName": "node-1", "hostIPC": true},
                 "status": {"phase": "Running", "hostIP": "172.18.0.2", "podIP": "10.244.1.5",
                            "podIPs": [{"ip": "10.244.1.5"}], "startTime": "2026-11-22T04:55:01Z"}}
                """));
    }

    @Test
    void scaleOfADeployment() {
        V1Autoscaling.Scale scale = V1Autoscaling.Scale.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("web").setNamespace("default").setResourceVersion("7"))
                .setSpec(V1Autoscaling.ScaleSpec.newBuilder().setReplicas(0))
                .setStatus(V1Autoscaling.ScaleStatus.newBuilder().setReplicas(3).setSelector("app=web"))
                .build();

        // ScaleSpec.replicas is an int32 with omitempty: zero replicas leave an empty spec, as in
        // the JSON a Go client sends.
        assertThat(ProtobufBodies.decode(wrap("autoscaling/v1", "Scale", scale))).isEqualTo(json("""
                {"kind": "Scale", "apiVersion": "autoscaling/v1",
                 "metadata": {"name": "web", "namespace": "default", "resourceVersion": "7",
                              "creationTimestamp": null},
                 "spec": {}, "status": {"replicas": 3, "selector": "app=web"}}
                """));
    }

    @Test
    void endpointsNodeAndEventDecode() {
        V1.Endpoints endpoints = V1.Endpoints.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("web"))
                .addSubsets(V1.EndpointSubset.newBuilder()
                        .addAddresses(V1.EndpointAddress.newBuilder().setIp("10.244.1.5").setHostname("")
                                .setTargetRef(V1.ObjectReference.newBuilder().setKind("Pod").setName("p")))
                        .addPorts(V1.EndpointPort.newBuilder().setName("http").setPort(8080).setProtocol("TCP")))
                .build();
        assertThat(ProtobufBodies.decode(wrap("v1", "Endpoints", endpoints))).isEqualTo(json("""
                {"kind": "Endpoints", "apiVersion": "v1",
                 "metadata": {"name": "web", "creationTimestamp": null},
                 "subsets": [{"addresses": [{"ip": "10.244.1.5", "targetRef": {"kind": "Pod", "name": "p"}}],
                              "ports": [{"name": "http", "port": 8080, "protocol": "TCP"}]}]}
                """));

        V1.Node node = V1.Node.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("node-1"))
                .setSpec(V1.NodeSpec.newBuilder().setPodCIDR("10.244.1.0/24").addPodCIDRs("10.244.1.0/24")
                        .setUnschedulable(false))
                .build();
        assertThat(ProtobufBodies.decode(wrap("v1", "Node", node))).isEqualTo(json("""
                {"kind": "Node", "apiVersion": "v1",
                 "metadata": {"name": "node-1", "creationTimestamp": null},
                 "spec": {"podCIDR": "10.244.1.0/24", "podCIDRs": ["10.244.1.0/24"]},
                 "status": {"daemonEndpoints": {"kubeletEndpoint": {"Port": 0}}, "nodeInfo": {
                   "machineID": "", "systemUUID": "", "bootID": "", "kernelVersion": "", "osImage": "",
                   "containerRuntimeVersion": "", "kubeletVersion": "", "kubeProxyVersion": "",
                   "operatingSystem": "", "architecture": ""}}}
                """));

        V1.Event event = V1.Event.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("web.1").setNamespace("default"))
                .setInvolvedObject(V1.ObjectReference.newBuilder().setKind("Service").setName("web"))
                .setReason("IPAllocated").setMessage("allocated 10.96.0.10").setType("Normal").setCount(1)
                .setFirstTimestamp(Meta.Time.newBuilder().setSeconds(CREATED))
                .setEventTime(Meta.MicroTime.newBuilder().setSeconds(CREATED).setNanos(123_456_789))
                .build();
        assertThat(ProtobufBodies.decode(wrap("v1", "Event", event))).isEqualTo(json("""
                {"kind": "Event", "apiVersion": "v1",
                 "metadata": {"name": "web.1", "namespace": "default", "creationTimestamp": null},
                 "involvedObject": {"kind": "Service", "name": "web"},
                 "reason": "IPAllocated", "message": "allocated 10.96.0.10",
                 "source": {}, "firstTimestamp": "2026-11-22T04:55:01Z", "lastTimestamp": null,
                 "count": 1, "type": "Normal", "eventTime": "2026-11-22T04:55:01.123456Z",
                 "reportingComponent": "", "reportingInstance": ""}
                """));
    }

    private static Quantity quantity(String value) {
        return Quantity.newBuilder().setString(value).build();
    }
}
