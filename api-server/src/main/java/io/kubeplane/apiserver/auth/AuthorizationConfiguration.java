package io.kubeplane.apiserver.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Wires authorization: the bindings from {@code kubeplane.api-server.authorization-file} (a YAML
 * file, see {@link AuthorizationFile}; when unset, only {@code system:masters} is bound, to
 * cluster-admin), the {@link RoleAuthorizer} and the {@link AuthorizationFilter} on every path,
 * right after authentication (which is at {@code Ordered.HIGHEST_PRECEDENCE + 10}). The file is read
 * once, at startup, as the token file is; one that cannot be read or is invalid stops the
 * api-server from starting.
 */
@Configuration(proxyBeanMethods = false)
public class AuthorizationConfiguration {

    /** The property naming the authorization file. */
    public static final String FILE_PROPERTY = "kubeplane.api-server.authorization-file";

    private static final Logger log = LoggerFactory.getLogger(AuthorizationConfiguration.class);

    @Bean
    RoleBindings roleBindings(@Value("${" + FILE_PROPERTY + ":}") String file) {
        if (file.isBlank()) {
            log.info("authorization: no {}; group {} is cluster-admin, nobody else is bound", FILE_PROPERTY,
                    RoleBindings.SYSTEM_MASTERS);
            return RoleBindings.DEFAULT;
        }
        Path path = Path.of(file.strip());
        RoleBindings bindings;
        try {
            bindings = AuthorizationFile.read(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the authorization file " + path + " (" + FILE_PROPERTY + ")", e);
        }
        log.info("authorization: bindings from {}: {}", path, bindings.bindings());
        return bindings;
    }

    @Bean
    Authorizer authorizer(RoleBindings bindings) {
        return new RoleAuthorizer(bindings);
    }

    @Bean
    FilterRegistrationBean<AuthorizationFilter> authorizationFilter(Authorizer authorizer) {
        FilterRegistrationBean<AuthorizationFilter> registration =
                new FilterRegistrationBean<>(new AuthorizationFilter(new RequestAttributesResolver(), authorizer));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
