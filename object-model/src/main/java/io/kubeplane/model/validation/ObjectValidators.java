package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One validator per served kind, looked up by the object's type, with the cluster settings some of
 * them need (the NodePort range). {@link Validation} holds the default set; a server configured
 * with another NodePort range builds its own with {@link #withNodePortRange}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ObjectValidators {

    private static final ObjectValidators DEFAULTS = withNodePortRange(PortRange.DEFAULT_NODE_PORTS);

    private final Map<Class<?>, ObjectValidator<?>> byType;

    private ObjectValidators(Map<Class<?>, ObjectValidator<?>> byType) {
        this.byType = Map.copyOf(byType);
    }

    /** The validators with Kubernetes' default settings (NodePorts 30000-32767). */
    public static ObjectValidators defaults() {
        return DEFAULTS;
    }

    /** The validators for a cluster whose NodePorts come from {@code nodePortRange}. */
    public static ObjectValidators withNodePortRange(PortRange nodePortRange) {
        return new ObjectValidators(Map.of(
                Namespace.class, new NamespaceValidator(),
                Pod.class, new PodValidator(),
                Service.class, new ServiceValidator(nodePortRange),
                Endpoints.class, new EndpointsValidator(),
                Node.class, new NodeValidator(),
                Event.class, new EventValidator(),
                EndpointSlice.class, new EndpointSliceValidator(),
                Deployment.class, new DeploymentValidator(),
                ReplicaSet.class, new ReplicaSetValidator(),
                Lease.class, new LeaseValidator()));
    }

    /** The validator for objects of {@code type}, if it is a served kind. */
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> Optional<ObjectValidator<T>> forType(Class<T> type) {
        return Optional.ofNullable((ObjectValidator<T>) byType.get(type));
    }

    /** Problems with a new object; throws {@link IllegalArgumentException} for a kind that is not served. */
    public List<FieldError> validateCreate(HasMetadata obj) {
        return validator(obj).validateCreate(obj);
    }

    /** Problems with {@code obj} replacing {@code old}; both must be of the same served kind. */
    public List<FieldError> validateUpdate(HasMetadata obj, HasMetadata old) {
        return validator(obj, old).validateUpdate(obj, old);
    }

    /** Problems with {@code obj} replacing {@code old} through the status subresource. */
    public List<FieldError> validateStatusUpdate(HasMetadata obj, HasMetadata old) {
        return validator(obj, old).validateStatusUpdate(obj, old);
    }

    @SuppressWarnings("unchecked")
    private ObjectValidator<HasMetadata> validator(HasMetadata obj) {
        ObjectValidator<?> validator = byType.get(obj.getClass());
        if (validator == null) {
            throw new IllegalArgumentException("no validator for " + obj.getClass().getName());
        }
        return (ObjectValidator<HasMetadata>) validator;
    }

    private ObjectValidator<HasMetadata> validator(HasMetadata obj, HasMetadata old) {
        if (obj.getClass() != old.getClass()) {
            throw new IllegalArgumentException("cannot update a " + old.getClass().getSimpleName()
                    + " with a " + obj.getClass().getSimpleName());
        }
        return validator(obj);
    }
}
