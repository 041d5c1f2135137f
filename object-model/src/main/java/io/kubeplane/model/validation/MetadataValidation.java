package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * {@code metadata} checks every kind shares, as apimachinery's {@code ValidateObjectMeta} and
 * {@code ValidateObjectMetaUpdate} make them: name and generateName, namespace presence, labels,
 * annotations, owner references, finalizers, and on update the fields that never change.
 *
 * <p>Stateless and thread-safe. Called by every kind's {@link ObjectValidator}.
 */
public final class MetadataValidation {

    /** The most bytes all annotation keys and values of one object may take together (256 KiB). */
    public static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

    /** Finalizers Kubernetes itself defines; any other must be domain-qualified. */
    private static final Set<String> STANDARD_FINALIZERS = Set.of("kubernetes", "orphan", "foregroundDeletion");

    private static final String FABRIC8_PLACEHOLDER_KIND = "OwnerReference";

    private MetadataValidation() {
    }

    /**
     * Metadata of an object being created. A name is required unless {@code generateName} is set
     * (the api-server generates the name from it); namespace is required for namespaced kinds and
     * forbidden for cluster-scoped ones.
     */
    public static List<FieldError> validateCreate(@Nullable ObjectMeta meta, boolean namespaced, NameRule nameRule,
            FieldPath path) {
        ObjectMeta m = meta == null ? new ObjectMeta() : meta;
        List<FieldError> errors = new ArrayList<>();
        String generateName = Nulls.str(m.getGenerateName());
        String name = Nulls.str(m.getName());
        if (!generateName.isEmpty()) {
            errors.addAll(NameValidation.invalid(path.child("generateName"), generateName, nameRule.validate(generateName, true)));
        }
        if (name.isEmpty()) {
            if (generateName.isEmpty()) {
                errors.add(FieldError.required(path.child("name"), "name or generateName is required"));
            }
        } else {
            errors.addAll(NameValidation.invalid(path.child("name"), name, nameRule.validate(name, false)));
        }
        String namespace = Nulls.str(m.getNamespace());
        if (namespaced) {
            if (namespace.isEmpty()) {
                errors.add(FieldError.required(path.child("namespace"), ""));
            } else {
                errors.addAll(NameValidation.invalid(path.child("namespace"), namespace,
                        NameRule.DNS1123_LABEL.validate(namespace, false)));
            }
        } else if (!namespace.isEmpty()) {
            errors.add(FieldError.forbidden(path.child("namespace"), "not allowed on this type"));
        }
        errors.addAll(validateCommon(m, path));
        return errors;
    }

    /**
     * Metadata of an object replacing {@code old}: name, namespace, uid, creationTimestamp and the
     * deletion fields never change, generation never goes down, and an object being deleted takes
     * no new finalizers. Labels, annotations, owners and finalizers are checked as on create.
     */
    public static List<FieldError> validateUpdate(@Nullable ObjectMeta meta, @Nullable ObjectMeta old, FieldPath path) {
        ObjectMeta m = meta == null ? new ObjectMeta() : meta;
        ObjectMeta o = old == null ? new ObjectMeta() : old;
        List<FieldError> errors = new ArrayList<>();
        if (o.getDeletionTimestamp() != null) {
            Set<String> added = new TreeSet<>(Nulls.list(m.getFinalizers()));
            Nulls.list(o.getFinalizers()).forEach(added::remove);
            if (!added.isEmpty()) {
                errors.add(FieldError.forbidden(path.child("finalizers"),
                        "no new finalizers can be added if the object is being deleted, found new finalizers "
                                + GoFormat.value(List.copyOf(added))));
            }
        }
        if (Nulls.num(m.getGeneration()) < Nulls.num(o.getGeneration())) {
            errors.add(FieldError.invalid(path.child("generation"), Nulls.num(m.getGeneration()), "must not be decremented"));
        }
        errors.addAll(immutable(m.getName(), o.getName(), path.child("name")));
        errors.addAll(immutable(m.getNamespace(), o.getNamespace(), path.child("namespace")));
        errors.addAll(immutable(m.getUid(), o.getUid(), path.child("uid")));
        errors.addAll(immutable(m.getCreationTimestamp(), o.getCreationTimestamp(), path.child("creationTimestamp")));
        errors.addAll(immutable(m.getDeletionTimestamp(), o.getDeletionTimestamp(), path.child("deletionTimestamp")));
        errors.addAll(immutable(m.getDeletionGracePeriodSeconds(), o.getDeletionGracePeriodSeconds(),
                path.child("deletionGracePeriodSeconds")));
        errors.addAll(validateCommon(m, path));
        return errors;
    }

    /** Annotation keys are qualified names (case-insensitively); all keys and values together at most 256 KiB. */
    public static List<FieldError> validateAnnotations(@Nullable Map<String, String> annotations, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, String> entry : new TreeMap<>(Nulls.map(annotations)).entrySet()) {
            String key = entry.getKey();
            errors.addAll(NameValidation.invalid(path, key, NameValidation.isQualifiedName(key.toLowerCase())));
            total += key.getBytes(StandardCharsets.UTF_8).length
                    + Nulls.str(entry.getValue()).getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
            errors.add(FieldError.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
        }
        return errors;
    }

    /** apiVersion, kind, name and uid are needed; Events may not own; at most one reference is the controller. */
    public static List<FieldError> validateOwnerReferences(@Nullable List<OwnerReference> references, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        String firstController = null;
        for (OwnerReference ref : Nulls.list(references)) {
            // fabric8 fills a missing apiVersion and kind with "v1" and "OwnerReference", as if the
            // reference were an object of its own; no real owner has that kind, so read it as unset.
            boolean placeholder = FABRIC8_PLACEHOLDER_KIND.equals(ref.getKind());
            String apiVersion = placeholder && "v1".equals(ref.getApiVersion()) ? "" : Nulls.str(ref.getApiVersion());
            String kind = placeholder ? "" : Nulls.str(ref.getKind());
            String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
            if (version.isEmpty()) {
                errors.add(FieldError.invalid(path.child("apiVersion"), apiVersion, "version must not be empty"));
            }
            if (kind.isEmpty()) {
                errors.add(FieldError.invalid(path.child("kind"), "", "must not be empty"));
            }
            if (Nulls.str(ref.getName()).isEmpty()) {
                errors.add(FieldError.invalid(path.child("name"), "", "must not be empty"));
            }
            if (Nulls.str(ref.getUid()).isEmpty()) {
                errors.add(FieldError.invalid(path.child("uid"), "", "must not be empty"));
            }
            if (apiVersion.equals("v1") && kind.equals("Event")) {
                errors.add(FieldError.invalid(path, ref, "/v1, Kind=Event is disallowed from being an owner"));
            }
            if (Boolean.TRUE.equals(ref.getController())) {
                String current = kind + "/" + Nulls.str(ref.getName());
                if (firstController != null) {
                    errors.add(FieldError.invalid(path, references, "Only one reference can have Controller set to true. "
                            + "Found \"true\" in references for " + firstController + " and " + current));
                } else {
                    firstController = current;
                }
            }
        }
        return errors;
    }

    /** Finalizers are qualified names; unqualified ones must be standard ones; orphan and foregroundDeletion exclude each other. */
    public static List<FieldError> validateFinalizers(@Nullable List<String> finalizers, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        List<String> all = Nulls.list(finalizers);
        for (int i = 0; i < all.size(); i++) {
            String finalizer = Nulls.str(all.get(i));
            FieldPath at = path.index(i);
            List<String> problems = NameValidation.isQualifiedName(finalizer);
            errors.addAll(NameValidation.invalid(at, finalizer, problems));
            if (problems.isEmpty() && !finalizer.contains("/") && !STANDARD_FINALIZERS.contains(finalizer)) {
                errors.add(FieldError.invalid(at, finalizer, "name is neither a standard finalizer name nor is it fully qualified"));
            }
        }
        if (all.contains("orphan") && all.contains("foregroundDeletion")) {
            errors.add(FieldError.invalid(path, all, "finalizer orphan and foregroundDeletion cannot be both set"));
        }
        return errors;
    }

    /** An error on {@code path} when the value changed, as Kubernetes' {@code ValidateImmutableField}. */
    public static List<FieldError> immutable(@Nullable Object value, @Nullable Object old, FieldPath path) {
        return Objects.equals(value, old) ? List.of() : List.of(FieldError.invalid(path, value, "field is immutable"));
    }

    /** As {@link #immutable(Object, Object, FieldPath)}, with null and empty strings the same, as in Go. */
    public static List<FieldError> immutable(@Nullable String value, @Nullable String old, FieldPath path) {
        return immutable((Object) Nulls.str(value), Nulls.str(old), path);
    }

    private static List<FieldError> validateCommon(ObjectMeta m, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        if (Nulls.num(m.getGeneration()) < 0) {
            errors.add(FieldError.invalid(path.child("generation"), m.getGeneration(), "must be greater than or equal to 0"));
        }
        errors.addAll(LabelValidation.validateLabels(m.getLabels(), path.child("labels")));
        errors.addAll(validateAnnotations(m.getAnnotations(), path.child("annotations")));
        errors.addAll(validateOwnerReferences(m.getOwnerReferences(), path.child("ownerReferences")));
        errors.addAll(validateFinalizers(m.getFinalizers(), path.child("finalizers")));
        return errors;
    }
}
