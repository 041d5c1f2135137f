package io.kubeplane.patch.apply;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The "live object" of a create, as kube-apiserver sees it: the zero value of the kind's Go struct,
 * which is not empty. A non-pointer struct field is there as {@code {}}, a list without
 * {@code omitempty} as {@code null}; the rest is absent. What is there decides whether a create's
 * field set owns a container itself ({@code "."} in {@code fieldsV1}): a Service's
 * {@code spec.ports} is absent, so {@code kubectl create} owns it; a pod template's
 * {@code containers} is {@code null}, so it owns only the containers in it.
 * <pre>
 *   apps/v1 Deployment   {"metadata":{"creationTimestamp":null},"spec":{"selector":null,"template":
 *                         {"metadata":{"creationTimestamp":null},"spec":{"containers":null}},"strategy":{}},"status":{}}
 * </pre>
 * Each value is {@code json.Marshal} of the zero Go struct of {@code k8s.io/api}.
 *
 * <p>Stateless and thread-safe.
 */
final class ZeroObjects {

    private static final String META = "\"metadata\":{\"creationTimestamp\":null}";

    private static final Map<String, String> BY_KIND = Map.ofEntries(
            Map.entry("v1/Pod", "{" + META + ",\"spec\":{\"containers\":null},\"status\":{}}"),
            Map.entry("v1/Service", "{" + META + ",\"spec\":{},\"status\":{\"loadBalancer\":{}}}"),
            Map.entry("v1/Endpoints", "{" + META + "}"),
            Map.entry("v1/Node", "{" + META + ",\"spec\":{},\"status\":{\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":0}},"
                    + "\"nodeInfo\":{\"machineID\":\"\",\"systemUUID\":\"\",\"bootID\":\"\",\"kernelVersion\":\"\",\"osImage\":\"\","
                    + "\"containerRuntimeVersion\":\"\",\"kubeletVersion\":\"\",\"kubeProxyVersion\":\"\",\"operatingSystem\":\"\","
                    + "\"architecture\":\"\"}}}"),
            Map.entry("v1/Namespace", "{" + META + ",\"spec\":{},\"status\":{}}"),
            Map.entry("v1/Event", "{" + META + ",\"involvedObject\":{},\"source\":{},"
                    + "\"firstTimestamp\":null,\"lastTimestamp\":null,\"eventTime\":null,\"reportingComponent\":\"\",\"reportingInstance\":\"\"}"),
            Map.entry("discovery.k8s.io/v1/EndpointSlice", "{" + META + ",\"addressType\":\"\",\"endpoints\":null,\"ports\":null}"),
            Map.entry("apps/v1/Deployment", "{" + META + ",\"spec\":{\"selector\":null,\"template\":{" + META
                    + ",\"spec\":{\"containers\":null}},\"strategy\":{}},\"status\":{}}"),
            Map.entry("apps/v1/ReplicaSet", "{" + META + ",\"spec\":{\"selector\":null,\"template\":{" + META
                    + ",\"spec\":{\"containers\":null}}},\"status\":{\"replicas\":0}}"),
            Map.entry("autoscaling/v1/Scale", "{" + META + ",\"spec\":{},\"status\":{\"replicas\":0}}"),
            Map.entry("networking.k8s.io/v1/ServiceCIDR", "{" + META + ",\"spec\":{},\"status\":{}}"),
            Map.entry("networking.k8s.io/v1/IPAddress", "{" + META + ",\"spec\":{}}"));

    private ZeroObjects() {
    }

    /** @return a new copy of the kind's zero object; {@code {}} for a kind kubeplane does not serve */
    static JsonNode of(String apiVersion, String kind) {
        String zero = BY_KIND.get(apiVersion + "/" + kind);
        return zero == null ? JsonNodeFactory.instance.objectNode() : JsonMapper.shared().readTree(zero);
    }
}
