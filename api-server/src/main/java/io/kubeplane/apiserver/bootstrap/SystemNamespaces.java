package io.kubeplane.apiserver.bootstrap;

import io.kubeplane.apiserver.http.ApiException;
import io.kubeplane.apiserver.rest.CreateOperation;
import io.kubeplane.model.ApiResources;
import io.kubeplane.model.KubernetesJson;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates the namespaces every cluster has — {@code default}, {@code kube-system},
 * {@code kube-public}, {@code kube-node-lease} — when they are missing, at every start, as
 * kube-apiserver's system-namespaces controller does. Replicas racing to create them is harmless.
 */
@Component
public class SystemNamespaces implements ApplicationRunner {

    static final List<String> NAMES = List.of("default", "kube-system", "kube-public", "kube-node-lease");
    private static final Logger log = LoggerFactory.getLogger(SystemNamespaces.class);

    private final CreateOperation creator;

    public SystemNamespaces(CreateOperation creator) {
        this.creator = creator;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (String name : NAMES) {
            ObjectNode namespace = KubernetesJson.JSON.createObjectNode();
            namespace.putObject("metadata").put("name", name);
            try {
                creator.create(ApiResources.NAMESPACES, "", namespace);
                log.info("created namespace {}", name);
            } catch (ApiException e) {
                if (e.code() != 409) {
                    throw e;
                }
            }
        }
    }
}
