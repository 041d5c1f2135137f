package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Labels, label selectors and selector matching, as apimachinery's {@code meta/v1/validation}
 * checks them.
 *
 * <p>Kubernetes reports label problems on the map's path itself ({@code metadata.labels}), not on
 * the key, and so does this class. Maps are walked in key order so errors come out in a stable
 * order. Stateless and thread-safe.
 */
public final class LabelValidation {

    private LabelValidation() {
    }

    /** Each key a qualified name, each value a valid label value. */
    public static List<FieldError> validateLabels(@Nullable Map<String, String> labels, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        if (labels == null) {
            return errors;
        }
        new TreeMap<>(labels).forEach((key, value) -> {
            errors.addAll(validateLabelName(key, path));
            String v = value == null ? "" : value;
            errors.addAll(NameValidation.invalid(path, v, NameValidation.isValidLabelValue(v)));
        });
        return errors;
    }

    /** A label key: a qualified name. */
    public static List<FieldError> validateLabelName(String key, FieldPath path) {
        return NameValidation.invalid(path, key, NameValidation.isQualifiedName(key));
    }

    /**
     * A label selector's syntax: label maps valid, operators known, values present for In/NotIn and
     * absent for Exists/DoesNotExist, and every value a valid label value.
     */
    public static List<FieldError> validateLabelSelector(@Nullable LabelSelector selector, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        if (selector == null) {
            return errors;
        }
        errors.addAll(validateLabels(selector.getMatchLabels(), path.child("matchLabels")));
        List<LabelSelectorRequirement> expressions = Nulls.list(selector.getMatchExpressions());
        for (int i = 0; i < expressions.size(); i++) {
            errors.addAll(validateRequirement(expressions.get(i), path.child("matchExpressions").index(i)));
        }
        return errors;
    }

    /** Whether the selector has neither matchLabels nor matchExpressions (and so selects everything). */
    public static boolean isEmpty(@Nullable LabelSelector selector) {
        return selector == null
                || (Nulls.map(selector.getMatchLabels()).isEmpty() && Nulls.list(selector.getMatchExpressions()).isEmpty());
    }

    /** Whether {@code labels} satisfy every term of {@code selector}; a syntactically invalid term matches nothing. */
    public static boolean matches(LabelSelector selector, @Nullable Map<String, String> labels) {
        Map<String, String> actual = Nulls.map(labels);
        for (Map.Entry<String, String> term : Nulls.map(selector.getMatchLabels()).entrySet()) {
            if (!actual.containsKey(term.getKey()) || !actual.get(term.getKey()).equals(term.getValue())) {
                return false;
            }
        }
        for (LabelSelectorRequirement requirement : Nulls.list(selector.getMatchExpressions())) {
            String key = requirement.getKey();
            List<String> values = Nulls.list(requirement.getValues());
            boolean has = key != null && actual.containsKey(key);
            boolean ok = switch (String.valueOf(requirement.getOperator())) {
                case "In" -> has && values.contains(actual.get(key));
                case "NotIn" -> !has || !values.contains(actual.get(key));
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static List<FieldError> validateRequirement(LabelSelectorRequirement requirement, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        List<String> values = Nulls.list(requirement.getValues());
        String operator = requirement.getOperator() == null ? "" : requirement.getOperator();
        switch (operator) {
            case "In", "NotIn" -> {
                if (values.isEmpty()) {
                    errors.add(FieldError.required(path.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (!values.isEmpty()) {
                    errors.add(FieldError.forbidden(path.child("values"),
                            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                }
            }
            default -> errors.add(FieldError.invalid(path.child("operator"), operator, "not a valid selector operator"));
        }
        errors.addAll(validateLabelName(requirement.getKey() == null ? "" : requirement.getKey(), path.child("key")));
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i) == null ? "" : values.get(i);
            errors.addAll(NameValidation.invalid(path.child("values").index(i), value, NameValidation.isValidLabelValue(value)));
        }
        return errors;
    }
}
