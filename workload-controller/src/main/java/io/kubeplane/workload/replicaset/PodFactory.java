package io.kubeplane.workload.replicaset;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubeplane.model.KubernetesJson;
import io.kubeplane.workload.deployment.TemplateHash;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A ReplicaSet's pod as Kubernetes' ReplicaSet controller creates it: named
 * {@code <replicaset>-<5 chars>} (for a Deployment's ReplicaSet,
 * {@code <deployment>-<template-hash>-<5 chars>}), with the template's labels, annotations and
 * spec, and the ReplicaSet as its controlling owner, so deleting the ReplicaSet deletes it. Pure,
 * given the random source.
 */
public final class PodFactory {

    public static final String TEMPLATE_HASH_LABEL = "pod-template-hash";

    /** The longest prefix Kubernetes keeps of a generated name, leaving room for the suffix in 63. */
    private static final int MAX_PREFIX = 58;

    private PodFactory() {
    }

    public static Pod newPod(ReplicaSet replicaSet, RandomGenerator random) {
        PodTemplateSpec template = KubernetesJson.deepCopy(replicaSet.getSpec().getTemplate());
        ObjectMeta from = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        String prefix = replicaSet.getMetadata().getName() + "-";
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(name(prefix, random));
        metadata.setGenerateName(prefix(prefix));
        metadata.setNamespace(replicaSet.getMetadata().getNamespace());
        metadata.setLabels(new LinkedHashMap<>(from.getLabels() == null ? Map.of() : from.getLabels()));
        metadata.setAnnotations(from.getAnnotations());
        metadata.setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion("apps/v1").withKind("ReplicaSet")
                .withName(replicaSet.getMetadata().getName()).withUid(replicaSet.getMetadata().getUid())
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
