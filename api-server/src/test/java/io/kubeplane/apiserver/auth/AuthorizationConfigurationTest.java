package io.kubeplane.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;

/** The wiring: which bindings the property gives, and the filter's place after authentication. */
class AuthorizationConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class))
            .withUserConfiguration(AuthorizationConfiguration.class);

    @TempDir
    Path home;

    @Test
    void withoutTheFileOnlySystemMastersIsBound() {
        runner.run(context -> assertThat(context.getBean(RoleBindings.class)).isSameAs(RoleBindings.DEFAULT));
    }

    @Test
    void theFileNamedByThePropertyGivesTheBindings() throws IOException {
        Path file = Files.writeString(home.resolve("authorization.yaml"), "bindings: [{role: view, users: [viewer]}]\n");

        runner.withPropertyValues("kubeplane.api-server.authorization-file=" + file).run(context ->
                assertThat(context.getBean(RoleBindings.class).bindings()).containsExactly(
                        RoleBinding.groups(Role.CLUSTER_ADMIN, "system:masters"), RoleBinding.users(Role.VIEW, "viewer")));
    }

    @Test
    void theFilterRunsOnEveryPathRightAfterAuthentication() {
        runner.run(context -> {
            FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
            assertThat(registration.getFilter()).isInstanceOf(AuthorizationFilter.class);
            assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE + 20);
            assertThat(registration.getUrlPatterns()).containsExactly("/*");
        });
    }

    @Test
    void aMissingFileStopsStartupNamingTheProperty() {
        runner.withPropertyValues("kubeplane.api-server.authorization-file=" + home.resolve("missing.yaml")).run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("missing.yaml"));
        runner.withPropertyValues("kubeplane.api-server.authorization-file=" + home.resolve("missing.yaml")).run(context ->
                assertThat(context).getFailure().hasStackTraceContaining(
                        "cannot read the authorization file " + home.resolve("missing.yaml")
                        + " (kubeplane.api-server.authorization-file)"));
    }

    @Test
    void anInvalidFileStopsStartupWithItsProblems() throws IOException {
        Path file = Files.writeString(home.resolve("authorization.yaml"), "bindings: [{role: edit, users: [alice]}]\n");

        runner.withPropertyValues("kubeplane.api-server.authorization-file=" + file).run(context ->
                assertThat(context).getFailure().rootCause().isInstanceOf(InvalidAuthorizationFileException.class)
                        .hasMessage("authorization file " + file + " is invalid: bindings[0].namespaces: Required value: "
                                    + "an edit binding applies only in the namespaces it names"));
    }

    @Test
    void theAuthorizerIsABeanForOthersToAsk() {
        runner.run(context -> assertThat(context.getBean(Authorizer.class)).isInstanceOf(RoleAuthorizer.class));
    }
}
