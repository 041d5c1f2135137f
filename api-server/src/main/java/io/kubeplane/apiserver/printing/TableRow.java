package io.kubeplane.apiserver.printing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The cells one printer made for one object, as {@code metav1.TableRow} without its object (which
 * {@link TablePrinter} adds according to {@code includeObject}).
 *
 * <p>Cells are {@link String}s or {@link Long}s, in the order of the printer's
 * {@link ResourcePrinter#columns()}; a {@code Long} is written as a JSON number, as Kubernetes writes
 * the {@code int64} cells of e.g. a Deployment's {@code UP-TO-DATE}. Immutable.
 *
 * @param cells      the cell values
 * @param conditions row conditions, e.g. {@code Completed} for a pod that has finished
 */
public record TableRow(List<Object> cells, List<TableRowCondition> conditions) {

    public TableRow {
        for (Object cell : cells) {
            if (!(cell instanceof String) && !(cell instanceof Long)) {
                throw new IllegalArgumentException("a cell is a String or a Long, not " + cell.getClass().getName());
            }
        }
        cells = List.copyOf(cells);
        conditions = List.copyOf(conditions);
    }

    /** @return a row without conditions */
    public static TableRow of(Object... cells) {
        return new TableRow(Arrays.asList(Objects.requireNonNull(cells)), List.of());
    }

    /** @return this row with one more condition */
    public TableRow withCondition(TableRowCondition condition) {
        List<TableRowCondition> more = new ArrayList<>(conditions);
        more.add(condition);
        return new TableRow(cells, more);
    }
}
