package dev.vigil.ingest.sample;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts statements executed (and commits) through the default data source, for the ingest benches:
 * a count of work that machine load does not change. Only with {@code bench.count-statements=true}.
 */
@Singleton
@Requires(property = "bench.count-statements", value = "true")
class StatementCounter implements BeanCreatedEventListener<DataSource>, Ordered {

    static final AtomicLong STATEMENTS = new AtomicLong();
    static final AtomicLong COMMITS = new AtomicLong();

    /** First of the listeners: it must wrap the pool itself, under Micronaut Data's contextual data source. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        DataSource target = event.getBean();
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection c ? wrap(c, Connection.class) : result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T wrap(T target, Class<T> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("unwrap") || name.equals("isWrapperFor")) {
                return invoke(target, method, args);
            }
            if (name.startsWith("execute") && target instanceof Statement) {
                STATEMENTS.incrementAndGet();
            }
            if (name.equals("commit")) {
                COMMITS.incrementAndGet();
            }
            Object result = invoke(target, method, args);
            if (result instanceof java.sql.PreparedStatement ps) {
                return wrap(ps, java.sql.PreparedStatement.class);
            }
            if (result instanceof Statement s && !(result instanceof java.sql.PreparedStatement)) {
                return wrap(s, Statement.class);
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, handler);
    }

    static long[] snapshot() {
        return new long[]{STATEMENTS.get(), COMMITS.get()};
    }
}
