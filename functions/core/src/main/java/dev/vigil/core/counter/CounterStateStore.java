package dev.vigil.core.counter;

import dev.vigil.core.db.Sql;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Loads a host's counter readings into a {@link CounterRates} and stores the new ones afterwards. */
@Singleton
public class CounterStateStore {

    private final ConnectionOperations<Connection> connections;
    private final TransactionOperations<Connection> transactions;

    public CounterStateStore(ConnectionOperations<Connection> connections, TransactionOperations<Connection> transactions) {
        this.connections = connections;
        this.transactions = transactions;
    }

    /** All stored readings of the host: a host reports hundreds of counters, not millions. */
    public CounterRates ratesFor(int hostId) {
        Map<String, CounterReading> readings = connections.executeRead(status -> {
            return Sql.call("could not read counter state", () -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(CounterSql.SELECT_FOR_HOST)) {
                    ps.setInt(1, hostId);
                    Map<String, CounterReading> byHash = new HashMap<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            byHash.put(rs.getString(1), new CounterReading(rs.getString(1), rs.getLong(2), rs.getDouble(3)));
                        }
                    }
                    return byHash;
                }
            });
        });
        return new CounterRates(readings);
    }

    /** Upserts in key order so concurrent writers for one host lock rows alike. */
    public void save(int hostId, Collection<CounterReading> readings) {
        if (readings.isEmpty()) {
            return;
        }
        List<CounterReading> rows = new ArrayList<>(readings);
        rows.sort(Comparator.comparing(CounterReading::seriesHash));
        transactions.executeWrite(status -> {
            return Sql.call("could not store counter state", () -> {
                for (int from = 0; from < rows.size(); from += CounterSql.ROWS_PER_STATEMENT) {
                    int to = Math.min(rows.size(), from + CounterSql.ROWS_PER_STATEMENT);
                    try (PreparedStatement ps = status.getConnection().prepareStatement(CounterSql.upsert(to - from))) {
                        int p = 1;
                        for (CounterReading r : rows.subList(from, to)) {
                            ps.setInt(p++, hostId);
                            ps.setString(p++, r.seriesHash());
                            ps.setLong(p++, r.ts());
                            ps.setDouble(p++, r.value());
                        }
                        ps.executeUpdate();
                    }
                }
                return null;
            });
        });
    }
}
