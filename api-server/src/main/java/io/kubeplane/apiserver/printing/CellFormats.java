package io.kubeplane.apiserver.printing;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.kubeplane.selector.LabelSelector;
import io.kubeplane.selector.SelectorParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The small formatting rules the printers share: labels as {@code labels.FormatLabels}, selectors as
 * {@code metav1.LabelSelectorAsSelector(...).String()}, container names and images, and lists cut
 * after three entries with {@code + N more...}. Stateless.
 */
final class CellFormats {

    /** What a column shows when there is nothing to show. */
    static final String NONE = "<none>";

    private CellFormats() {
    }

    /** @return the text, or {@code ""} for an unset field, as Go's zero string */
    static String text(@Nullable String value) {
        return value == null ? "" : value;
    }

    /** @return the number, or 0 for an unset field, as Go's zero int */
    static int number(@Nullable Integer value) {
        return value == null ? 0 : value;
    }

    /** @return whether a {@code *bool} or {@code bool} field is set to true */
    static boolean isTrue(@Nullable Boolean value) {
        return Boolean.TRUE.equals(value);
    }

    static boolean isEmpty(@Nullable String value) {
        return value == null || value.isEmpty();
    }

    /** @return {@code a=1,b=2} with keys sorted, or {@code <none>}, as {@code labels.FormatLabels} */
    static String labels(@Nullable Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return NONE;
        }
        return new TreeMap<>(labels).entrySet().stream()
                .map(label -> label.getKey() + "=" + label.getValue())
                .collect(Collectors.joining(","));
    }

    /**
     * A {@code metav1.LabelSelector} as the Deployment printer shows it: {@code app=web,tier in (a,b)},
     * {@code ""} for no selector, {@code <invalid>} for one that does not parse.
     */
    static String selector(io.fabric8.kubernetes.api.model.@Nullable LabelSelector selector) {
        try {
            return LabelSelector.from(selector).toString();
        } catch (SelectorParseException ex) {
            return "<invalid>";
        }
    }

    /** @return the containers of a workload's pod template; none when it has no template */
    static List<Container> templateContainers(@Nullable PodTemplateSpec template) {
        return template == null || template.getSpec() == null ? List.of() : template.getSpec().getContainers();
    }

    /** @return the containers' names joined by commas, as {@code layoutContainerCells} */
    static String containerNames(List<Container> containers) {
        return containers.stream().map(c -> text(c.getName())).collect(Collectors.joining(","));
    }

    /** @return the containers' images joined by commas, as {@code layoutContainerCells} */
    static String containerImages(List<Container> containers) {
        return containers.stream().map(c -> text(c.getImage())).collect(Collectors.joining(","));
    }

    /**
     * The first entries joined by commas, then {@code " + N more..."} when {@code total} exceeds
     * them; {@code <unset>} when there are none, as {@code listWithMoreString}.
     *
     * @param shown at most {@code max} entries
     * @param total how many entries there are in all
     * @param max   how many entries a cell shows
     */
    static String listWithMore(List<String> shown, int total, int max) {
        String joined = String.join(",", shown);
        if (total > max) {
            return joined + " + " + (total - max) + " more...";
        }
        return joined.isEmpty() ? "<unset>" : joined;
    }
}
