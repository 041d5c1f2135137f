package io.kubeplane.apiserver.http;

import java.util.function.BooleanSupplier;

/**
 * One check behind {@code /readyz}. Implementations are thread-safe and answer quickly.
 */
public interface ReadinessCheck {

    String name();

    boolean ready();

    static ReadinessCheck of(String name, BooleanSupplier ready) {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean ready() {
                return ready.getAsBoolean();
            }
        };
    }
}
