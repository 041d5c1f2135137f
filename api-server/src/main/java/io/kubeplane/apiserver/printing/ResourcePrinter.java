package io.kubeplane.apiserver.printing;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Prints objects of one kind as Table rows: the columns and cells of Kubernetes' printer for that
 * kind ({@code pkg/printers/internalversion/printers.go}), always in the wide form that
 * kube-apiserver sends.
 *
 * <p>Implementations are stateless and thread-safe. {@link PrinterRegistry} holds one per kind and
 * {@link TablePrinter} calls them.
 */
public interface ResourcePrinter {

    /** @return the column definitions, default columns first, wide-only columns with priority 1 */
    List<ColumnDefinition> columns();

    /**
     * @param object an object of this printer's kind, as the API stores it; never modified
     * @param now    the time of the request, against which ages are computed
     * @return one row with a cell per column
     */
    TableRow print(JsonNode object, Instant now);
}
