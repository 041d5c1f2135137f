package io.kubeplane.apiserver.openapi;

import io.kubeplane.apiserver.openapi.OpenApiDocuments.Document;
import io.kubeplane.model.ApiResources;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the OpenAPI documents as kube-apiserver's OpenAPI handlers do (kube-openapi
 * {@code handler} and {@code handler3}):
 * <ul>
 *   <li>{@code GET /openapi/v2}: by the {@code Accept} header, the gnostic protobuf kubectl asks for
 *       ({@code application/com.github.proto-openapi.spec.v2@v1.0+protobuf}, answered as
 *       {@code application/com.github.proto-openapi.spec.v2.v1.0+protobuf}) or JSON; 406 for
 *       anything else.
 *   <li>{@code GET /openapi/v3}: the index of group versions, each with its
 *       {@code serverRelativeURL} carrying the document's hash.
 *   <li>{@code GET /openapi/v3/api/v1}, {@code /openapi/v3/apis/<group>/<version>}: JSON. With
 *       {@code ?hash=} equal to the ETag, cacheable for a year ({@code Cache-Control: public,
 *       immutable}); with a stale hash, 301 to the current URL.
 * </ul>
 * Every answer has an {@code ETag}; a matching {@code If-None-Match} gets 304. Authentication is
 * the same bearer token as for the rest of the API, as in Kubernetes.
 *
 * <p>The documents are rendered once, when the controller is created. Thread-safe.
 */
@RestController
public class OpenApiController {

    static final String PROTOBUF_V2 = "com.github.proto-openapi.spec.v2.v1.0+protobuf";
    static final String PROTOBUF_V2_DEPRECATED = "com.github.proto-openapi.spec.v2@v1.0+protobuf";

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private static final Logger log = LoggerFactory.getLogger(OpenApiController.class);

    private final OpenApiDocuments documents;

    public OpenApiController(ApiResources resources) {
        long start = System.nanoTime();
        ClientJavaModelDocs docs = new ClientJavaModelDocs(OpenApiController.class.getClassLoader());
        if (!docs.available()) {
            log.warn("io.kubernetes:client-java-api is not on the class path: the OpenAPI documents have no field "
                     + "descriptions, and kubectl explain prints none");
        }
        this.documents = OpenApiDocuments.render(resources, docs);
        log.info("Rendered the OpenAPI v2 and v3 documents in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    @GetMapping("/openapi/v2")
    public void v2(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.addHeader("Vary", "Accept");
        for (MediaRange range : MediaRange.parse(request.getHeader("Accept"))) {
            if (range.matches("application", "json")) {
                send(request, response, "application/json", documents.v2Json());
                return;
            }
            if (range.matches("application", PROTOBUF_V2_DEPRECATED) || range.matches("application", PROTOBUF_V2)) {
                send(request, response, "application/" + PROTOBUF_V2, documents.v2Protobuf());
                return;
            }
        }
        response.setStatus(406);
    }

    @GetMapping("/openapi/v3")
    public void v3Index(HttpServletRequest request, HttpServletResponse response) throws IOException {
        send(request, response, "application/json", documents.v3Index());
    }

    @GetMapping("/openapi/v3/api/{version}")
    public void v3Core(@PathVariable String version, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        v3GroupVersion("api/" + version, request, response);
    }

    @GetMapping("/openapi/v3/apis/{group}/{version}")
    public void v3Group(@PathVariable String group, @PathVariable String version, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        v3GroupVersion("apis/" + group + "/" + version, request, response);
    }

    private void v3GroupVersion(String groupVersion, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.addHeader("Vary", "Accept");
        Optional<Document> document = documents.v3(groupVersion);
        if (document.isEmpty()) {
            response.setStatus(404);
            return;
        }
        if (MediaRange.parse(request.getHeader("Accept")).stream().noneMatch(r -> r.matches("application", "json"))) {
            response.setStatus(406);
            return;
        }
        String etag = document.get().etag();
        String hash = request.getParameter("hash");
        if (hash != null && !hash.isEmpty()) {
            if (!hash.equals(etag)) {
                response.setStatus(301);
                response.setHeader("Location", "/openapi/v3/" + groupVersion + "?hash=" + etag);
                return;
            }
            response.setHeader("Cache-Control", "public, immutable");
            response.setHeader("Expires", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC).plusYears(1)));
        }
        send(request, response, "application/json", document.get());
    }

    private static void send(HttpServletRequest request, HttpServletResponse response, String contentType,
            Document document) throws IOException {
        String etag = "\"" + document.etag() + "\"";
        response.setHeader("ETag", etag);
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.equals("*") || List.of(ifNoneMatch.split("\\s*,\\s*")).contains(etag))) {
            response.setStatus(304);
            return;
        }
        response.setStatus(200);
        response.setContentType(contentType);
        response.setContentLength(document.bytes().length);
        response.getOutputStream().write(document.bytes());
    }

    /**
     * One range of an {@code Accept} header, e.g. {@code application/json;q=0.9}. kube-openapi tries
     * the ranges by falling {@code q}, specific before wildcard, and serves the first it can.
     */
    record MediaRange(String type, String subtype, double q) {

        /** A missing or empty header accepts anything. */
        static List<MediaRange> parse(@Nullable String header) {
            List<MediaRange> ranges = new ArrayList<>();
            String value = header == null || header.isBlank() ? "*/*" : header;
            for (String part : value.split(",")) {
                String[] params = part.trim().split(";");
                String[] typeAndSubtype = params[0].trim().split("/", 2);
                if (typeAndSubtype.length != 2) {
                    continue;
                }
                double q = 1;
                for (int i = 1; i < params.length; i++) {
                    String[] param = params[i].trim().split("=", 2);
                    if (param.length == 2 && param[0].trim().equals("q")) {
                        try {
                            q = Double.parseDouble(param[1].trim());
                        } catch (NumberFormatException e) {
                            q = 0;
                        }
                    }
                }
                if (q > 0) {
                    ranges.add(new MediaRange(typeAndSubtype[0].trim(), typeAndSubtype[1].trim(), q));
                }
            }
            ranges.sort(Comparator.comparingDouble(MediaRange::q).reversed()
                    .thenComparing(r -> r.type().equals("*"))
                    .thenComparing(r -> r.subtype().equals("*")));
            return ranges;
        }

        boolean matches(String wantedType, String wantedSubtype) {
            return (type.equals("*") || type.equalsIgnoreCase(wantedType))
                   && (subtype.equals("*") || subtype.equalsIgnoreCase(wantedSubtype));
        }
    }
}
