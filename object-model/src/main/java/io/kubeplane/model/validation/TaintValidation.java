package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Node taints and the pod tolerations that match them (Kubernetes' {@code validateNodeTaints},
 * {@code ValidateTolerations}).
 *
 * <p>Stateless and thread-safe; used by {@link NodeValidator} and {@link PodSpecValidation}.
 */
public final class TaintValidation {

    /** Taint effects, in the order Kubernetes lists them. */
    public static final List<String> EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    static final List<String> OPERATORS = List.of("Equal", "Exists");

    private TaintValidation() {
    }

    /** Each taint a valid key, value and effect; at most one taint per key and effect. */
    public static List<FieldError> validateTaints(List<Taint> taints, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> unique = new HashSet<>();
        for (int i = 0; i < taints.size(); i++) {
            Taint taint = taints.get(i);
            FieldPath at = path.index(i);
            String key = Nulls.str(taint.getKey());
            errors.addAll(LabelValidation.validateLabelName(key, at.child("key")));
            String value = Nulls.str(taint.getValue());
            errors.addAll(NameValidation.invalid(at.child("value"), value, NameValidation.isValidLabelValue(value)));
            String effect = Nulls.str(taint.getEffect());
            errors.addAll(validateEffect(effect, false, at.child("effect")));
            if (!unique.add(key + "\u0000" + effect)) {
                errors.add(new FieldError(FieldError.Type.DUPLICATE, at.toString(), taint,
                        "taints must be unique by key and effect pair"));
            }
        }
        return errors;
    }

    /** Each toleration a valid key, operator, value and effect, with tolerationSeconds only for NoExecute. */
    public static List<FieldError> validateTolerations(List<Toleration> tolerations, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < tolerations.size(); i++) {
            Toleration toleration = tolerations.get(i);
            FieldPath at = path.index(i);
            String key = Nulls.str(toleration.getKey());
            String operator = Nulls.str(toleration.getOperator());
            String value = Nulls.str(toleration.getValue());
            if (!key.isEmpty()) {
                errors.addAll(LabelValidation.validateLabelName(key, at.child("key")));
            }
            // An empty key matches every key, so only "exists" makes sense with it.
            if (key.isEmpty() && !operator.equals("Exists")) {
                errors.add(FieldError.invalid(at.child("operator"), operator,
                        "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
            }
            if (toleration.getTolerationSeconds() != null && !"NoExecute".equals(toleration.getEffect())) {
                errors.add(FieldError.invalid(at.child("effect"), Nulls.str(toleration.getEffect()),
                        "effect must be 'NoExecute' when `tolerationSeconds` is set"));
            }
            switch (operator) {
                case "", "Equal" -> errors.addAll(NameValidation.invalid(at.child("value"), value,
                        NameValidation.isValidLabelValue(value)));
                case "Exists" -> {
                    if (!value.isEmpty()) {
                        errors.add(FieldError.invalid(at.child("value"), value, "value must be empty when `operator` is 'Exists'"));
                    }
                }
                default -> errors.add(FieldError.notSupported(at.child("operator"), operator, OPERATORS));
            }
            errors.addAll(validateEffect(Nulls.str(toleration.getEffect()), true, at.child("effect")));
        }
        return errors;
    }

    private static List<FieldError> validateEffect(String effect, boolean emptyAllowed, FieldPath path) {
        if (effect.isEmpty()) {
            return emptyAllowed ? List.of() : List.of(FieldError.required(path, ""));
        }
        return EFFECTS.contains(effect) ? List.of() : List.of(FieldError.notSupported(path, effect, EFFECTS));
    }
}
