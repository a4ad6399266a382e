package dev.vigil.agent.mysql;

import dev.vigil.agent.sample.Sample;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Replication figures from captured SHOW REPLICA STATUS / SHOW SLAVE STATUS rows. */
class ReplicaStatusTest {

    /** Columns as `SHOW REPLICA STATUS\G` prints them on MySQL 8.0.32 (an excerpt; the rest do not matter). */
    private static final String MYSQL_8_HEALTHY = """
                         Replica_IO_State: Waiting for source to send event
                              Source_Host: db-01
                              Source_Port: 3306
                       Replica_IO_Running: Yes
                      Replica_SQL_Running: Yes
                               Last_Errno: 0
                    Seconds_Behind_Source: 42
                            Last_IO_Error:\s
            """;

    /** MariaDB 10.11's `SHOW REPLICA STATUS\G` after the SQL thread stopped on an error (it keeps the old names). */
    private static final String MARIADB_SQL_STOPPED = """
                           Slave_IO_State: Waiting for master to send event
                              Master_Host: db-01
                         Slave_IO_Running: Yes
                        Slave_SQL_Running: No
                               Last_Errno: 1062
                               Last_Error: Error 'Duplicate entry '1' for key 'PRIMARY'' on query
                    Seconds_Behind_Master: NULL
            """;

    private static Map<String, String> row(String captured) {
        Map<String, String> row = new LinkedHashMap<>();
        captured.lines().filter(l -> l.contains(":")).forEach(l -> {
            String[] kv = l.split(":", 2);
            String v = kv[1].trim();
            row.put(kv[0].trim(), v.equals("NULL") ? null : v);
        });
        return row;
    }

    @Test
    void healthyReplicaOnTheNewNames() {
        ReplicaStatus r = ReplicaStatus.parse(row(MYSQL_8_HEALTHY));
        assertEquals(new ReplicaStatus(true, true, 42L), r);
        assertEquals(List.of(Sample.of("mysql_replication_running", 9, 1), Sample.of("mysql_replication_lag_seconds", 9, 42)),
                ReplicaStatus.samples(List.of(r), 9));
    }

    @Test
    void stoppedSqlThreadOnTheOldNamesIsNotRunningWithUnknownLag() {
        ReplicaStatus r = ReplicaStatus.parse(row(MARIADB_SQL_STOPPED));
        assertEquals(new ReplicaStatus(true, false, null), r);
        assertEquals(List.of(Sample.of("mysql_replication_running", 9, 0)), ReplicaStatus.samples(List.of(r), 9));
    }

    @Test
    void aServerThatIsNoReplicaSendsNothing() {
        assertEquals(List.of(), ReplicaStatus.samples(List.of(), 9));
    }

    @Test
    void severalChannelsRunOnlyWhenAllRunAndLagIsTheWorst() {
        Map<String, String> other = new HashMap<>(row(MYSQL_8_HEALTHY));
        other.put("Seconds_Behind_Source", "310");
        List<ReplicaStatus> channels = List.of(ReplicaStatus.parse(row(MYSQL_8_HEALTHY)), ReplicaStatus.parse(other),
                ReplicaStatus.parse(row(MARIADB_SQL_STOPPED)));
        assertEquals(List.of(Sample.of("mysql_replication_running", 9, 0), Sample.of("mysql_replication_lag_seconds", 9, 310)),
                ReplicaStatus.samples(channels, 9));
    }
}
