package io.kubeplane.informer.impl;

import static io.kubeplane.informer.impl.TestObjects.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.kubeplane.events.TypedWatchEvent;
import io.kubeplane.events.WatchEventType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// One key, default/web; each step is an event type (or a tombstone) at a resourceVersion.
class ObjectTableTest {

    private static final String KEY = "default/web";

    /** One record: {@code type == null} is a tombstone. */
    record Step(@Nullable WatchEventType type, long resourceVersion) {
        @Override
        public String toString() {
            return type == null ? "tombstone" : type + "@" + resourceVersion;
        }
    }

    static Step added(long rv) {
        return new Step(WatchEventType.ADDED, rv);
    }

    static Step modified(long rv) {
        return new Step(WatchEventType.MODIFIED, rv);
    }

    static Step deleted(long rv) {
        return new Step(WatchEventType.DELETED, rv);
    }

    static Step tombstone() {
        return new Step(null, 0);
    }

    static Arguments rules(String situation, List<Step> steps, List<String> changes, @Nullable Long heldVersion) {
        return Arguments.of(Named.of(situation, steps), changes, heldVersion);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                rules("created", List.of(added(1)), List.of("Added@1"), 1L),
                rules("created then modified", List.of(added(1), modified(2)), List.of("Added@1", "Updated@2"), 2L),
                rules("duplicate is dropped", List.of(added(1), modified(2), modified(2)), List.of("Added@1", "Updated@2"), 2L),
                rules("older event is dropped", List.of(added(1), modified(3), modified(2)), List.of("Added@1", "Updated@3"), 3L),
                rules("versions may skip", List.of(modified(5), modified(9)), List.of("Added@5", "Updated@9"), 9L),
                rules("deleted", List.of(added(1), deleted(2)), List.of("Added@1", "Deleted@2"), null),
                rules("late older modification does not resurrect", List.of(added(1), deleted(3), modified(2)),
                        List.of("Added@1", "Deleted@3"), null),
                rules("redelivered add after delete does not resurrect", List.of(added(1), deleted(2), added(1)),
                        List.of("Added@1", "Deleted@2"), null),
                rules("recreated after delete with a newer version", List.of(added(1), deleted(2), added(5)),
                        List.of("Added@1", "Deleted@2", "Added@5"), 5L),
                rules("stale delete is dropped", List.of(added(1), modified(4), deleted(3)), List.of("Added@1", "Updated@4"), 4L),
                rules("delete of an unknown object is remembered", List.of(deleted(7), added(6)), List.of(), null),
                rules("tombstone removes", List.of(added(1), tombstone()), List.of("Added@1", "Deleted@1"), null),
                rules("tombstone of an unknown key is nothing", List.of(tombstone()), List.of(), null),
                rules("tombstone remembers the last version", List.of(added(3), tombstone(), modified(2)), List.of("Added@3", "Deleted@3"), null),
                rules("tombstone after delete is nothing", List.of(added(1), deleted(2), tombstone()), List.of("Added@1", "Deleted@2"), null));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void eventsApplyByResourceVersion(List<Step> steps, List<String> expectedChanges, @Nullable Long heldVersion) {
        ObjectTable<Service> table = new ObjectTable<>(100);
        List<String> changes = new ArrayList<>();

        for (Step step : steps) {
            Change<Service> change = table.apply(KEY, event(step));
            if (change != null) {
                changes.add(describe(change));
            }
        }

        assertThat(changes).containsExactlyElementsOf(expectedChanges);
        ObjectTable.Versioned<Service> held = table.get(KEY);
        assertThat(held == null ? null : held.resourceVersion()).isEqualTo(heldVersion);
    }

    @Test
    void onlyTheMostRecentDeletionsAreRemembered() {
        ObjectTable<Service> table = new ObjectTable<>(2);
        table.apply("default/a", event("default/a", deleted(10)));
        table.apply("default/b", event("default/b", deleted(11)));
        table.apply("default/c", event("default/c", deleted(12)));

        // a was forgotten: its late add comes back; b and c are still remembered.
        assertThat(table.apply("default/a", event("default/a", added(5)))).isNotNull();
        assertThat(table.apply("default/b", event("default/b", added(5)))).isNull();
        assertThat(table.apply("default/c", event("default/c", added(5)))).isNull();
    }

    @Test
    void deletedEventCarriesTheLastState() {
        ObjectTable<Service> table = new ObjectTable<>(10);
        table.apply(KEY, event(added(1)));

        Change<Service> change = table.apply(KEY, event(deleted(2)));

        assertThat(change).isInstanceOfSatisfying(Change.Deleted.class,
                d -> assertThat(((Service) d.lastObj()).getMetadata().getResourceVersion()).isEqualTo("2"));
    }

    @Test
    void differencesToAFreshTableAreAddsUpdatesAndDeletes() {
        ObjectTable<Service> before = table(service("default/kept", 1), service("default/changed", 2), service("default/gone", 3));
        ObjectTable<Service> after = table(service("default/kept", 1), service("default/changed", 4), service("default/new", 5));

        List<String> changes = before.changesTo(after).stream().map(ObjectTableTest::describe).sorted().toList();

        assertThat(changes).containsExactly("Added@5", "Deleted@3", "Updated@4");
    }

    @Test
    void sameVersionWithOtherContentIsAnUpdate() {
        // A replaced cluster numbers its writes from the start again.
        ObjectTable<Service> before = table(service("default/web", 7, "app=old"));
        ObjectTable<Service> after = table(service("default/web", 7, "app=new"));

        assertThat(before.changesTo(after)).singleElement().isInstanceOf(Change.Updated.class);
        assertThat(before.changesTo(table(service("default/web", 7, "app=old")))).isEmpty();
    }

    private static ObjectTable<Service> table(Service... services) {
        ObjectTable<Service> table = new ObjectTable<>(10);
        for (Service service : services) {
            long rv = Long.parseLong(service.getMetadata().getResourceVersion());
            table.apply(service.getMetadata().getNamespace() + "/" + service.getMetadata().getName(),
                    new TypedWatchEvent<>(WatchEventType.ADDED, rv, service));
        }
        return table;
    }

    private static @Nullable TypedWatchEvent<Service> event(Step step) {
        return event(KEY, step);
    }

    private static @Nullable TypedWatchEvent<Service> event(String key, Step step) {
        if (step.type() == null) {
            return null;
        }
        return new TypedWatchEvent<>(step.type(), step.resourceVersion(), service(key, step.resourceVersion()));
    }

    private static String describe(Change<Service> change) {
        return switch (change) {
            case Change.Added<Service> a -> "Added@" + a.obj().getMetadata().getResourceVersion();
            case Change.Updated<Service> u -> "Updated@" + u.newObj().getMetadata().getResourceVersion();
            case Change.Deleted<Service> d -> "Deleted@" + d.lastObj().getMetadata().getResourceVersion();
        };
    }
}
