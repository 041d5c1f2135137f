package io.kubeplane.workload.deployment;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kubeplane.model.KubernetesJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A Deployment's pod as the ReplicaSet controller would create it: named
 * {@code <deployment>-<template-hash>-<5 chars>}, with the template's labels plus
 * {@code pod-template-hash}, the template's annotations and spec, and the Deployment as its
 * controlling owner (so deleting the Deployment deletes it). Pure, given the random source.
 */
public final class PodFactory {

    public static final String TEMPLATE_HASH_LABEL = "pod-template-hash";

    /** The longest prefix Kubernetes keeps of a generated name, leaving room for the suffix in 63. */
    private static final int MAX_PREFIX = 58;

    private PodFactory() {
    }

    public static Pod newPod(Deployment deployment, String hash, RandomGenerator random) {
        PodTemplateSpec template = KubernetesJson.deepCopy(deployment.getSpec().getTemplate());
        ObjectMeta from = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        Map<String, String> labels = new LinkedHashMap<>(from.getLabels() == null ? Map.of() : from.getLabels());
        labels.put(TEMPLATE_HASH_LABEL, hash);
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(name(deployment.getMetadata().getName() + "-" + hash + "-", random));
        metadata.setGenerateName(prefix(deployment.getMetadata().getName() + "-" + hash + "-"));
        metadata.setNamespace(deployment.getMetadata().getNamespace());
        metadata.setLabels(labels);
        metadata.setAnnotations(from.getAnnotations());
        metadata.setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion("apps/v1").withKind("Deployment")
                .withName(deployment.getMetadata().getName()).withUid(deployment.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build()));
        Pod pod = new Pod();
        pod.setApiVersion("v1");
        pod.setKind("Pod");
        pod.setMetadata(metadata);
        pod.setSpec(template.getSpec());
        return pod;
    }

    /** {@code prefix} (cut to 58 characters) and five random characters of the safe alphabet. */
    static String name(String prefix, RandomGenerator random) {
        StringBuilder name = new StringBuilder(prefix(prefix));
        for (int i = 0; i < 5; i++) {
            name.append(TemplateHash.SAFE_ALPHABET.charAt(random.nextInt(TemplateHash.SAFE_ALPHABET.length())));
        }
        return name.toString();
    }

    private static String prefix(String prefix) {
        return prefix.length() > MAX_PREFIX ? prefix.substring(0, MAX_PREFIX) : prefix;
    }
}
