package io.kubeplane.local.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.local.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigWriterTest {

    private static final byte[] CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void rendersOneClusterUserAndContextLikeKubeadmDoes() throws IOException {
        String kubeconfig = KubeconfigWriter.render("https://127.0.0.1:6443", CA, "0123abcd");

        assertThat(kubeconfig).isEqualTo(Golden.read("kubeconfig.yaml"));
    }

    @Test
    void quotesTheTokenSoThatDigitsStayAString() {
        assertThat(KubeconfigWriter.render("https://127.0.0.1:6443", CA, "0123456789"))
                .contains("    token: \"0123456789\"\n");
    }

    @Test
    void writesTheFileForItsOwnerOnlyAndReplacesAnOldOne(@TempDir Path home) throws IOException {
        Path file = home.resolve("kubeconfig");
        Files.writeString(file, "old");

        KubeconfigWriter.write(file, "https://127.0.0.1:6443", CA, "0123abcd");

        assertThat(Files.readString(file)).isEqualTo(KubeconfigWriter.render("https://127.0.0.1:6443", CA, "0123abcd"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(home.toFile().list()).containsExactly("kubeconfig");
    }
}
