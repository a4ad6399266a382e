package dev.vigil.ingest.format.peers;

import java.nio.file.Path;

/** A collectd.conf that sends the contract's plugins to Vigil every second (same shape as infra/peers/collectd.conf). */
final class CollectdConfig {

    private CollectdConfig() {
    }

    static String forVigil(Path dir, String hostname, String url, String token) {
        return """
                Hostname "%1$s"
                FQDNLookup false
                Interval 1
                BaseDir "%2$s"
                PIDFile "%2$s/collectd.pid"
                PluginDir "/usr/lib/collectd"
                TypesDB "/usr/share/collectd/types.db"
                LoadPlugin cpu
                LoadPlugin memory
                LoadPlugin df
                LoadPlugin load
                LoadPlugin interface
                LoadPlugin swap
                <LoadPlugin write_http>
                  FlushInterval 1
                </LoadPlugin>
                <Plugin df>
                  ReportInodes true
                </Plugin>
                <Plugin write_http>
                  <Node "vigil">
                    URL "%3$s"
                    Header "Authorization: Bearer %4$s"
                    Format "JSON"
                    StoreRates false
                    BufferSize 65536
                  </Node>
                </Plugin>
                """.formatted(hostname, dir, url, token);
    }
}
