package io.kubeplane.apiserver.printing;

import static io.kubeplane.apiserver.printing.CellFormats.isEmpty;
import static io.kubeplane.apiserver.printing.CellFormats.text;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * {@code kubectl get events}: LAST SEEN TYPE REASON OBJECT MESSAGE, and SUBOBJECT SOURCE FIRST SEEN
 * COUNT NAME with {@code -o wide}, as {@code printEvent}.
 *
 * <p>FIRST SEEN is the age of {@code firstTimestamp}, else of {@code eventTime}; LAST SEEN of
 * {@code lastTimestamp}, else FIRST SEEN, and of the series' last observation for a series (whose
 * count then wins too). A singleton event written through the new API has no count: it counts 1.
 * OBJECT is {@code kind/name} in lower case. Stateless.
 */
final class EventPrinter extends TypedPrinter<Event> {

    static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.column("Last Seen", "string", FieldDescriptions.EVENT_LAST_TIMESTAMP),
            ColumnDefinition.column("Type", "string", FieldDescriptions.EVENT_TYPE),
            ColumnDefinition.column("Reason", "string", FieldDescriptions.EVENT_REASON),
            ColumnDefinition.column("Object", "string", FieldDescriptions.EVENT_INVOLVED_OBJECT),
            ColumnDefinition.wide("Subobject", "string", FieldDescriptions.EVENT_FIELD_PATH),
            ColumnDefinition.wide("Source", "string", FieldDescriptions.EVENT_SOURCE),
            ColumnDefinition.column("Message", "string", FieldDescriptions.EVENT_MESSAGE),
            ColumnDefinition.wide("First Seen", "string", FieldDescriptions.EVENT_FIRST_TIMESTAMP),
            ColumnDefinition.wide("Count", "string", FieldDescriptions.EVENT_COUNT),
            new ColumnDefinition("Name", "string", "name", FieldDescriptions.NAME, 1));

    EventPrinter() {
        super(Event.class);
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    TableRow print(Event event, Instant now) {
        String firstSeen = Timestamps.parse(event.getFirstTimestamp()) != null
                ? HumanDuration.since(event.getFirstTimestamp(), now)
                : HumanDuration.since(micro(event.getEventTime()), now);
        String lastSeen = Timestamps.parse(event.getLastTimestamp()) != null
                ? HumanDuration.since(event.getLastTimestamp(), now)
                : firstSeen;
        long count = CellFormats.number(event.getCount());
        if (event.getSeries() != null) {
            lastSeen = HumanDuration.since(micro(event.getSeries().getLastObservedTime()), now);
            count = CellFormats.number(event.getSeries().getCount());
        } else if (count == 0) {
            // Singleton events don't have a count set in the new API.
            count = 1;
        }
        ObjectReference involved = event.getInvolvedObject() == null ? new ObjectReference() : event.getInvolvedObject();
        return TableRow.of(lastSeen, text(event.getType()), text(event.getReason()), target(involved),
                text(involved.getFieldPath()), source(event), text(event.getMessage()).strip(), firstSeen, count,
                name(event));
    }

    private static String target(ObjectReference involved) {
        String kind = text(involved.getKind()).toLowerCase(Locale.ROOT);
        return isEmpty(involved.getName()) ? kind : kind + "/" + involved.getName();
    }

    /** {@code component, host}, falling back to the reporting controller and instance. */
    private static String source(Event event) {
        EventSource source = event.getSource() == null ? new EventSource() : event.getSource();
        String component = isEmpty(source.getComponent()) ? text(event.getReportingComponent()) : source.getComponent();
        String instance = isEmpty(source.getHost()) ? text(event.getReportingInstance()) : source.getHost();
        return instance.isEmpty() ? component : component + ", " + instance;
    }

    private static @Nullable String micro(@Nullable MicroTime time) {
        return time == null ? null : time.getTime();
    }
}
