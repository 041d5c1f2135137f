package io.kubeplane.model.validation;

import static io.kubeplane.model.validation.FieldError.Type.INVALID;
import static io.kubeplane.model.validation.FieldError.Type.NOT_SUPPORTED;
import static io.kubeplane.model.validation.FieldError.Type.REQUIRED;
import static io.kubeplane.model.validation.Fixtures.changed;
import static io.kubeplane.model.validation.Fixtures.error;
import static io.kubeplane.model.validation.Fixtures.typesAndFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventValidatorTest {

    private final EventValidator validator = new EventValidator();

    @ParameterizedTest
    @MethodSource
    void create(Consumer<Event> change, List<Tuple> expected) {
        Event event = changed(Fixtures.event(), change);

        assertThat(typesAndFields(validator.validateCreate(event))).containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> create() {
        return Stream.of(
                row("a Normal event about a pod", e -> { }),
                row("a name with upper case and colons (any path segment)", e -> e.getMetadata().setName("Web-0:Scheduled")),
                row("a name with a slash", e -> e.getMetadata().setName("web/0"), error(INVALID, "metadata.name")),
                row("no involved kind or name", e -> {
                    e.getInvolvedObject().setKind(null);
                    e.getInvolvedObject().setName("");
                }, error(REQUIRED, "involvedObject.kind"), error(REQUIRED, "involvedObject.name")),
                row("an involved object in another namespace", e -> e.getInvolvedObject().setNamespace("kube-system"),
                        error(INVALID, "involvedObject.namespace")),
                row("an event about a node, in default", e -> {
                    e.getInvolvedObject().setKind("Node");
                    e.getInvolvedObject().setName("node-1");
                    e.getInvolvedObject().setNamespace(null);
                }),
                row("a reason of 129 characters", e -> e.setReason("R".repeat(129)), error(INVALID, "reason")),
                row("a message of 1025 characters", e -> e.setMessage("m".repeat(1025)), error(INVALID, "message")),
                row("type Error", e -> e.setType("Error"), error(NOT_SUPPORTED, "type")),
                row("no type", e -> e.setType(null)),
                row("a negative count", e -> e.setCount(-1), error(INVALID, "count")));
    }

    @Test
    void anEventKeepsWhatItIsAboutButCounts() {
        Event old = Fixtures.event();

        assertThat(validator.validateUpdate(changed(old, e -> {
            e.setCount(2);
            e.setLastTimestamp("2025-01-01T00:01:00Z");
        }), old)).isEmpty();
        assertThat(typesAndFields(validator.validateUpdate(changed(old, e -> {
            e.setReason("Killing");
            e.getInvolvedObject().setName("web-1");
        }), old))).containsExactlyInAnyOrder(error(INVALID, "involvedObject"), error(INVALID, "reason"));
    }

    @Test
    void longTextsAreNotRepeated() {
        Event event = changed(Fixtures.event(), e -> e.setReason("R".repeat(129)));

        assertThat(validator.validateCreate(event)).extracting(FieldError::message)
                .containsExactly("reason: Invalid value: \"\": can have at most 128 characters");
    }

    private static Arguments row(String situation, Consumer<Event> change, Tuple... expected) {
        return Fixtures.row(situation, change, expected);
    }
}
