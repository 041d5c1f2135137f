package io.kubeplane.apiserver.printing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TableRequestTest {

    private static final String KUBECTL = "application/json;as=Table;v=v1;g=meta.k8s.io,"
            + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    static Stream<Arguments> acceptHeaders() {
        return Stream.of(
                row("kubectl get", KUBECTL, Optional.of(TableRequest.V1)),
                row("kubectl get --raw style plain JSON", "application/json", Optional.empty()),
                row("no Accept header", "", Optional.empty()),
                row("anything", "*/*", Optional.empty()),
                row("an old client asking for v1beta1 only",
                        "application/json;as=Table;v=v1beta1;g=meta.k8s.io, application/json", Optional.of(TableRequest.V1BETA1)),
                row("parameters in another order, with spaces",
                        "application/json; g=meta.k8s.io; v=v1; as=Table", Optional.of(TableRequest.V1)),
                row("a wildcard media range with Table parameters",
                        "*/*;as=Table;v=v1;g=meta.k8s.io", Optional.of(TableRequest.V1)),
                row("a Table in a version that does not exist falls through to JSON",
                        "application/json;as=Table;v=v2;g=meta.k8s.io,application/json", Optional.empty()),
                row("a Table in another group falls through to the next Table",
                        "application/json;as=Table;v=v1;g=example.com,application/json;as=Table;v=v1beta1;g=meta.k8s.io",
                        Optional.of(TableRequest.V1BETA1)),
                row("a Table without a group is skipped", "application/json;as=Table;v=v1,application/json", Optional.empty()),
                row("PartialObjectMetadata is another conversion, not a Table",
                        "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json", Optional.empty()),
                row("a protobuf Table first falls through to the JSON Table",
                        "application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io," + KUBECTL, Optional.of(TableRequest.V1)),
                row("plain YAML preferred over a Table", "application/yaml," + KUBECTL, Optional.empty()),
                row("an unknown media type first is skipped", "text/html," + KUBECTL, Optional.of(TableRequest.V1)),
                row("plain JSON preferred by quality",
                        "application/json;as=Table;v=v1;g=meta.k8s.io;q=0.5,application/json", Optional.empty()),
                row("a Table preferred by quality",
                        "application/json;q=0.9,application/json;as=Table;v=v1;g=meta.k8s.io", Optional.of(TableRequest.V1)),
                row("a concrete Table preferred over a wildcard", "*/*,application/json;as=Table;v=v1;g=meta.k8s.io",
                        Optional.of(TableRequest.V1)),
                row("a watch stream without Table", "application/json;stream=watch", Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("acceptHeaders")
    void readsWhetherATableWasAskedFor(String accept, Optional<String> expectedVersion) {
        assertThat(TableRequest.parse(accept).map(TableRequest::apiVersion)).isEqualTo(expectedVersion);
    }

    static Stream<Arguments> includeObjectParameters() {
        return Stream.of(
                Arguments.of(Named.of("parameter left out", null), IncludeObject.METADATA),
                Arguments.of(Named.of("empty parameter", ""), IncludeObject.METADATA),
                Arguments.of(Named.of("Metadata", "Metadata"), IncludeObject.METADATA),
                Arguments.of(Named.of("Object", "Object"), IncludeObject.OBJECT),
                Arguments.of(Named.of("None", "None"), IncludeObject.NONE));
    }

    @ParameterizedTest
    @MethodSource("includeObjectParameters")
    void readsIncludeObject(String parameter, IncludeObject expected) {
        assertThat(TableRequest.parse(KUBECTL, parameter)).contains(new TableRequest(TableRequest.V1, expected));
    }

    @Test
    void rejectsAnUnknownIncludeObjectAsKubeApiserverDoes() {
        assertThatThrownBy(() -> TableRequest.parse(KUBECTL, "object"))
                .isInstanceOf(InvalidTableOptionsException.class)
                .hasMessage("Unable to convert to Table as requested: includeObject: Invalid value: \"object\": "
                        + "must be 'Metadata', 'Object', 'None', or empty");
    }

    @Test
    void ignoresIncludeObjectWhenNoTableIsAskedFor() {
        assertThat(TableRequest.parse("application/json", "bogus")).isEmpty();
    }

    private static Arguments row(String situation, String accept, Optional<String> expectedVersion) {
        return Arguments.of(Named.of(situation, accept), expectedVersion);
    }
}
