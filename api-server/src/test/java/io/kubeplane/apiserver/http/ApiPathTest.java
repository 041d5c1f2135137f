package io.kubeplane.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApiPathTest {

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of(Named.of("services in a namespace", "/api/v1/namespaces/default/services"),
                        Optional.of(new ApiPath("", "v1", "default", "services", null, null))),
                Arguments.of(Named.of("one service", "/api/v1/namespaces/default/services/web"),
                        Optional.of(new ApiPath("", "v1", "default", "services", "web", null))),
                Arguments.of(Named.of("a service's status", "/api/v1/namespaces/default/services/web/status"),
                        Optional.of(new ApiPath("", "v1", "default", "services", "web", "status"))),
                Arguments.of(Named.of("services in all namespaces", "/api/v1/services"),
                        Optional.of(new ApiPath("", "v1", null, "services", null, null))),
                Arguments.of(Named.of("a namespace", "/api/v1/namespaces/default"),
                        Optional.of(new ApiPath("", "v1", null, "namespaces", "default", null))),
                Arguments.of(Named.of("a namespace's status", "/api/v1/namespaces/kube-system/status"),
                        Optional.of(new ApiPath("", "v1", null, "namespaces", "kube-system", "status"))),
                Arguments.of(Named.of("a namespace's finalize", "/api/v1/namespaces/gone/finalize"),
                        Optional.of(new ApiPath("", "v1", null, "namespaces", "gone", "finalize"))),
                Arguments.of(Named.of("a node", "/api/v1/nodes/node-1"),
                        Optional.of(new ApiPath("", "v1", null, "nodes", "node-1", null))),
                Arguments.of(Named.of("a deployment's scale", "/apis/apps/v1/namespaces/default/deployments/web/scale"),
                        Optional.of(new ApiPath("apps", "v1", "default", "deployments", "web", "scale"))),
                Arguments.of(Named.of("endpoint slices everywhere", "/apis/discovery.k8s.io/v1/endpointslices"),
                        Optional.of(new ApiPath("discovery.k8s.io", "v1", null, "endpointslices", null, null))),
                Arguments.of(Named.of("trailing slash", "/api/v1/namespaces/default/pods/"),
                        Optional.of(new ApiPath("", "v1", "default", "pods", null, null))),
                Arguments.of(Named.of("the core group root", "/api/v1"), Optional.empty()),
                Arguments.of(Named.of("a named group root", "/apis/apps/v1"), Optional.empty()),
                Arguments.of(Named.of("too deep", "/api/v1/namespaces/default/pods/p/status/extra"), Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("paths")
    void parsesResourcePaths(String path, Optional<ApiPath> expected) {
        assertThat(ApiPath.parse(path)).isEqualTo(expected);
    }
}
