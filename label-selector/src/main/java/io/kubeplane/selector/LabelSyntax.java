package io.kubeplane.selector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Syntax rules of label keys and values, with apimachinery's error wording
 * ({@code k8s.io/apimachinery/pkg/api/validate/content}: {@code IsLabelKey}, {@code IsLabelValue}).
 *
 * <p>Stateless and thread-safe; used by {@link Requirement} while it validates itself.
 */
final class LabelSyntax {

    // A key is an optional DNS-1123 subdomain prefix and '/', then a name:
    //
    //   example.com/MyName      prefix: lowercase RFC 1123 subdomain, at most 253 bytes
    //   ^^^^^^^^^^^ ^^^^^^      name:   [A-Za-z0-9] ends, [-A-Za-z0-9_.] inside, at most 63 bytes
    //
    // A value is empty or has the shape of a name.
    private static final String KEY_FORMAT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String KEY_MESSAGE = "must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character";
    private static final Pattern KEY = Pattern.compile(KEY_FORMAT);
    private static final int NAME_MAX_LENGTH = 63;

    private static final String VALUE_FORMAT = "(" + KEY_FORMAT + ")?";
    private static final String VALUE_MESSAGE = "a valid label must be an empty string or consist of alphanumeric "
            + "characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private static final Pattern VALUE = Pattern.compile(VALUE_FORMAT);

    private static final String DNS1123_LABEL_FORMAT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1123_SUBDOMAIN_FORMAT = DNS1123_LABEL_FORMAT + "(\\." + DNS1123_LABEL_FORMAT + ")*";
    private static final String DNS1123_SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FORMAT);
    private static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

    private LabelSyntax() {
    }

    /**
     * @return what is wrong with {@code key} as a label key (a qualified name); empty if nothing
     */
    static List<String> keyErrors(String key) {
        List<String> errors = new ArrayList<>();
        String[] parts = key.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        }
        else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                errors.add("prefix part must be non-empty");
            }
            else {
                for (String error : subdomainErrors(prefix)) {
                    errors.add("prefix part " + error);
                }
            }
        }
        else {
            errors.add("a valid label key " + regexError(KEY_MESSAGE, KEY_FORMAT, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errors;
        }
        if (name.isEmpty()) {
            errors.add("name part must be non-empty");
        }
        else if (byteLength(name) > NAME_MAX_LENGTH) {
            errors.add("name part " + maxLengthError(NAME_MAX_LENGTH));
        }
        if (!KEY.matcher(name).matches()) {
            errors.add("name part " + regexError(KEY_MESSAGE, KEY_FORMAT, "MyName", "my.name", "123-abc"));
        }
        return errors;
    }

    /**
     * @return what is wrong with {@code value} as a label value; empty if nothing
     */
    static List<String> valueErrors(String value) {
        List<String> errors = new ArrayList<>();
        if (byteLength(value) > NAME_MAX_LENGTH) {
            errors.add(maxLengthError(NAME_MAX_LENGTH));
        }
        if (!VALUE.matcher(value).matches()) {
            errors.add(regexError(VALUE_MESSAGE, VALUE_FORMAT, "MyValue", "my_value", "12345"));
        }
        return errors;
    }

    private static List<String> subdomainErrors(String value) {
        List<String> errors = new ArrayList<>();
        if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
            errors.add(maxLengthError(DNS1123_SUBDOMAIN_MAX_LENGTH));
        }
        if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
            errors.add(regexError(DNS1123_SUBDOMAIN_MESSAGE, DNS1123_SUBDOMAIN_FORMAT, "example.com"));
        }
        return errors;
    }

    /** apimachinery's {@code RegexError}, double spaces included, so messages read the same. */
    private static String regexError(String message, String format, String... examples) {
        StringBuilder text = new StringBuilder(message).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                text.append(" or ");
            }
            text.append('\'').append(examples[i]).append("', ");
        }
        return text.append("regex used for validation is '").append(format).append("')").toString();
    }

    private static String maxLengthError(int length) {
        return "must be no more than " + length + " bytes";
    }

    // Kubernetes counts bytes of UTF-8, not characters.
    private static int byteLength(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Go's {@code %q} for the strings that can reach an error message. */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    }
                    else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
