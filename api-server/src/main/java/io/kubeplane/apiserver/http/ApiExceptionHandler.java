package io.kubeplane.apiserver.http;

import io.kubeplane.apiserver.ui.ViewsController;
import io.kubeplane.model.KubernetesJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Answers every failure of the Kubernetes API with a {@code kind: Status} body; an unexpected
 * exception is logged and answered 500 InternalError, never with a stack trace.
 */
@RestControllerAdvice(assignableTypes = {ResourceController.class, DiscoveryController.class, ViewsController.class})
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<String> apiException(ApiException e) {
        return ResourceController.json(e.code(), KubernetesJson.write(e.status()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<String> methodNotSupported(HttpRequestMethodNotSupportedException e) {
        return apiException(ApiException.methodNotAllowed(e.getMessage()));
    }

    /** A query parameter missing or of the wrong type (the visualizer's views take typed parameters). */
    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    public ResponseEntity<String> badParameter(Exception e) {
        return apiException(ApiException.badRequest(e.getMessage()));
    }

    /** A client that went away (a watch closed, a connection dropped) is not a server error. */
    @ExceptionHandler(java.io.IOException.class)
    public @org.jspecify.annotations.Nullable ResponseEntity<String> clientGone(java.io.IOException e) {
        log.debug("client went away: {}", e.toString());
        return null;
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<String> unexpected(Exception e) {
        log.error("request failed", e);
        return apiException(ApiException.internal(e.getClass().getSimpleName()));
    }
}
