package io.kubeplane.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubeplane.model.validation.FieldError;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The authorization file: what it binds, and the message for every way it can be wrong. */
class AuthorizationFileTest {

    private static final RoleBinding SYSTEM_MASTERS = RoleBinding.groups(Role.CLUSTER_ADMIN, "system:masters");

    @Test
    void theDocumentedExampleBindsAdminsViewersAndEditors() {
        RoleBindings bindings = AuthorizationFile.parse("""
                bindings:
                - role: cluster-admin
                  groups: [system:masters]
                - role: view
                  users: [viewer]
                - role: edit
                  users: [alice]
                  namespaces: [team-a, team-b]
                """, "authorization.yaml");

        assertThat(bindings.bindings()).containsExactly(
                SYSTEM_MASTERS,
                RoleBinding.users(Role.VIEW, "viewer"),
                new RoleBinding(Role.EDIT, List.of("alice"), List.of(), List.of("team-a", "team-b")));
    }

    @Test
    void aBindingMayNameUsersAndGroupsInBlockStyle() {
        RoleBindings bindings = AuthorizationFile.parse("""
                bindings:
                  - role: edit
                    users:
                      - alice
                    groups:
                      - team-a-devs
                    namespaces:
                      - team-a
                """, "authorization.yaml");

        assertThat(bindings.bindings()).containsExactly(SYSTEM_MASTERS,
                new RoleBinding(Role.EDIT, List.of("alice"), List.of("team-a-devs"), List.of("team-a")));
    }

    static Stream<Arguments> emptyFiles() {
        return Stream.of(
                Arguments.of(Named.of("an empty file", "")),
                Arguments.of(Named.of("only a comment", "# nobody yet\n")),
                Arguments.of(Named.of("an empty bindings list", "bindings: []\n")),
                Arguments.of(Named.of("a null bindings list", "bindings:\n")));
    }

    @ParameterizedTest
    @MethodSource("emptyFiles")
    void aFileWithoutBindingsLeavesOnlySystemMasters(String yaml) {
        assertThat(AuthorizationFile.parse(yaml, "authorization.yaml").bindings()).containsExactly(SYSTEM_MASTERS);
    }

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                invalid("an unknown role", """
                        bindings:
                        - role: admin
                          users: [alice]
                        """, "bindings[0].role: Unsupported value: \"admin\": supported values: \"cluster-admin\", "
                             + "\"view\", \"edit\""),
                invalid("a role that is not a string", """
                        bindings:
                        - role: [edit]
                          users: [alice]
                          namespaces: [team-a]
                        """, "bindings[0].role: Unsupported value: \"[\\\"edit\\\"]\": supported values: "
                             + "\"cluster-admin\", \"view\", \"edit\""),
                invalid("a binding without a role", """
                        bindings:
                        - users: [alice]
                        """, "bindings[0].role: Required value: one of cluster-admin, view, edit"),
                invalid("an edit binding without namespaces", """
                        bindings:
                        - role: view
                          users: [viewer]
                        - role: edit
                          users: [alice]
                        """, "bindings[1].namespaces: Required value: an edit binding applies only in the namespaces "
                             + "it names"),
                invalid("an edit binding with an empty namespace list", """
                        bindings:
                        - role: edit
                          users: [alice]
                          namespaces: []
                        """, "bindings[0].namespaces: Required value: an edit binding applies only in the namespaces "
                             + "it names"),
                invalid("a view binding limited to namespaces", """
                        bindings:
                        - role: view
                          users: [viewer]
                          namespaces: [team-a]
                        """, "bindings[0].namespaces: Forbidden: a view binding applies cluster-wide and takes no "
                             + "namespaces"),
                invalid("a binding that names nobody", """
                        bindings:
                        - role: view
                          users: []
                        """, "bindings[0].users: Required value: a binding names users, groups or both"),
                invalid("a misspelt key", """
                        bindings:
                        - role: view
                          user: [viewer]
                        """, "bindings[0].user: Forbidden: unknown field; a binding has role, users, groups and "
                             + "namespaces; bindings[0].users: Required value: a binding names users, groups or both"),
                invalid("an unknown top-level key", """
                        binding:
                        - role: view
                          users: [viewer]
                        """, "binding: Forbidden: unknown field; the file has only bindings"),
                invalid("users written as one string", """
                        bindings:
                        - role: view
                          users: viewer
                        """, "bindings[0].users: Invalid value: \"viewer\": must be a list, e.g. [viewer]"),
                invalid("a user name YAML reads as a number", """
                        bindings:
                        - role: view
                          users: [alice, 1234]
                        """, "bindings[0].users[1]: Invalid value: \"1234\": must be a non-empty string (quote it if "
                             + "YAML reads it as a number, boolean or null)"),
                invalid("a user named twice", """
                        bindings:
                        - role: view
                          users: [viewer, viewer]
                        """, "bindings[0].users[1]: Duplicate value: \"viewer\""),
                invalid("a namespace that is no namespace name", """
                        bindings:
                        - role: edit
                          users: [alice]
                          namespaces: [Team_A]
                        """, "bindings[0].namespaces[0]: Invalid value: \"Team_A\": a lowercase RFC 1123 label must "
                             + "consist of lower case alphanumeric characters or '-', and must start and end with an "
                             + "alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
                             + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"),
                invalid("a binding that is not a mapping", """
                        bindings:
                        - view
                        """, "bindings[0]: Invalid value: \"view\": must be a mapping of role, users, groups and "
                             + "namespaces"),
                invalid("bindings that are not a list", """
                        bindings:
                          role: view
                        """, "bindings: Invalid value: \"{\\\"role\\\":\\\"view\\\"}\": must be a list"),
                invalid("a list at the top", """
                        - role: view
                          users: [viewer]
                        """, null));
    }

    @ParameterizedTest
    @MethodSource("invalidFiles")
    void anInvalidFileIsRefusedWithEveryProblem(String yaml, String problems) {
        String expected = problems == null
                ? "authorization file authorization.yaml is invalid: it must be a mapping with a bindings list, "
                  + "e.g. \"bindings: [{role: view, users: [viewer]}]\""
                : "authorization file authorization.yaml is invalid: " + problems;

        assertThatThrownBy(() -> AuthorizationFile.parse(yaml, "authorization.yaml"))
                .isInstanceOf(InvalidAuthorizationFileException.class)
                .hasMessage(expected);
    }

    @Test
    void everyProblemIsReportedWithItsPath() {
        assertThatThrownBy(() -> AuthorizationFile.parse("""
                bindings:
                - role: admin
                  users: [alice]
                - role: view
                  users: [viewer]
                - role: edit
                  groups: [devs]
                """, "authorization.yaml"))
                .isInstanceOfSatisfying(InvalidAuthorizationFileException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("bindings[0].role", "bindings[2].namespaces"));
    }

    @Test
    void textThatIsNotYamlIsRefused() {
        assertThatThrownBy(() -> AuthorizationFile.parse("bindings: [\n", "authorization.yaml"))
                .isInstanceOf(InvalidAuthorizationFileException.class)
                .hasMessageStartingWith("authorization file authorization.yaml is not YAML: ");
    }

    private static Arguments invalid(String situation, String yaml, String problems) {
        return Arguments.of(Named.of(situation, yaml), problems);
    }
}
