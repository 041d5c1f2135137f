package io.kubeplane.proxy.rules;

import io.kubeplane.proxy.desired.ProxyState;

/**
 * The texts one kernel data plane ({@code io.kubeplane.proxy.kernel}) applies, as its renderer
 * writes them: everything for a state, the changes from one state to the next, and what removes
 * it all. Pure: implementations render, never apply. Thread-safe when the renderer is.
 */
public interface RuleTexts {

    /** The whole ruleset for {@code state}, applied as one transaction on a full sync. */
    String full(ProxyState state);

    /** What turns the rules of {@code previous} into those of {@code current}; blank for no change. */
    String changes(ProxyState previous, ProxyState current);

    /** What removes every rule, chain, set or table the full text creates. */
    String cleanup();
}
