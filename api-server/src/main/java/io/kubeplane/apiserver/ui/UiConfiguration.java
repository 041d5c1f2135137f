package io.kubeplane.apiserver.ui;

import io.kubeplane.apiserver.config.ApiServerProperties;
import java.time.Duration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The visualizer's beans: the views client, the traffic probe and the page headers. */
@Configuration(proxyBeanMethods = false)
public class UiConfiguration {

    @Bean
    ComponentViews componentViews(ApiServerProperties properties) {
        ApiServerProperties.Views views = properties.views();
        return new ComponentViews(views.dns(), views.endpoints(), views.nodes());
    }

    @Bean
    TrafficProbe trafficProbe() {
        return new TrafficProbe(Duration.ofSeconds(20));
    }

    @Bean
    FilterRegistrationBean<UiSecurityHeaders> uiSecurityHeaders() {
        FilterRegistrationBean<UiSecurityHeaders> registration = new FilterRegistrationBean<>(new UiSecurityHeaders());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/ui", "/ui/*");
        return registration;
    }
}
