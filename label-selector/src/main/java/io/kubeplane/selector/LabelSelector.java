package io.kubeplane.selector;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A label selector: the AND of {@link Requirement}s, as apimachinery's {@code labels.Selector}.
 *
 * <p>Three sources, with Kubernetes' conventions for "no selector":
 * <pre>
 *   source                              empty / absent input     meaning
 *   parse("app=web,tier!=db")           ""                       everything
 *   fromMatchLabels(service selector)   null or {}               everything  (labels.SelectorFromSet)
 *   from(fabric8 LabelSelector)         null                     nothing     (metav1.LabelSelectorAsSelector)
 *                                       {} (no labels/exprs)     everything
 * </pre>
 * A Service with an empty {@code spec.selector} has no selector at all (its Endpoints are managed by
 * hand); callers check that before turning the map into a selector, as the endpoints controller in
 * Kubernetes does.
 *
 * <p>{@link #requirements()} are sorted by key (ties by their text), so {@link #toString()} is a
 * canonical form: selectors that hold the same requirements print the same, and {@link #parse} reads
 * the text back. {@link #nothing()} prints as {@code ""} like Kubernetes' {@code labels.Nothing()};
 * check {@link #isNothing()} before translating {@code requirements()} into a query.
 *
 * <p>Immutable and thread-safe. Used by the api-server ({@code ?labelSelector=}), the informer
 * indexes and the controllers that select pods.
 */
public final class LabelSelector {

    private static final Comparator<Requirement> BY_KEY =
            Comparator.comparing(Requirement::key).thenComparing(Requirement::toString);

    private static final LabelSelector EVERYTHING = new LabelSelector(List.of(), false);
    private static final LabelSelector NOTHING = new LabelSelector(List.of(), true);

    private final List<Requirement> requirements;
    private final boolean nothing;

    private LabelSelector(List<Requirement> requirements, boolean nothing) {
        this.requirements = requirements;
        this.nothing = nothing;
    }

    /** @return the selector that matches every set of labels, including none */
    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /** @return the selector that matches no set of labels */
    public static LabelSelector nothing() {
        return NOTHING;
    }

    /**
     * @param requirements the requirements, all of which must hold
     * @return the selector; {@link #everything()} if there are none
     */
    public static LabelSelector of(Collection<Requirement> requirements) {
        if (requirements.isEmpty()) {
            return EVERYTHING;
        }
        List<Requirement> sorted = new ArrayList<>(requirements);
        sorted.sort(BY_KEY);
        return new LabelSelector(List.copyOf(sorted), false);
    }

    /**
     * Parses the selector syntax of {@code kubectl get -l} and {@code ?labelSelector=}, e.g.
     * {@code app=web,tier!=db,env in (prod,qa),track notin (canary),release,!legacy,gen>3}.
     * See {@link LabelSelectorParser} for the grammar.
     *
     * @param selector the selector text; blank selects everything
     * @return the selector
     * @throws SelectorParseException with apimachinery's message if the text is not a selector or a
     *     key or value is invalid
     */
    public static LabelSelector parse(String selector) {
        return of(new LabelSelectorParser(selector).parse());
    }

    /**
     * The selector {@code k1=v1,k2=v2,...} of a map such as a Service's {@code spec.selector} or a
     * ReplicationController's selector, as {@code labels.SelectorFromSet} (but validated).
     *
     * @param matchLabels the labels to match exactly; null or empty selects everything
     * @return the selector
     * @throws SelectorParseException if a key or value is not valid label syntax
     */
    public static LabelSelector fromMatchLabels(@Nullable Map<String, String> matchLabels) {
        if (matchLabels == null || matchLabels.isEmpty()) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>(matchLabels.size());
        matchLabels.forEach((key, value) -> requirements.add(Requirement.equal(key, value)));
        return of(requirements);
    }

    /**
     * The selector of a {@code metav1.LabelSelector} (Deployment {@code spec.selector}, and so on),
     * as {@code metav1.LabelSelectorAsSelector}: {@code matchLabels} and {@code matchExpressions}
     * with the operators {@code In}, {@code NotIn}, {@code Exists} and {@code DoesNotExist}.
     *
     * @param selector the API selector; null selects nothing, one without labels and expressions
     *     selects everything
     * @return the selector
     * @throws SelectorParseException if an operator is unknown, or a key, value or value count is
     *     invalid for its operator
     */
    public static LabelSelector from(io.fabric8.kubernetes.api.model.@Nullable LabelSelector selector) {
        if (selector == null) {
            return NOTHING;
        }
        Map<String, String> matchLabels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        var expressions = selector.getMatchExpressions() == null
                ? List.<io.fabric8.kubernetes.api.model.LabelSelectorRequirement>of()
                : selector.getMatchExpressions();
        List<Requirement> requirements = new ArrayList<>(matchLabels.size() + expressions.size());
        matchLabels.forEach((key, value) -> requirements.add(Requirement.equal(key, value)));
        for (var expression : expressions) {
            Operator operator = switch (String.valueOf(expression.getOperator())) {
                case "In" -> Operator.IN;
                case "NotIn" -> Operator.NOT_IN;
                case "Exists" -> Operator.EXISTS;
                case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
                default -> throw new SelectorParseException(
                        LabelSyntax.quote(String.valueOf(expression.getOperator()))
                                + " is not a valid label selector operator");
            };
            List<String> values = expression.getValues() == null ? List.of() : expression.getValues();
            requirements.add(new Requirement(String.valueOf(expression.getKey()), operator, values));
        }
        return of(requirements);
    }

    /**
     * @param labels the labels of an object (empty when it has none)
     * @return whether every requirement holds; always false for {@link #nothing()}
     */
    public boolean matches(Map<String, String> labels) {
        if (nothing) {
            return false;
        }
        for (Requirement requirement : requirements) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the requirements, sorted by key; empty for both {@link #everything()} and
     *     {@link #nothing()}, which {@link #isNothing()} tells apart
     */
    public List<Requirement> requirements() {
        return requirements;
    }

    /** @return whether this selector does not restrict the selection (it has no requirements) */
    public boolean isEverything() {
        return !nothing && requirements.isEmpty();
    }

    /** @return whether this selector matches nothing (a null {@code metav1.LabelSelector}) */
    public boolean isNothing() {
        return nothing;
    }

    /**
     * Whether the selector pins a key to a single value ({@code key=v} or {@code key in (v)}), so a
     * caller can answer from an index on that label instead of scanning, as
     * {@code Selector.RequiresExactMatch} is used in Kubernetes.
     *
     * @param key a label key
     * @return the one value the key must have, if the selector requires one
     */
    public Optional<String> requiresExactMatch(String key) {
        for (Requirement requirement : requirements) {
            if (requirement.key().equals(key)
                    && (requirement.op() == Operator.EQUALS || requirement.op() == Operator.IN)
                    && requirement.values().size() == 1) {
                return Optional.of(requirement.values().getFirst());
            }
        }
        return Optional.empty();
    }

    /**
     * @param more requirements to add
     * @return a selector that also requires {@code more}; {@link #nothing()} stays nothing
     */
    public LabelSelector and(Collection<Requirement> more) {
        if (nothing || more.isEmpty()) {
            return this;
        }
        List<Requirement> all = new ArrayList<>(requirements);
        all.addAll(more);
        return of(all);
    }

    /** @return the canonical text, e.g. {@code app=web,env in (prod,qa),!legacy}; {@code ""} selects everything */
    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof LabelSelector selector && nothing == selector.nothing
                && requirements.equals(selector.requirements);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requirements, nothing);
    }
}
