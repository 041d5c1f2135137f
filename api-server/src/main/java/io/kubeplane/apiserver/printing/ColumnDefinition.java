package io.kubeplane.apiserver.printing;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One column of a Table, as {@code metav1.TableColumnDefinition}.
 *
 * <p>kube-apiserver prints every column (it calls its printers with {@code Wide: true}); kubectl
 * hides those with a priority above 0 unless asked for {@code -o wide}. Immutable.
 *
 * @param name        the column header as Kubernetes spells it; kubectl upper-cases it, e.g.
 *                    {@code Cluster-IP} shows as {@code CLUSTER-IP}
 * @param type        the OpenAPI type: {@code string}, {@code integer}, ...
 * @param format      {@code name} for the column naming the object, otherwise empty
 * @param description the field documentation Kubernetes sends
 * @param priority    0 for default columns, 1 for wide-only columns
 */
public record ColumnDefinition(String name, String type, String format, String description, int priority) {

    /** The {@code Name} column most printers start with. */
    static final ColumnDefinition NAME = new ColumnDefinition("Name", "string", "name", FieldDescriptions.NAME, 0);

    /** The {@code Age} column: the time since {@code metadata.creationTimestamp}. */
    static final ColumnDefinition AGE = column("Age", "string", FieldDescriptions.CREATION_TIMESTAMP);

    /** @return a column kubectl always shows */
    static ColumnDefinition column(String name, String type, String description) {
        return new ColumnDefinition(name, type, "", description, 0);
    }

    /** @return a column kubectl shows only with {@code -o wide} */
    static ColumnDefinition wide(String name, String type, String description) {
        return new ColumnDefinition(name, type, "", description, 1);
    }

    /** @return the JSON form, with every field present as Kubernetes writes it */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("name", name);
        json.put("type", type);
        json.put("format", format);
        json.put("description", description);
        json.put("priority", priority);
        return json;
    }
}
