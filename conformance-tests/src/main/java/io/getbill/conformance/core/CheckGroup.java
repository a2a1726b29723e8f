package io.getbill.conformance.core;

/** A group of checks about one capability; it registers and runs its checks through {@link Checks#run}. */
public interface CheckGroup {

    String name();

    void run(KitContext context, Checks checks);
}
