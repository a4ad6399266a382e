package dev.vigil.notify.testing;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Counts statements sent to the server (a rewritten JDBC batch counts once: one round trip) from threads whose
 * name starts with {@link #threadPrefix}. Load does not change these counts, unlike timings. Enable with
 * {@code queryInterceptors=dev.vigil.notify.testing.StatementCounter} in the JDBC URL.
 */
public final class StatementCounter implements QueryInterceptor {

    public static volatile String threadPrefix = "notify-deliver";
    private static final AtomicLong COUNT = new AtomicLong();

    public static long count() {
        return COUNT.get();
    }

    @Override
    public QueryInterceptor init(MysqlConnection conn, Properties props, Log log) {
        return this;
    }

    @Override
    public <T extends Resultset> T preProcess(Supplier<String> sql, Query interceptedQuery) {
        if (Thread.currentThread().getName().startsWith(threadPrefix)) {
            COUNT.incrementAndGet();
        }
        return null;
    }

    @Override
    public boolean executeTopLevelOnly() {
        return true;
    }

    @Override
    public void destroy() {
    }

    @Override
    public <T extends Resultset> T postProcess(Supplier<String> sql, Query interceptedQuery, T originalResultSet, ServerSession serverSession) {
        return null;
    }
}
