package io.kubeplane.apiserver.ipam;

import io.kubeplane.model.ApiResource;
import io.kubeplane.model.ApiResources;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The ServiceCIDR and IPAddress kinds, served read-only from ipam-service: a get or list here is
 * the same request forwarded there, answered from its allocation tables. Thread-safe.
 */
public final class IpamViews {

    private final IpamClient ipam;

    public IpamViews(IpamClient ipam) {
        this.ipam = ipam;
    }

    /** The kinds served this way. */
    public ApiResources resources() {
        return ApiResources.IPAM_VIEWS;
    }

    /** The view resource at these path segments, if it is one. */
    public Optional<ApiResource> resolve(String group, String version, String plural) {
        return ApiResources.IPAM_VIEWS.byPath(group, version, plural);
    }

    /** The list (name null) or the object, as JSON. */
    public String read(ApiResource resource, @Nullable String name) {
        String path = "/apis/" + resource.apiVersion() + "/" + resource.plural();
        return ipam.get(name == null ? path : path + "/" + name);
    }
}
