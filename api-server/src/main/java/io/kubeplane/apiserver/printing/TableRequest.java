package io.kubeplane.apiserver.printing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A request for a Table rather than the objects themselves, read from the {@code Accept} header as
 * kube-apiserver negotiates it. kubectl 1.32 sends:
 * <pre>
 *   application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json
 * </pre>
 * Accepted shapes, per comma-separated clause:
 * <pre>
 *   clause                                            outcome
 *   application/json;as=Table;g=meta.k8s.io;v=v1      a Table, apiVersion meta.k8s.io/v1
 *   application/json;as=Table;g=meta.k8s.io;v=v1beta1 a Table, apiVersion meta.k8s.io/v1beta1
 *   application/*, *&#47;* with the same parameters     the same
 *   application/json, application/yaml, *&#47;*, ...     plain objects: no Table
 *   as=PartialObjectMetadata(List);g=meta.k8s.io;v=…  no Table (another conversion)
 *   as=Table in another group or version, as=Foo      skipped, as the server cannot produce it
 *   a Table in YAML or protobuf, text/html, ...       skipped: kubeplane writes Tables in JSON only
 * </pre>
 * Clauses are tried by preference as {@code goautoneg} sorts them: higher {@code q} first, then
 * concrete types before wildcards, otherwise in the client's order; the first clause the server can
 * answer decides. Immutable.
 *
 * @param apiVersion    the Table's {@code apiVersion}: {@code meta.k8s.io/v1} or {@code meta.k8s.io/v1beta1}
 * @param includeObject what each row carries, from the {@code includeObject} query parameter
 */
public record TableRequest(String apiVersion, IncludeObject includeObject) {

    /** The Table's group. */
    public static final String GROUP = "meta.k8s.io";
    /** {@code meta.k8s.io/v1}, the Table version kubectl asks for first. */
    public static final String V1 = GROUP + "/v1";
    /** {@code meta.k8s.io/v1beta1}, which older clients ask for; the same shape as v1. */
    public static final String V1BETA1 = GROUP + "/v1beta1";

    private static final List<String> CONVERSIONS = List.of("Table", "PartialObjectMetadata", "PartialObjectMetadataList");
    private static final List<String> PLAIN_MEDIA_TYPES = List.of(
            "application/json", "application/yaml", "application/vnd.kubernetes.protobuf");

    /**
     * @param accept the {@code Accept} header; null or blank asks for plain JSON
     * @return the Table request, with {@link IncludeObject#METADATA}; empty if the client wants objects
     */
    public static Optional<TableRequest> parse(@Nullable String accept) {
        return parse(accept, null);
    }

    /**
     * @param accept        the {@code Accept} header; null or blank asks for plain JSON
     * @param includeObject the {@code includeObject} query parameter, or null when absent
     * @return the Table request; empty if the client wants objects
     * @throws InvalidTableOptionsException if a Table is asked for with an unknown {@code includeObject}
     *     (kube-apiserver checks it only then)
     */
    public static Optional<TableRequest> parse(@Nullable String accept, @Nullable String includeObject) {
        if (accept == null || accept.isBlank()) {
            return Optional.empty();
        }
        for (Clause clause : clauses(accept)) {
            @Nullable String conversion = clause.params().get("as");
            if (conversion == null) {
                if (clause.matchesAny(PLAIN_MEDIA_TYPES)) {
                    return Optional.empty();
                }
                continue;
            }
            if (!clause.matches("application/json") || !CONVERSIONS.contains(conversion)
                    || !GROUP.equals(clause.params().get("g"))) {
                continue;
            }
            String version = clause.params().getOrDefault("v", "");
            if (!version.equals("v1") && !version.equals("v1beta1")) {
                continue;
            }
            if (!conversion.equals("Table")) {
                return Optional.empty();
            }
            return Optional.of(new TableRequest(GROUP + "/" + version, IncludeObject.parse(includeObject)));
        }
        return Optional.empty();
    }

    /** The clauses of an Accept header, most preferred first. */
    private static List<Clause> clauses(String accept) {
        List<Clause> clauses = new ArrayList<>();
        for (String part : accept.split(",")) {
            String[] pieces = part.split(";");
            String[] range = pieces[0].strip().toLowerCase(Locale.ROOT).split("/", -1);
            String type = range[0].strip();
            String subtype;
            if (range.length == 1 && type.equals("*")) {
                subtype = "*";
            } else if (range.length == 2) {
                subtype = range[1].strip();
            } else {
                continue;
            }
            double q = 1.0;
            Map<String, String> params = new HashMap<>();
            for (int i = 1; i < pieces.length; i++) {
                String[] param = pieces[i].split("=", 2);
                if (param.length != 2) {
                    continue;
                }
                String key = param[0].strip();
                if (key.equals("q")) {
                    q = quality(param[1]);
                } else {
                    params.put(key, param[1].strip());
                }
            }
            clauses.add(new Clause(type, subtype, Map.copyOf(params), q));
        }
        // List.sort is stable: ties keep the client's order.
        clauses.sort(Comparator.comparingDouble(Clause::q).reversed()
                .thenComparing(clause -> clause.type().equals("*"))
                .thenComparing(clause -> clause.subtype().equals("*")));
        return clauses;
    }

    private static double quality(String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException ex) {
            // goautoneg ignores the parse error and keeps q=0.
            return 0;
        }
    }

    private record Clause(String type, String subtype, Map<String, String> params, double q) {

        /** Whether this media range covers the media type, e.g. {@code application/*} covers JSON. */
        boolean matches(String mediaType) {
            String[] parts = mediaType.split("/");
            return (type.equals("*") && subtype.equals("*"))
                    || (type.equals(parts[0]) && (subtype.equals("*") || subtype.equals(parts[1])));
        }

        boolean matchesAny(List<String> mediaTypes) {
            return mediaTypes.stream().anyMatch(this::matches);
        }
    }
}
