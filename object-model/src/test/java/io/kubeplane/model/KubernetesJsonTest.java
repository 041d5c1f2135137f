package io.kubeplane.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Node;
import org.junit.jupiter.api.Test;

class KubernetesJsonTest {

    @Test
    void serviceRoundTripsWithIntOrStringTargetPorts() {
        String json = """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},
                 "spec":{"selector":{"app":"web"},"ports":[{"port":80,"targetPort":8080},{"name":"metrics","port":9090,"targetPort":"metrics"}],
                 "x-unknown":"kept"}}""";
        Service service = KubernetesJson.read(json, Service.class);

        assertThat(service.getSpec().getPorts().get(0).getTargetPort()).isEqualTo(new IntOrString(8080));
        assertThat(service.getSpec().getPorts().get(1).getTargetPort()).isEqualTo(new IntOrString("metrics"));
        String written = KubernetesJson.write(service);
        assertThat(written).contains("\"targetPort\":8080").contains("\"targetPort\":\"metrics\"").contains("\"x-unknown\":\"kept\"");
    }

    @Test
    void quantitiesKeepTheirTextualForm() {
        Node node = KubernetesJson.read("""
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"n"},"status":{"capacity":{"cpu":"2","memory":"24Gi"}}}""", Node.class);

        assertThat(node.getStatus().getCapacity().get("memory")).isEqualTo(new Quantity("24Gi"));
        assertThat(KubernetesJson.write(node)).contains("\"memory\":\"24Gi\"");
    }

    @Test
    void yamlBodiesReadLikeJson() throws Exception {
        Service service = KubernetesJson.YAML.readValue("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  ports:
                  - port: 80
                """, Service.class);

        assertThat(service.getSpec().getPorts()).hasSize(1);
    }

    @Test
    void everyServedKindIsFoundByPathKindAndType() {
        for (ApiResource resource : ApiResources.SERVED.all()) {
            assertThat(ApiResources.SERVED.byPath(resource.group(), resource.version(), resource.plural())).contains(resource);
            assertThat(ApiResources.SERVED.byKind(resource.apiVersion(), resource.kind())).contains(resource);
            assertThat(ApiResources.SERVED.byType(resource.type())).contains(resource);
        }
    }
}
