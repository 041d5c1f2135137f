package io.kubeplane.apiserver.http;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.kubeplane.apiserver.ipam.IpamViews;
import io.kubeplane.model.ApiResource;
import io.kubeplane.model.ApiResources;
import io.kubeplane.model.KubernetesJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * API discovery as kube-apiserver serves it without aggregation: {@code /api} (core versions),
 * {@code /apis} (groups), and each group version's resource list with verbs, short names and
 * subresources; plus {@code /version}. Built once from {@link ApiResources}. Thread-safe.
 */
@RestController
public class DiscoveryController {

    /** The Kubernetes version whose API kubeplane follows. */
    public static final String KUBERNETES_MAJOR = "1";
    public static final String KUBERNETES_MINOR = "32";

    private static final List<String> OBJECT_VERBS = List.of("create", "delete", "deletecollection", "get", "list",
            "patch", "update", "watch");

    private final String apiVersions;
    private final String groups;
    private final Map<String, String> resourceLists = new LinkedHashMap<>();
    private final String version;

    private static final List<String> VIEW_VERBS = List.of("get", "list");

    public DiscoveryController(ApiResources resources, IpamViews views) {
        Map<String, List<ApiResource>> byGroupVersion = new LinkedHashMap<>();
        for (ApiResource resource : resources.all()) {
            byGroupVersion.computeIfAbsent(resource.apiVersion(), k -> new ArrayList<>()).add(resource);
        }
        for (ApiResource resource : views.resources().all()) {
            byGroupVersion.computeIfAbsent(resource.apiVersion(), k -> new ArrayList<>()).add(resource);
        }
        List<ApiResource> readOnly = views.resources().all();
        this.apiVersions = KubernetesJson.write(new APIVersionsBuilder().withKind("APIVersions").withVersions("v1")
                .withServerAddressByClientCIDRs().build());
        List<APIGroup> apiGroups = new ArrayList<>();
        byGroupVersion.forEach((groupVersion, list) -> {
            String group = list.getFirst().group();
            if (!group.isEmpty()) {
                GroupVersionForDiscovery gv = new GroupVersionForDiscovery(groupVersion, list.getFirst().version());
                apiGroups.add(new APIGroupBuilder().withName(group).withVersions(gv).withPreferredVersion(gv).build());
            }
            resourceLists.put(groupVersion, resourceList(groupVersion, list, readOnly));
        });
        this.groups = KubernetesJson.write(new APIGroupListBuilder().withKind("APIGroupList").withApiVersion("v1")
                .withGroups(apiGroups).build());
        this.version = """
                {"major":"%s","minor":"%s","gitVersion":"v%s.%s.0-kubeplane","gitCommit":"","gitTreeState":"clean",\
                "buildDate":"","goVersion":"java%s","compiler":"javac","platform":"%s/%s"}""".formatted(
                KUBERNETES_MAJOR, KUBERNETES_MINOR, KUBERNETES_MAJOR, KUBERNETES_MINOR, Runtime.version().feature(),
                System.getProperty("os.name").toLowerCase(), System.getProperty("os.arch"));
    }

    private static String resourceList(String groupVersion, List<ApiResource> resources, List<ApiResource> readOnly) {
        APIResourceListBuilder list = new APIResourceListBuilder().withKind("APIResourceList").withApiVersion("v1")
                .withGroupVersion(groupVersion);
        for (ApiResource resource : resources) {
            list.addToResources(new APIResourceBuilder().withName(resource.plural()).withSingularName(resource.singular())
                    .withNamespaced(resource.namespaced()).withKind(resource.kind())
                    .withVerbs(readOnly.contains(resource) ? VIEW_VERBS : OBJECT_VERBS)
                    .withShortNames(resource.shortNames()).withCategories(resource.categories()).build());
            for (String subresource : resource.subresources().stream().sorted().toList()) {
                list.addToResources(new APIResourceBuilder().withName(resource.plural() + "/" + subresource)
                        .withSingularName("").withNamespaced(resource.namespaced())
                        .withKind(switch (subresource) {
                            case "scale" -> "Scale";
                            case "binding" -> "Binding";
                            default -> resource.kind();
                        })
                        .withVerbs(subresource.equals("binding") ? List.of("create") : List.of("get", "patch", "update"))
                        .build());
            }
        }
        return KubernetesJson.write(list.build());
    }

    @GetMapping("/api")
    public ResponseEntity<String> api() {
        return ResourceController.json(200, apiVersions);
    }

    @GetMapping("/apis")
    public ResponseEntity<String> apis() {
        return ResourceController.json(200, groups);
    }

    @GetMapping("/api/{version}")
    public ResponseEntity<String> coreVersion(@PathVariable String version) {
        return groupVersion(version);
    }

    @GetMapping("/apis/{group}/{version}")
    public ResponseEntity<String> namedGroupVersion(@PathVariable String group, @PathVariable String version) {
        return groupVersion(group + "/" + version);
    }

    @GetMapping("/version")
    public ResponseEntity<String> version() {
        return ResourceController.json(200, version);
    }

    private ResponseEntity<String> groupVersion(String groupVersion) {
        String list = resourceLists.get(groupVersion);
        if (list == null) {
            throw ApiException.notFound("the server could not find the requested resource");
        }
        return ResourceController.json(200, list);
    }
}
