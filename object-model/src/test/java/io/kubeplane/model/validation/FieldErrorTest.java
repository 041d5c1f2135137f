package io.kubeplane.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldErrorTest {

    @ParameterizedTest
    @MethodSource
    void message(FieldError error, String expected) {
        assertThat(error.message()).isEqualTo(expected);
        assertThat(error.message()).isEqualTo(error.field() + ": " + error.body());
    }

    static Stream<Arguments> message() {
        FieldPath port = FieldPath.of("spec").child("ports").index(0);
        return Stream.of(
                row("a number is printed bare", FieldError.invalid(port.child("port"), 0, "must be between 1 and 65535, inclusive"),
                        "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"),
                row("a required value shows no value", FieldError.required(FieldPath.of("metadata", "name"), "name or generateName is required"),
                        "metadata.name: Required value: name or generateName is required"),
                row("a required value without detail", FieldError.required(port.child("protocol"), ""),
                        "spec.ports[0].protocol: Required value"),
                row("unsupported values are quoted in the given order",
                        FieldError.notSupported(FieldPath.of("spec", "type"), "Foo", List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort")),
                        "spec.type: Unsupported value: \"Foo\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""),
                row("a forbidden field shows no value", FieldError.forbidden(port.child("nodePort"), "may not be used when `type` is 'ClusterIP'"),
                        "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"),
                row("a duplicate has no detail", FieldError.duplicate(port.child("name"), "http"),
                        "spec.ports[0].name: Duplicate value: \"http\""),
                row("too long shows the limit, not the value", FieldError.tooLong(FieldPath.of("metadata", "annotations"), 262144),
                        "metadata.annotations: Too long: must have at most 262144 bytes"),
                row("too many shows the count", FieldError.tooMany(FieldPath.of("endpoints"), 1001, 1000),
                        "endpoints: Too many: 1001: must have at most 1000 items"),
                row("too many without a count", FieldError.tooMany(FieldPath.of("endpoints"), -1, 1000),
                        "endpoints: Too many: must have at most 1000 items"),
                row("not found", FieldError.notFound(FieldPath.of("spec", "nodeName"), "node-9"),
                        "spec.nodeName: Not found: \"node-9\""),
                row("a null value prints as the quoted word null", FieldError.invalid(FieldPath.of("spec", "activeDeadlineSeconds"), null, "must not update from a positive integer to nil value"),
                        "spec.activeDeadlineSeconds: Invalid value: \"null\": must not update from a positive integer to nil value"),
                row("quotes and control characters are escaped as Go's %q does", FieldError.invalid(FieldPath.of("metadata", "name"), "a\"b\\c\n\u0001", "bad"),
                        "metadata.name: Invalid value: \"a\\\"b\\\\c\\n\\x01\": bad"),
                row("an int-or-string prints bare", FieldError.invalid(port.child("targetPort"), new IntOrString("http--x"), "bad"),
                        "spec.ports[0].targetPort: Invalid value: http--x: bad"),
                row("a string list prints as Go's %#v", FieldError.invalid(FieldPath.of("spec", "clusterIPs"), List.of("10.96.0.1", "10.96.0.2"), "bad"),
                        "spec.clusterIPs: Invalid value: []string{\"10.96.0.1\", \"10.96.0.2\"}: bad"),
                row("a string map prints sorted as Go's %#v", FieldError.invalid(FieldPath.of("spec", "template", "metadata", "labels"),
                                Map.of("tier", "front", "app", "web"), "`selector` does not match template `labels`"),
                        "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\", \"tier\":\"front\"}: "
                                + "`selector` does not match template `labels`"),
                row("an API object prints as JSON", FieldError.invalid(FieldPath.of("spec", "selector"),
                                new LabelSelectorBuilder().addToMatchLabels("app", "web").build(), "field is immutable"),
                        "spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"web\"}}: field is immutable"),
                row("a boolean prints bare", FieldError.invalid(FieldPath.of("spec", "paused"), true, "bad"),
                        "spec.paused: Invalid value: true: bad"));
    }

    @Test
    void typesCarryKubernetesReasons() {
        assertThat(Stream.of(FieldError.Type.values()).map(FieldError.Type::reason)).containsExactly(
                "FieldValueRequired", "FieldValueInvalid", "FieldValueNotSupported", "FieldValueDuplicate",
                "FieldValueForbidden", "FieldValueTooLong", "FieldValueTooMany", "FieldValueNotFound");
        assertThat(FieldError.Type.NOT_SUPPORTED.description()).isEqualTo("Unsupported value");
    }

    @Test
    void pathsAreWrittenAsKubernetesWritesThem() {
        assertThat(FieldPath.of("spec", "ports").index(0).child("targetPort")).hasToString("spec.ports[0].targetPort");
        assertThat(FieldPath.of("metadata").child("labels").key("app")).hasToString("metadata.labels[app]");
        assertThat(FieldPath.of("status").child("loadBalancer", "ingress").index(2).child("ip"))
                .hasToString("status.loadBalancer.ingress[2].ip");
        assertThat(FieldPath.of("spec")).isEqualTo(FieldPath.of("spec")).hasSameHashCodeAs(FieldPath.of("spec"));
    }

    private static Arguments row(String situation, FieldError error, String expected) {
        return Arguments.of(Named.of(situation, error), expected);
    }
}
