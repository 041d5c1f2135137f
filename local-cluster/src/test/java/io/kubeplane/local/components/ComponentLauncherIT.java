package io.kubeplane.local.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubeplane.local.postgres.PostgresTarget;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@link ComponentLauncher} with real Spring applications, small ones without auto-configuration
 * or a web server: order, a failing start, a hanging start, and a component that stops by itself.
 */
class ComponentLauncherIT {

    private static final PostgresTarget STORE = new PostgresTarget("jdbc:postgresql://localhost:5432/kubeplane", "u", "p");

    static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    static volatile CountDownLatch release = new CountDownLatch(1);
    static final AtomicReference<ConfigurableApplicationContext> LAST = new AtomicReference<>();

    private final List<String> unexpected = new CopyOnWriteArrayList<>();

    @BeforeEach
    void reset() {
        EVENTS.clear();
        release = new CountDownLatch(1);
    }

    @AfterEach
    void releaseHangingStarts() {
        release.countDown();
    }

    @Test
    void startsInOrderAndStopsInReverse() {
        ComponentLauncher launcher = new ComponentLauncher(Duration.ofSeconds(30), STORE, unexpected::add);

        List<ComponentLauncher.Started> started = launcher.start(List.of(component("first", Healthy.class),
                component("second", Healthy.class)));
        launcher.close();

        assertThat(started).extracting(s -> s.component().name()).containsExactly("first", "second");
        assertThat(EVENTS).containsExactly("started first", "started second", "stopped second", "stopped first");
        assertThat(unexpected).isEmpty();
    }

    @Test
    void aFailingComponentStopsTheOnesStartedAndNamesItsCause() {
        ComponentLauncher launcher = new ComponentLauncher(Duration.ofSeconds(30), STORE, unexpected::add);

        assertThatThrownBy(() -> launcher.start(List.of(component("first", Healthy.class), component("broken", Failing.class),
                component("never", Healthy.class))))
                .isInstanceOf(ComponentStartException.class)
                .hasMessage("broken failed to start: the store is on fire")
                .extracting(e -> ((ComponentStartException) e).component()).isEqualTo("broken");
        assertThat(EVENTS).containsExactly("started first", "stopped first");
        assertThat(unexpected).isEmpty();
    }

    @Test
    void aHangingComponentIsGivenUpAfterTheTimeout() {
        ComponentLauncher launcher = new ComponentLauncher(Duration.ofSeconds(1), STORE, unexpected::add);
        long begin = System.nanoTime();

        assertThatThrownBy(() -> launcher.start(List.of(component("first", Healthy.class), component("stuck", Hanging.class))))
                .isInstanceOf(ComponentStartException.class)
                .hasMessageStartingWith("stuck did not start within 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(20));
        assertThat(EVENTS).containsExactly("started first", "stopped first");
    }

    @Test
    void aComponentThatStopsByItselfIsReported() {
        ComponentLauncher launcher = new ComponentLauncher(Duration.ofSeconds(30), STORE, unexpected::add);
        launcher.start(List.of(component("first", Healthy.class), component("fragile", Healthy.class)));

        LAST.get().close();

        assertThat(unexpected).containsExactly("fragile");
        assertThat(launcher.allRunning()).isFalse();
        launcher.close();
        assertThat(unexpected).containsExactly("fragile");
    }

    private static Component component(String name, Class<?> configuration) {
        return new Component(name, () -> new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
                .properties("spring.config.name=launcher-fixture"), 0,
                List.of("--fixture.name=" + name, "--spring.main.banner-mode=off",
                        "--spring.main.register-shutdown-hook=false"));
    }

    @Configuration(proxyBeanMethods = false)
    static class Healthy {

        @Bean
        ApplicationRunner announce(Environment environment, ConfigurableApplicationContext context) {
            return args -> {
                LAST.set(context);
                EVENTS.add("started " + environment.getProperty("fixture.name"));
            };
        }

        @Bean
        DisposableBean farewell(Environment environment) {
            return () -> EVENTS.add("stopped " + environment.getProperty("fixture.name"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Failing {

        @Bean
        ApplicationRunner fail() {
            return args -> {
                throw new IllegalStateException("the store is on fire");
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Hanging {

        @Bean
        ApplicationRunner hang() {
            return args -> release.await(60, TimeUnit.SECONDS);
        }
    }
}
