package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.kubeplane.model.ApiResources;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Validates core/v1 Events (Kubernetes' {@code ValidateEventCreate}, {@code ValidateEventUpdate}):
 * the name is any path segment, the involved object names its kind and name and lives in the
 * event's namespace, reason and message fit their limits, and a type, when set, is Normal or
 * Warning. On update, what the event is about (involved object, reason, source, first timestamp,
 * reporting controller and instance, action) stays; counts, timestamps and messages may change,
 * as the event correlators aggregating repeats need.
 *
 * <p>Immutable and thread-safe. Called through {@link Validation} by the api-server.
 */
public final class EventValidator implements ObjectValidator<Event> {

    public static final int REASON_MAX_LENGTH = 128;
    public static final int MESSAGE_MAX_LENGTH = 1024;
    public static final int REPORTING_INSTANCE_MAX_LENGTH = 128;
    public static final int ACTION_MAX_LENGTH = 128;
    static final List<String> TYPES = List.of("Normal", "Warning");

    @Override
    public List<FieldError> validateCreate(Event event) {
        List<FieldError> errors = new ArrayList<>(MetadataValidation.validateCreate(event.getMetadata(),
                ApiResources.EVENTS.namespaced(), NameRule.PATH_SEGMENT, FieldPath.of("metadata")));
        errors.addAll(validateEvent(event));
        return errors;
    }

    @Override
    public List<FieldError> validateUpdate(Event event, Event old) {
        List<FieldError> errors = new ArrayList<>(
                MetadataValidation.validateUpdate(event.getMetadata(), old.getMetadata(), FieldPath.of("metadata")));
        errors.addAll(validateEvent(event));
        errors.addAll(MetadataValidation.immutable(event.getInvolvedObject(), old.getInvolvedObject(), FieldPath.of("involvedObject")));
        errors.addAll(MetadataValidation.immutable(event.getReason(), old.getReason(), FieldPath.of("reason")));
        errors.addAll(MetadataValidation.immutable(event.getSource(), old.getSource(), FieldPath.of("source")));
        errors.addAll(MetadataValidation.immutable(event.getFirstTimestamp(), old.getFirstTimestamp(), FieldPath.of("firstTimestamp")));
        errors.addAll(MetadataValidation.immutable(event.getReportingComponent(), old.getReportingComponent(),
                FieldPath.of("reportingComponent")));
        errors.addAll(MetadataValidation.immutable(event.getReportingInstance(), old.getReportingInstance(),
                FieldPath.of("reportingInstance")));
        errors.addAll(MetadataValidation.immutable(event.getAction(), old.getAction(), FieldPath.of("action")));
        return errors;
    }

    private static List<FieldError> validateEvent(Event event) {
        List<FieldError> errors = new ArrayList<>();
        ObjectReference involved = event.getInvolvedObject() == null ? new ObjectReference() : event.getInvolvedObject();
        FieldPath involvedPath = FieldPath.of("involvedObject");
        if (Nulls.str(involved.getKind()).isEmpty()) {
            errors.add(FieldError.required(involvedPath.child("kind"), ""));
        }
        if (Nulls.str(involved.getName()).isEmpty()) {
            errors.add(FieldError.required(involvedPath.child("name"), ""));
        }
        // The event lives with what it is about; events about cluster-scoped objects go to "default".
        String namespace = event.getMetadata() == null ? "" : Nulls.str(event.getMetadata().getNamespace());
        String involvedNamespace = Nulls.str(involved.getNamespace());
        boolean matches = involvedNamespace.isEmpty()
                ? namespace.isEmpty() || namespace.equals("default") || namespace.equals("kube-system")
                : involvedNamespace.equals(namespace);
        if (!matches) {
            errors.add(FieldError.invalid(involvedPath.child("namespace"), involvedNamespace, "does not match event.namespace"));
        }
        errors.addAll(atMost(event.getReason(), REASON_MAX_LENGTH, FieldPath.of("reason")));
        errors.addAll(atMost(event.getMessage(), MESSAGE_MAX_LENGTH, FieldPath.of("message")));
        errors.addAll(atMost(event.getReportingInstance(), REPORTING_INSTANCE_MAX_LENGTH, FieldPath.of("reportingInstance")));
        errors.addAll(atMost(event.getAction(), ACTION_MAX_LENGTH, FieldPath.of("action")));
        String component = Nulls.str(event.getReportingComponent());
        if (!component.isEmpty()) {
            errors.addAll(NameValidation.invalid(FieldPath.of("reportingComponent"), component,
                    NameValidation.isQualifiedName(component)));
        }
        String type = Nulls.str(event.getType());
        if (!type.isEmpty() && !TYPES.contains(type)) {
            errors.add(FieldError.notSupported(FieldPath.of("type"), type, TYPES));
        }
        if (event.getCount() != null && event.getCount() < 0) {
            errors.add(FieldError.invalid(FieldPath.of("count"), event.getCount(), "must be greater than or equal to 0"));
        }
        return errors;
    }

    // Kubernetes reports these with an empty bad value rather than repeating a long text.
    private static List<FieldError> atMost(@Nullable String value, int max, FieldPath path) {
        return Nulls.str(value).length() > max
                ? List.of(FieldError.invalid(path, "", "can have at most " + max + " characters"))
                : List.of();
    }
}
