package io.kubeplane.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The protobuf wire format, checked byte by byte against what protoc-generated encoders write. */
class ProtoWriterTest {

    @Test
    void aStringIsTaggedAndLengthPrefixed() {
        assertThat(hex(new ProtoWriter().string(1, "2.0"))).isEqualTo("0a03322e30");
    }

    @Test
    void aLengthOver127TakesTwoVarintBytes() {
        byte[] bytes = new ProtoWriter().string(4, "x".repeat(300)).toByteArray();

        assertThat(HexFormat.of().formatHex(bytes, 0, 3)).isEqualTo("22ac02");
        assertThat(bytes).hasSize(303);
    }

    @Test
    void defaultsAreNotWrittenButAnEmptyMessageIs() {
        assertThat(hex(new ProtoWriter().string(1, "").bool(2, false))).isEmpty();
        assertThat(hex(new ProtoWriter().bool(20, true))).isEqualTo("a00101");
        assertThat(hex(new ProtoWriter().message(25, new ProtoWriter()))).isEqualTo("ca0100");
    }

    private static String hex(ProtoWriter writer) {
        return HexFormat.of().formatHex(writer.toByteArray());
    }
}
