package com.amends.platform;

import java.util.concurrent.Callable;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.ExtensionContext;
import org.jdbi.v3.core.extension.HandleSupplier;

/**
 * The handle a DAO call runs on: the one of the transaction this thread is in, or, outside any,
 * one opened for that call alone. That is what Jdbi's on-demand DAOs do, but they build the whole
 * DAO again for every call: a proxy and, for each of its methods, a handler with a copy of the
 * configuration. In a profile of the load benchmark that took about a fifth of the server's CPU.
 * A DAO attached once to this supplier is built once and serves every thread.
 */
final class ThreadHandle implements HandleSupplier {
    private final Jdbi jdbi;

    ThreadHandle(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Jdbi getJdbi() {
        return jdbi;
    }

    @Override
    public ConfigRegistry getConfig() {
        HandleSupplier bound = jdbi.getHandleScope().get();
        return bound == null ? jdbi.getConfig() : bound.getConfig();
    }

    @Override
    public Handle getHandle() {
        HandleSupplier bound = jdbi.getHandleScope().get();
        if (bound == null) {
            throw new IllegalStateException("A DAO statement ran outside the call that opens its handle");
        }
        return bound.getHandle();
    }

    @Override
    public <V> V invokeInContext(ExtensionContext context, Callable<V> task) throws Exception {
        HandleSupplier bound = jdbi.getHandleScope().get();
        if (bound != null) {
            return bound.invokeInContext(context, task);
        }
        // withHandle binds the handle it opens to this thread, so getHandle() finds it.
        return jdbi.withHandle(handle -> jdbi.getHandleScope().get().invokeInContext(context, task));
    }
}
