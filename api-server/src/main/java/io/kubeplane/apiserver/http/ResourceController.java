package io.kubeplane.apiserver.http;

import io.kubeplane.apiserver.ipam.IpamViews;
import io.kubeplane.apiserver.printing.InvalidTableOptionsException;
import io.kubeplane.apiserver.printing.TablePrinter;
import io.kubeplane.apiserver.printing.TableRequest;
import io.kubeplane.apiserver.registry.ObjectRules;
import io.kubeplane.apiserver.rest.CreateOperation;
import io.kubeplane.apiserver.rest.DeleteOperation;
import io.kubeplane.apiserver.rest.ReadOperation;
import io.kubeplane.apiserver.rest.BindingOperation;
import io.kubeplane.apiserver.rest.ScaleOperation;
import io.kubeplane.apiserver.rest.UpdateOperation;
import io.kubeplane.apiserver.rest.WriteOptions;
import io.kubeplane.apiserver.storage.StoredObject;
import io.kubeplane.apiserver.watch.SelectorWatchFilter;
import io.kubeplane.model.ApiResource;
import io.swagger.v3.oas.annotations.Hidden;
import io.kubeplane.model.ApiResources;
import io.kubeplane.model.KubernetesJson;
import io.kubeplane.selector.FieldRequirement;
import io.kubeplane.selector.FieldSelector;
import io.kubeplane.selector.LabelSelector;
import io.kubeplane.selector.SelectorParseException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every resource path of the Kubernetes API ({@code /api/v1/...}, {@code /apis/<group>/<version>/...})
 * and every verb on it: get, list, watch, create, update, patch, delete, deletecollection, and the
 * {@code status} subresource. Paths are taken apart by {@link ApiPath}; the work is done by the
 * operations of {@code io.kubeplane.apiserver.rest}. Thread-safe.
 */
@RestController
public class ResourceController {

    private static final Set<String> WATCH_TRUE = Set.of("true", "1");


    private final ApiResources resources;
    private final ObjectRules rules;
    private final CreateOperation creator;
    private final UpdateOperation updater;
    private final DeleteOperation deleter;
    private final ReadOperation reader;
    private final WatchStreamer watches;
    private final PatchBodies patches;
    private final ScaleOperation scales;
    private final BindingOperation bindings;
    private final Clock clock;
    private final IpamViews views;

    public ResourceController(ApiResources resources, ObjectRules rules, CreateOperation creator, UpdateOperation updater,
                              DeleteOperation deleter, ReadOperation reader, WatchStreamer watches, PatchBodies patches,
                              ScaleOperation scales, BindingOperation bindings, Clock clock, IpamViews views) {
        this.resources = resources;
        this.rules = rules;
        this.creator = creator;
        this.updater = updater;
        this.deleter = deleter;
        this.reader = reader;
        this.watches = watches;
        this.patches = patches;
        this.scales = scales;
        this.bindings = bindings;
        this.clock = clock;
        this.views = views;
    }

    @Hidden
    @RequestMapping({"/api/**", "/apis/**"})
    public @Nullable ResponseEntity<String> handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ApiPath path = ApiPath.parse(request.getRequestURI())
                .orElseThrow(() -> ApiException.notFound("the server could not find the requested resource"));
        Optional<ApiResource> view = views.resolve(path.group(), path.version(), path.resource());
        if (view.isPresent()) {
            return readView(view.get(), path, request);
        }
        ApiResource resource = resolve(path);
        String namespace = path.namespace() == null ? "" : path.namespace();
        String method = request.getMethod();
        WriteOptions options = writeOptions(request, response);
        if (path.isCollection()) {
            return switch (method) {
                case "GET" -> {
                    if (WATCH_TRUE.contains(String.valueOf(request.getParameter("watch")))) {
                        watch(resource, path, request, response);
                        yield null;
                    }
                    yield list(resource, path, request);
                }
                case "POST" -> {
                    if (resource.namespaced() && path.namespace() == null) {
                        throw ApiException.methodNotAllowed("POST is not supported on " + resource.groupResource()
                                                            + " across all namespaces; name a namespace");
                    }
                    yield json(201, KubernetesJson.write(creator.create(resource, namespace, RequestBodies.readObject(request),
                            options)));
                }
                case "DELETE" -> json(200, deleteCollection(resource, path, request));
                default -> throw ApiException.methodNotAllowed(method + " is not supported on a collection");
            };
        }
        String name = path.name();
        if ("scale".equals(path.subresource())) {
            return scale(resource, namespace, name, method, request, options);
        }
        if ("binding".equals(path.subresource())) {
            if (!method.equals("POST")) {
                throw ApiException.methodNotAllowed(method + " is not supported on the binding subresource");
            }
            return json(201, KubernetesJson.write(bindings.bind(namespace, name, RequestBodies.readObject(request), options)));
        }
        boolean status = "status".equals(path.subresource());
        return switch (method) {
            case "GET" -> {
                ObjectNode object = ObjectJson.canonical(reader.get(resource, namespace, name).json());
                Optional<TableRequest> table = tableRequest(request);
                yield json(200, KubernetesJson.write(table.isEmpty() ? object
                        : TablePrinter.forRequest(table.get()).renderObject(resource, object, table.get().includeObject(),
                                clock.instant())));
            }
            case "PUT" -> {
                UpdateOperation.Result result = updater.replace(resource, namespace, name, RequestBodies.readObject(request), status,
                        options);
                yield json(result.created() ? 201 : 200, KubernetesJson.write(result.object()));
            }
            case "PATCH" -> {
                JsonNode patch = RequestBodies.readTree(request);
                String mediaType = RequestBodies.mediaType(request.getContentType());
                if (mediaType.startsWith("application/apply-patch")) {
                    yield json(200, KubernetesJson.write(apply(resource, namespace, name, patch, status, request, options)));
                }
                yield json(200, KubernetesJson.write(updater.patch(resource, namespace, name, status,
                        current -> patches.apply(resource.apiVersion(), resource.kind(), mediaType, current, patch), options)));
            }
            case "DELETE" -> {
                if (status) {
                    throw ApiException.methodNotAllowed("DELETE is not supported on the status subresource");
                }
                DeleteOperation.Result result = deleter.delete(resource, namespace, name, DeleteOptionsReader.read(
                        RequestBodies.readOptionalObject(request), request::getParameter, options.dryRun()));
                // A pod given its grace period is 200, as kube-apiserver answers; waiting on finalizers is 202.
                yield json(result.outcome() == DeleteOperation.Outcome.FINALIZING ? 202 : 200,
                        KubernetesJson.write(result.object()));
            }
            default -> throw ApiException.methodNotAllowed(method + " is not supported on an object");
        };
    }

    /** ServiceCIDRs and IPAddresses: read-only, forwarded to ipam-service, printed here. */
    private ResponseEntity<String> readView(ApiResource resource, ApiPath path, HttpServletRequest request) {
        if (path.namespace() != null || path.subresource() != null) {
            throw ApiException.notFound("the server could not find the requested resource");
        }
        if (!request.getMethod().equals("GET") || WATCH_TRUE.contains(String.valueOf(request.getParameter("watch")))) {
            throw ApiException.methodNotAllowed(resource.groupResource() + " are a read-only view of ipam-service's "
                    + "allocations: only get and list are supported");
        }
        String json = views.read(resource, path.isCollection() ? null : path.name());
        Optional<TableRequest> table = tableRequest(request);
        if (table.isEmpty()) {
            return json(200, json);
        }
        TablePrinter printer = TablePrinter.forRequest(table.get());
        JsonNode body = KubernetesJson.JSON.readTree(json);
        if (!path.isCollection()) {
            return json(200, KubernetesJson.write(printer.renderObject(resource, body, table.get().includeObject(),
                    clock.instant())));
        }
        List<JsonNode> items = new ArrayList<>();
        body.path("items").forEach(items::add);
        return json(200, KubernetesJson.write(printer.render(resource, items, table.get().includeObject(), clock.instant(),
                body.path("metadata").path("resourceVersion").asString("0"), null)));
    }

    private ApiResource resolve(ApiPath path) {
        ApiResource resource = resources.byPath(path.group(), path.version(), path.resource())
                .orElseThrow(() -> ApiException.notFound("the server could not find the requested resource"));
        if (path.namespace() != null && !resource.namespaced()) {
            throw ApiException.notFound("the server could not find the requested resource");
        }
        if (resource.namespaced() && path.namespace() == null && path.name() != null) {
            throw ApiException.notFound("the server could not find the requested resource");
        }
        if (path.subresource() != null && !resource.subresources().contains(path.subresource())) {
            throw ApiException.notFound("the server could not find the requested resource");
        }
        return resource;
    }

    /** Server-side apply: {@code fieldManager} is required, {@code force} takes conflicting fields. */
    private ObjectNode apply(ApiResource resource, String namespace, String name, JsonNode patch, boolean status,
                             HttpServletRequest request, WriteOptions options) {
        if (request.getParameter("fieldManager") == null || request.getParameter("fieldManager").isEmpty()) {
            throw ApiException.of(422, "Invalid",
                    "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        }
        if (!(patch instanceof ObjectNode applied)) {
            throw ApiException.badRequest("an apply configuration must be an object");
        }
        String force = request.getParameter("force");
        if (force != null && !force.equals("true") && !force.equals("false")) {
            throw ApiException.badRequest("force: Invalid value: \"" + force + "\": must be true or false");
        }
        return updater.apply(resource, namespace, name, applied, "true".equals(force), status, options);
    }

    private ResponseEntity<String> scale(ApiResource resource, String namespace, String name, String method,
                                         HttpServletRequest request, WriteOptions options) {
        return switch (method) {
            case "GET" -> json(200, KubernetesJson.write(scales.get(resource, namespace, name)));
            case "PUT" -> {
                ObjectNode body = RequestBodies.readObject(request);
                yield json(200, KubernetesJson.write(scales.update(resource, namespace, name, current -> body, options)));
            }
            case "PATCH" -> {
                JsonNode patch = RequestBodies.readTree(request);
                String mediaType = RequestBodies.mediaType(request.getContentType());
                yield json(200, KubernetesJson.write(scales.update(resource, namespace, name,
                        current -> patches.apply("autoscaling/v1", "Scale", mediaType, current, patch), options)));
            }
            default -> throw ApiException.methodNotAllowed(method + " is not supported on the scale subresource");
        };
    }

    /**
     * The field manager a write is recorded under: {@code ?fieldManager=}, else the program name of
     * the user agent ({@code kubectl/v1.32.4 (linux/amd64) ...} gives {@code kubectl}), as
     * kube-apiserver derives it.
     */
    private static String fieldManager(HttpServletRequest request) {
        String given = request.getParameter("fieldManager");
        if (given != null && !given.isEmpty()) {
            if (given.length() > 128) {
                throw ApiException.of(422, "Invalid", "fieldManager: Too long: may not be more than 128 bytes");
            }
            return given;
        }
        String agent = request.getHeader("User-Agent");
        if (agent == null || agent.isBlank()) {
            return "unknown";
        }
        String program = agent.strip().split("[/ ]", 2)[0];
        return program.length() > 128 ? program.substring(0, 128) : program;
    }

    private static WriteOptions writeOptions(HttpServletRequest request, HttpServletResponse response) {
        String[] dryRun = request.getParameterValues("dryRun");
        boolean dry = false;
        if (dryRun != null) {
            for (String value : dryRun) {
                if (!value.equals("All")) {
                    throw ApiException.badRequest("dryRun: Unsupported value: \"" + value + "\": supported values: \"All\"");
                }
                dry = true;
            }
        }
        WriteOptions.FieldValidation validation;
        try {
            validation = WriteOptions.FieldValidation.parse(request.getParameter("fieldValidation"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        // Warnings go out as HTTP Warning headers, which kubectl prints as "Warning: ...".
        return new WriteOptions(dry, fieldManager(request), validation,
                warning -> response.addHeader("Warning", "299 - \"" + warning.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
    }

    private ResponseEntity<String> list(ApiResource resource, ApiPath path, HttpServletRequest request) {
        Optional<TableRequest> table = tableRequest(request);
        ReadOperation.ListResult result = reader.list(resource, path.namespace(), labels(request), fields(resource, request),
                intParameter(request, "limit"), request.getParameter("continue"));
        if (table.isPresent()) {
            List<JsonNode> objects = result.items().stream().<JsonNode>map(item -> ObjectJson.canonical(item.json())).toList();
            return json(200, KubernetesJson.write(TablePrinter.forRequest(table.get()).render(resource, objects,
                    table.get().includeObject(), clock.instant(), Long.toString(result.resourceVersion()),
                    result.continueToken())));
        }
        return json(200, ListResponses.render(resource, result));
    }

    /** Turns each watched object into a one-row Table; only the first carries the column definitions. */
    private WatchStreamer.ObjectRenderer tableRenderer(ApiResource resource, TableRequest table) {
        TablePrinter printer = TablePrinter.forRequest(table);
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        return json -> KubernetesJson.write(printer.renderWatchObject(resource, ObjectJson.canonical(json),
                table.includeObject(), clock.instant(), first.getAndSet(false)));
    }

    /** The Table kubectl asks for in its Accept header, if it asks for one. */
    private static Optional<TableRequest> tableRequest(HttpServletRequest request) {
        try {
            return TableRequest.parse(request.getHeader("Accept"), request.getParameter("includeObject"));
        } catch (InvalidTableOptionsException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private void watch(ApiResource resource, ApiPath path, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        LabelSelector labels = labels(request);
        FieldSelector fields = fields(resource, request);
        int timeoutSeconds = intParameter(request, "timeoutSeconds");
        Optional<TableRequest> table = tableRequest(request);
        WatchStreamer.Request watch = new WatchStreamer.Request(resource, path.namespace(),
                new SelectorWatchFilter(resource.groupResource(), path.namespace(), labels, fields), labels, fields,
                request.getParameter("resourceVersion"), timeoutSeconds > 0 ? Duration.ofSeconds(timeoutSeconds) : null,
                "true".equals(request.getParameter("allowWatchBookmarks")),
                table.map(t -> tableRenderer(resource, t)).orElse(null));
        if (WebSocketWatches.isUpgrade(request)) {
            WebSocketWatches.upgrade(request, response, watches, watch);
        } else {
            watches.stream(watch, response);
        }
    }

    private String deleteCollection(ApiResource resource, ApiPath path, HttpServletRequest request) {
        DeleteOperation.Options options = DeleteOptionsReader.read(RequestBodies.readOptionalObject(request),
                request::getParameter, request.getParameter("dryRun") != null);
        ReadOperation.ListResult matching = reader.list(resource, path.namespace(), labels(request),
                fields(resource, request), 0, null);
        List<ObjectNode> deleted = new ArrayList<>();
        for (StoredObject object : matching.items()) {
            try {
                deleted.add(deleter.delete(resource, object.key().namespace(), object.key().name(), options).object());
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        return ListResponses.render(resource, deleted, matching.resourceVersion());
    }

    private LabelSelector labels(HttpServletRequest request) {
        String selector = request.getParameter("labelSelector");
        try {
            return selector == null ? LabelSelector.everything() : LabelSelector.parse(selector);
        } catch (SelectorParseException e) {
            throw ApiException.badRequest("unable to parse requirement: " + e.getMessage());
        }
    }

    private FieldSelector fields(ApiResource resource, HttpServletRequest request) {
        String selector = request.getParameter("fieldSelector");
        if (selector == null) {
            return FieldSelector.everything();
        }
        FieldSelector parsed;
        try {
            parsed = FieldSelector.parse(selector);
        } catch (SelectorParseException e) {
            throw ApiException.badRequest("invalid field selector: " + e.getMessage());
        }
        List<String> supported = rules.strategy(resource).selectableFields();
        for (FieldRequirement requirement : parsed.requirements()) {
            String field = requirement.field();
            if (!field.equals("metadata.name") && !field.equals("metadata.namespace") && !supported.contains(field)) {
                throw ApiException.badRequest("field label not supported: " + field);
            }
        }
        return parsed;
    }

    private static int intParameter(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + ": Invalid value: \"" + value + "\": must be an integer");
        }
    }

    static ResponseEntity<String> json(int status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
