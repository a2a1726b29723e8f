package io.getbill.conformance.core;

/**
 * A group of checks about one capability; it registers and runs its checks through {@link Checks#run}. The runner
 * announces its {@link #heading()} before {@link #run}.
 */
public interface CheckGroup {

    String name();

    /** The heading printed before the group's checks; its name unless it says more. */
    default String heading() {
        return name();
    }

    void run(KitContext context, Checks checks);
}
