package io.kubeplane.model.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The string formats Kubernetes names and keys must have (apimachinery's
 * {@code util/validation}): DNS-1123 labels and subdomains, DNS-1035 labels, IANA service names
 * (named ports), qualified names (label and annotation keys), label values and path segments.
 *
 * <p>Each check returns the list of problems in Kubernetes' own words, empty when the value is
 * valid; callers wrap them into {@link FieldError}s with {@link #invalid}. Stateless and
 * thread-safe.
 */
public final class NameValidation {

    public static final int DNS1123_LABEL_MAX_LENGTH = 63;
    public static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
    public static final int DNS1035_LABEL_MAX_LENGTH = 63;
    public static final int LABEL_VALUE_MAX_LENGTH = 63;
    public static final int QUALIFIED_NAME_MAX_LENGTH = 63;
    public static final int PORT_NAME_MAX_LENGTH = 15;

    private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1123_LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case "
            + "alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    private static final String DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1035_LABEL_MSG = "a DNS-1035 label must consist of lower case alphanumeric "
            + "characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String QUALIFIED_NAME_MSG =
            "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
    private static final String LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric "
            + "characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);
    private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FMT);
    private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);
    private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
    private static final Pattern PORT_NAME_CHARSET = Pattern.compile("[-a-z0-9]+");
    private static final Pattern ONE_LETTER = Pattern.compile(".*[a-z].*");

    private NameValidation() {
    }

    /** A DNS label (RFC 1123): at most 63 lower-case alphanumerics or '-', alphanumeric at both ends. */
    public static List<String> isDns1123Label(String value) {
        List<String> errors = new ArrayList<>();
        if (value.length() > DNS1123_LABEL_MAX_LENGTH) {
            errors.add(maxLenError(DNS1123_LABEL_MAX_LENGTH));
        }
        if (!DNS1123_LABEL.matcher(value).matches()) {
            if (DNS1123_SUBDOMAIN.matcher(value).matches()) {
                // A valid subdomain that is not a label can only differ by its dots.
                errors.add("must not contain dots");
            } else {
                errors.add(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, "my-name", "123-abc"));
            }
        }
        return errors;
    }

    /** A DNS subdomain (RFC 1123): dot-separated labels, at most 253 characters. */
    public static List<String> isDns1123Subdomain(String value) {
        List<String> errors = new ArrayList<>();
        if (value.length() > DNS1123_SUBDOMAIN_MAX_LENGTH) {
            errors.add(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
        }
        if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
            errors.add(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"));
        }
        return errors;
    }

    /** A DNS-1035 label: like a DNS-1123 label but starting with a letter (Service names). */
    public static List<String> isDns1035Label(String value) {
        List<String> errors = new ArrayList<>();
        if (value.length() > DNS1035_LABEL_MAX_LENGTH) {
            errors.add(maxLenError(DNS1035_LABEL_MAX_LENGTH));
        }
        if (!DNS1035_LABEL.matcher(value).matches()) {
            errors.add(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, "my-name", "abc-123"));
        }
        return errors;
    }

    /**
     * An IANA_SVC_NAME (RFC 6335), the form of named ports: at most 15 characters of [-a-z0-9], at
     * least one letter, no leading, trailing or doubled hyphen.
     */
    public static List<String> isValidPortName(String port) {
        List<String> errors = new ArrayList<>();
        if (port.length() > PORT_NAME_MAX_LENGTH) {
            errors.add(maxLenError(PORT_NAME_MAX_LENGTH));
        }
        if (!PORT_NAME_CHARSET.matcher(port).matches()) {
            errors.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!ONE_LETTER.matcher(port).matches()) {
            errors.add("must contain at least one letter (a-z)");
        }
        if (port.contains("--")) {
            errors.add("must not contain consecutive hyphens");
        }
        if (!port.isEmpty() && (port.startsWith("-") || port.endsWith("-"))) {
            errors.add("must not begin or end with a hyphen");
        }
        return errors;
    }

    /**
     * A qualified name, the form of label and annotation keys: an optional DNS-1123 subdomain
     * prefix and '/', then a name of at most 63 alphanumerics, '-', '_' or '.'.
     */
    public static List<String> isQualifiedName(String value) {
        List<String> errors = new ArrayList<>();
        String[] parts = value.split("/", -1);
        String name;
        switch (parts.length) {
            case 1 -> name = parts[0];
            case 2 -> {
                String prefix = parts[0];
                name = parts[1];
                if (prefix.isEmpty()) {
                    errors.add("prefix part must be non-empty");
                } else {
                    isDns1123Subdomain(prefix).forEach(msg -> errors.add("prefix part " + msg));
                }
            }
            default -> {
                errors.add("a valid label key " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT,
                        "MyName", "my.name", "123-abc") + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
            }
        }
        if (name.isEmpty()) {
            errors.add("name part must be non-empty");
        } else if (name.length() > QUALIFIED_NAME_MAX_LENGTH) {
            errors.add("name part " + maxLenError(QUALIFIED_NAME_MAX_LENGTH));
        }
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            errors.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
        }
        return errors;
    }

    /** A label value: empty, or at most 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends. */
    public static List<String> isValidLabelValue(String value) {
        List<String> errors = new ArrayList<>();
        if (value.length() > LABEL_VALUE_MAX_LENGTH) {
            errors.add(maxLenError(LABEL_VALUE_MAX_LENGTH));
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            errors.add(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
        }
        return errors;
    }

    /** A name that can be a URL path segment (Event names): not '.' or '..', no '/' or '%'. */
    public static List<String> isValidPathSegmentName(String name) {
        if (name.equals(".") || name.equals("..")) {
            return List.of("may not be '" + name + "'");
        }
        return isValidPathSegmentPrefix(name);
    }

    /** A {@code generateName} for path-segment names: no '/' or '%'. */
    public static List<String> isValidPathSegmentPrefix(String name) {
        List<String> errors = new ArrayList<>();
        for (String illegal : List.of("/", "%")) {
            if (name.contains(illegal)) {
                errors.add("may not contain '" + illegal + "'");
            }
        }
        return errors;
    }

    /**
     * A fully qualified domain name of at least two labels, a trailing dot allowed (EndpointSlice
     * FQDN addresses), as apimachinery's {@code IsFullyQualifiedDomainName}.
     */
    public static List<FieldError> validateFullyQualifiedDomainName(String name, FieldPath path) {
        if (name.isEmpty()) {
            return List.of(FieldError.required(path, ""));
        }
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        List<String> errors = isDns1123Subdomain(trimmed);
        if (!errors.isEmpty()) {
            return List.of(FieldError.invalid(path, trimmed, String.join(",", errors)));
        }
        String[] labels = trimmed.split("\\.", -1);
        if (labels.length < 2) {
            return List.of(FieldError.invalid(path, trimmed, "should be a domain with at least two segments separated by dots"));
        }
        for (String label : labels) {
            List<String> labelErrors = isDns1123Label(label);
            if (!labelErrors.isEmpty()) {
                return List.of(FieldError.invalid(path, label, String.join(",", labelErrors)));
            }
        }
        return List.of();
    }

    /** One {@link FieldError.Type#INVALID} error per message, all on {@code path} with {@code value}. */
    public static List<FieldError> invalid(FieldPath path, Object value, List<String> messages) {
        return messages.stream().map(msg -> FieldError.invalid(path, value, msg)).toList();
    }

    /** {@code "must be no more than N characters"}. */
    public static String maxLenError(int length) {
        return "must be no more than " + length + " characters";
    }

    /** {@code "must be between LO and HI, inclusive"}. */
    public static String inclusiveRangeError(long lo, long hi) {
        return "must be between " + lo + " and " + hi + ", inclusive";
    }

    /**
     * Kubernetes' explanation of a regex mismatch, examples included; the doubled space after the
     * first example is Kubernetes' own and kept so messages match byte for byte.
     */
    static String regexError(String msg, String fmt, String... examples) {
        if (examples.length == 0) {
            return msg + " (regex used for validation is '" + fmt + "')";
        }
        StringBuilder text = new StringBuilder(msg).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                text.append(" or ");
            }
            text.append('\'').append(examples[i]).append("', ");
        }
        return text.append("regex used for validation is '").append(fmt).append("')").toString();
    }
}
