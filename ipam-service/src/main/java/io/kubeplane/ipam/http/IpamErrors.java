package io.kubeplane.ipam.http;

import io.fabric8.kubernetes.api.model.Status;
import io.kubeplane.ipam.service.ServiceAllocationFailure;
import java.util.NoSuchElementException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns failures into Kubernetes {@code Status} bodies with the matching HTTP code. */
@RestControllerAdvice
public class IpamErrors {

    @ExceptionHandler(ServiceAllocationFailure.class)
    public ResponseEntity<Status> allocationFailed(ServiceAllocationFailure failure, jakarta.servlet.http.HttpServletRequest request) {
        String name = String.valueOf(request.getAttribute(ServiceAllocationController.SERVICE_NAME));
        return ResponseEntity.status(422).body(StatusResponses.invalid("Service", name, failure.errors()));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, IllegalArgumentException.class})
    public ResponseEntity<Status> badRequest(Exception e) {
        return ResponseEntity.status(400).body(StatusResponses.of(400, "BadRequest", e.getMessage()));
    }

    @ExceptionHandler(NoSuchElementException.class)
    public ResponseEntity<Status> notFound(NoSuchElementException e) {
        return ResponseEntity.status(404).body(StatusResponses.of(404, "NotFound", e.getMessage()));
    }
}
