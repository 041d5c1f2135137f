package io.kubeplane.apiserver.openapi;

import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI definition name Kubernetes gives a fabric8 model class: the Go package path of the
 * type, reversed as kube-openapi writes it, then the type name.
 * <pre>
 *   io.fabric8.kubernetes.api.model.ServiceSpec            → io.k8s.api.core.v1.ServiceSpec
 *   io.fabric8.kubernetes.api.model.ObjectMeta             → io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta
 *   io.fabric8.kubernetes.api.model.IntOrString            → io.k8s.apimachinery.pkg.util.intstr.IntOrString
 *   io.fabric8.kubernetes.api.model.apps.DeploymentSpec    → io.k8s.api.apps.v1.DeploymentSpec
 *   io.fabric8.kubernetes.api.model.discovery.v1.Endpoint  → io.k8s.api.discovery.v1.Endpoint
 * </pre>
 * fabric8 keeps {@code core/v1} and {@code meta/v1} in one Java package, so the {@code meta/v1}
 * types are listed by name.
 *
 * <p>Stateless and thread-safe; used by {@link SwaggerDefinitions}.
 */
final class DefinitionNames {

    static final String CORE = "io.k8s.api.core.v1.";
    static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    static final String TIME = META + "Time";
    static final String MICRO_TIME = META + "MicroTime";

    private static final String FABRIC8 = "io.fabric8.kubernetes.api.model";

    private static final Set<String> META_TYPES = Set.of("ObjectMeta", "ListMeta", "LabelSelector",
            "LabelSelectorRequirement", "OwnerReference", "ManagedFieldsEntry", "FieldsV1", "Status", "StatusDetails",
            "StatusCause", "DeleteOptions", "Preconditions", "Patch", "MicroTime", "Condition", "WatchEvent");

    /** fabric8 sub-package → Kubernetes API group package (with version). */
    private static final Map<String, String> GROUP_PACKAGES = Map.of(
            "apps", "io.k8s.api.apps.v1.",
            "discovery.v1", "io.k8s.api.discovery.v1.",
            "networking.v1", "io.k8s.api.networking.v1.",
            "autoscaling.v1", "io.k8s.api.autoscaling.v1.",
            "coordination.v1", "io.k8s.api.coordination.v1.");

    private DefinitionNames() {
    }

    /**
     * @param type a fabric8 model class
     * @return its Kubernetes definition name
     * @throws IllegalArgumentException for a class outside the fabric8 packages kubeplane serves
     */
    static String of(Class<?> type) {
        String packageName = type.getPackageName();
        String simple = type.getSimpleName();
        if (packageName.equals(FABRIC8)) {
            return switch (simple) {
                case "IntOrString" -> INT_OR_STRING;
                case "Quantity" -> QUANTITY;
                default -> (META_TYPES.contains(simple) ? META : CORE) + simple;
            };
        }
        if (packageName.startsWith(FABRIC8 + ".")) {
            String prefix = GROUP_PACKAGES.get(packageName.substring(FABRIC8.length() + 1));
            if (prefix != null) {
                return prefix + simple;
            }
        }
        throw new IllegalArgumentException("no Kubernetes definition name for " + type.getName());
    }

    /** @return the last segment of a definition name, e.g. {@code ServiceSpec} */
    static String simpleName(String definition) {
        return definition.substring(definition.lastIndexOf('.') + 1);
    }
}
