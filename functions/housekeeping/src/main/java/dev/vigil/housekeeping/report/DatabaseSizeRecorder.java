package dev.vigil.housekeeping.report;

import dev.vigil.core.host.Host;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.host.SelfHost;
import dev.vigil.core.retention.DatabaseSize;
import dev.vigil.core.retention.DatabaseSizeReport;
import dev.vigil.core.retention.TableSize;
import dev.vigil.core.sample.Sample;
import dev.vigil.core.sample.SampleBatchWriter;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stores Vigil's own measurements as samples of host {@value SelfHost#NAME}, so the
 * default rules (DatabaseSizeLarge on mysql_database_size_bytes) alert on Vigil's own database, and
 * the series API can draw its growth. Internal writes go straight to the writer: no token involved.
 */
@Singleton
public class DatabaseSizeRecorder {

    public static final String DURATION_METRIC = "vigil_housekeeping_duration_seconds";

    private final DatabaseSizeReport report;
    private final HostRegistry hosts;
    private final SampleBatchWriter writer;

    public DatabaseSizeRecorder(DatabaseSizeReport report, HostRegistry hosts, SampleBatchWriter writer) {
        this.report = report;
        this.hosts = hosts;
        this.writer = writer;
    }

    /** Measures the database and stores the figures; returns what was measured. */
    public DatabaseSize measureAndStore() {
        DatabaseSize size = report.measure();
        List<Sample> samples = new ArrayList<>();
        long ts = size.measuredAt();
        samples.add(new Sample(DatabaseSizeReport.DATABASE_SIZE_METRIC, Map.of("schema", size.schema()), ts, size.totalBytes()));
        for (TableSize t : size.tables()) {
            samples.add(new Sample(DatabaseSizeReport.TABLE_SIZE_METRIC, Map.of("table", t.table()), ts, t.bytes()));
            samples.add(new Sample(DatabaseSizeReport.TABLE_ROWS_METRIC, Map.of("table", t.table()), ts, t.rows()));
        }
        writer.write(vigilHostId(), samples);
        return size;
    }

    /** How long a housekeeping task took, as a sample: {@code task} is "hourly" or "weekly-maintenance". */
    public void recordDuration(String task, long ts, double seconds) {
        writer.write(vigilHostId(), List.of(new Sample(DURATION_METRIC, Map.of("task", task), ts, seconds)));
    }

    private int vigilHostId() {
        Host host = hosts.findActive(SelfHost.NAME)
                .or(() -> hosts.register(SelfHost.NAME).map(HostRegistry.Registration::host))
                .orElseThrow(() -> new IllegalStateException("could not register host " + SelfHost.NAME));
        return host.id();
    }
}
