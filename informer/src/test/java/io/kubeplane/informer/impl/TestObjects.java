package io.kubeplane.informer.impl;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test objects: Services in namespace {@code default} unless named {@code ns/name}. */
final class TestObjects {

    private TestObjects() {
    }

    static Service service(String key, long resourceVersion, String... labels) {
        int slash = key.indexOf('/');
        String namespace = slash < 0 ? "default" : key.substring(0, slash);
        String name = key.substring(slash + 1);
        Map<String, String> labelMap = new LinkedHashMap<>();
        for (String label : labels) {
            String[] kv = label.split("=", 2);
            labelMap.put(kv[0], kv[1]);
        }
        return new ServiceBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name)
                .withResourceVersion(Long.toString(resourceVersion)).withLabels(labelMap).endMetadata()
                .withNewSpec().withClusterIP("10.96.0." + (resourceVersion % 250 + 1)).endSpec()
                .build();
    }
}
