package io.kubeplane.local.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCredentialsTest {

    @Test
    void generatesA32ByteHexTokenOnceAndKeepsIt(@TempDir Path home) throws IOException {
        Path tokens = home.resolve("tokens.csv");

        AdminCredentials first = AdminCredentials.ensure(tokens);
        AdminCredentials second = AdminCredentials.ensure(tokens);

        assertThat(first.token()).matches("[0-9a-f]{64}");
        assertThat(second).isEqualTo(first);
        assertThat(Files.readAllLines(tokens)).filteredOn(line -> !line.startsWith("#")).singleElement()
                .asString().matches(first.token() + ",kubeplane-admin,[0-9a-f-]{36},\"system:masters\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens))).isEqualTo("rw-------");
    }

    @Test
    void addsTheAdminToAFileWithOtherUsersAndKeepsThem(@TempDir Path home) throws IOException {
        Path tokens = home.resolve("tokens.csv");
        Files.writeString(tokens, "alice-token,alice,uid-1,\"dev\"");

        AdminCredentials admin = AdminCredentials.ensure(tokens);

        assertThat(Files.readAllLines(tokens)).hasSize(2)
                .first().isEqualTo("alice-token,alice,uid-1,\"dev\"");
        assertThat(AdminCredentials.findToken(Files.readString(tokens))).contains(admin.token());
    }

    @Test
    void findsTheAdminLineAmongCommentsAndQuotedFields() {
        String file = """
                # tokens
                alice-token,alice,uid-1

                "admin-token","kubeplane-admin","uid-2","system:masters"
                """;

        assertThat(AdminCredentials.findToken(file)).contains("admin-token");
        assertThat(AdminCredentials.findToken("alice-token,alice,uid-1\n")).isEmpty();
    }

    @Test
    void doesNotShowTheTokenInToString() {
        assertThat(new AdminCredentials("s3cr3t").toString()).doesNotContain("s3cr3t");
    }
}
