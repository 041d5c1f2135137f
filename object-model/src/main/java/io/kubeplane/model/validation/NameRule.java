package io.kubeplane.model.validation;

import java.util.List;

/**
 * The rule an object's {@code metadata.name} follows, which differs by kind as in Kubernetes
 * (apimachinery's {@code ValidateNameFunc}s): Services are DNS-1035 labels, Namespaces DNS-1123
 * labels, Events any path segment, most other kinds DNS-1123 subdomains.
 *
 * <p>With {@code prefix} true the value is a {@code generateName} prefix, which may end in '-'
 * because random characters will follow. Stateless and thread-safe.
 */
public enum NameRule {
    DNS1123_SUBDOMAIN {
        @Override
        public List<String> validate(String name, boolean prefix) {
            return NameValidation.isDns1123Subdomain(prefix ? maskTrailingDash(name) : name);
        }
    },
    DNS1123_LABEL {
        @Override
        public List<String> validate(String name, boolean prefix) {
            return NameValidation.isDns1123Label(prefix ? maskTrailingDash(name) : name);
        }
    },
    DNS1035_LABEL {
        @Override
        public List<String> validate(String name, boolean prefix) {
            return NameValidation.isDns1035Label(prefix ? maskTrailingDash(name) : name);
        }
    },
    PATH_SEGMENT {
        @Override
        public List<String> validate(String name, boolean prefix) {
            return prefix ? NameValidation.isValidPathSegmentPrefix(name) : NameValidation.isValidPathSegmentName(name);
        }
    };

    /** The problems with {@code name}, empty when valid; {@code prefix} for {@code generateName}. */
    public abstract List<String> validate(String name, boolean prefix);

    // A generateName prefix may end in '-': replace it by a letter so the name rules accept it.
    private static String maskTrailingDash(String name) {
        return name.length() > 1 && name.endsWith("-") ? name.substring(0, name.length() - 1) + "a" : name;
    }
}
