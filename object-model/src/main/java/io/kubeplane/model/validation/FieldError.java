package io.kubeplane.model.validation;

import java.util.Collection;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One bad field, as Kubernetes' {@code field.Error}: what is wrong ({@link Type}), where (the field
 * path), the offending value and a human detail.
 *
 * <p>Immutable and thread-safe. Validators create them; the api-server turns a list of them into a
 * 422 {@code Status} whose causes carry {@link Type#reason()}, {@link #field()} and the message
 * without the field prefix.
 *
 * @param type     the kind of problem
 * @param field    the field path, e.g. {@code spec.ports[0].port}
 * @param badValue the offending value; ignored in the message for required, forbidden and too-long
 * @param detail   why it is wrong, possibly empty
 */
public record FieldError(Type type, String field, @Nullable Object badValue, String detail) {

    /** The kinds of field problems, with the cause reason and message text Kubernetes uses. */
    public enum Type {
        REQUIRED("FieldValueRequired", "Required value"),
        INVALID("FieldValueInvalid", "Invalid value"),
        NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
        DUPLICATE("FieldValueDuplicate", "Duplicate value"),
        FORBIDDEN("FieldValueForbidden", "Forbidden"),
        TOO_LONG("FieldValueTooLong", "Too long"),
        TOO_MANY("FieldValueTooMany", "Too many"),
        NOT_FOUND("FieldValueNotFound", "Not found");

        private final String reason;
        private final String description;

        Type(String reason, String description) {
            this.reason = reason;
            this.description = description;
        }

        /** The {@code StatusCause.reason}, e.g. {@code FieldValueInvalid}. */
        public String reason() {
            return reason;
        }

        /** The text in messages, e.g. {@code Invalid value}. */
        public String description() {
            return description;
        }
    }

    /** Marks a too-many error whose count is not known, so the message leaves it out (Go's omitValue). */
    private static final Object OMIT = new Object();

    public static FieldError required(FieldPath field, String detail) {
        return new FieldError(Type.REQUIRED, field.toString(), null, detail);
    }

    public static FieldError invalid(FieldPath field, @Nullable Object value, String detail) {
        return new FieldError(Type.INVALID, field.toString(), value, detail);
    }

    /** An enum value outside {@code supported}; the detail lists them quoted, in the order given. */
    public static FieldError notSupported(FieldPath field, @Nullable Object value, Collection<String> supported) {
        String detail = supported.isEmpty() ? "" : supported.stream()
                .map(GoFormat::quote).collect(Collectors.joining(", ", "supported values: ", ""));
        return new FieldError(Type.NOT_SUPPORTED, field.toString(), value, detail);
    }

    public static FieldError duplicate(FieldPath field, @Nullable Object value) {
        return new FieldError(Type.DUPLICATE, field.toString(), value, "");
    }

    public static FieldError forbidden(FieldPath field, String detail) {
        return new FieldError(Type.FORBIDDEN, field.toString(), null, detail);
    }

    /** A value longer than {@code maxLength} bytes; the value itself is not repeated in the message. */
    public static FieldError tooLong(FieldPath field, int maxLength) {
        return new FieldError(Type.TOO_LONG, field.toString(), null, "must have at most " + maxLength + " bytes");
    }

    /** A list with {@code actual} items where at most {@code max} are allowed; negative actual omits the count. */
    public static FieldError tooMany(FieldPath field, int actual, int max) {
        return new FieldError(Type.TOO_MANY, field.toString(), actual >= 0 ? actual : OMIT,
                "must have at most " + max + " items");
    }

    public static FieldError notFound(FieldPath field, @Nullable Object value) {
        return new FieldError(Type.NOT_FOUND, field.toString(), value, "");
    }

    /**
     * The errors as one message, as kube-apiserver joins them after {@code Kind "name" is invalid: }:
     * the single message alone, several in brackets separated by commas.
     */
    public static String summary(java.util.List<FieldError> errors) {
        return errors.size() == 1 ? errors.getFirst().message()
                : errors.stream().map(FieldError::message).collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * The message Kubernetes prints, e.g.
     * {@code spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive}: strings
     * quoted and numbers bare, as Go's {@code %q} and {@code %v} print them.
     */
    public String message() {
        return field + ": " + body();
    }

    /** The message without the leading field path, as in a {@code StatusCause.message}. */
    public String body() {
        StringBuilder text = new StringBuilder(type.description());
        boolean showsValue = switch (type) {
            case REQUIRED, FORBIDDEN, TOO_LONG -> false;
            default -> badValue != OMIT;
        };
        if (showsValue) {
            text.append(": ").append(GoFormat.value(badValue));
        }
        if (!detail.isEmpty()) {
            text.append(": ").append(detail);
        }
        return text.toString();
    }
}
