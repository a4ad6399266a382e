package dev.vigil.local.deploy;

import dev.vigil.core.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every query of the Grafana dashboard runs against Vigil's real schema on MySQL/MariaDB. */
class GrafanaDashboardTest {

    static final Path DASHBOARD = Path.of("../../infra/grafana/vigil-dashboard.json");

    @Test
    void everyPanelAndVariableQueryRunsOnTheMigratedSchema() throws Exception {
        Map<String, Object> props = new HashMap<>(TestDatabase.freshMysql());
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            DataSource ds = DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class));
            JsonNode dashboard = ctx.getBean(JsonMapper.class).readValue(Files.readString(DASHBOARD), JsonNode.class);
            List<String> queries = new ArrayList<>();
            for (JsonNode panel : dashboard.get("panels").values()) {
                for (JsonNode target : panel.get("targets").values()) {
                    queries.add(target.get("rawSql").getStringValue());
                }
            }
            for (JsonNode variable : dashboard.get("templating").get("list").values()) {
                queries.add(variable.get("query").getStringValue());
            }
            assertTrue(queries.size() >= 10, "panels found: " + queries.size());
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                for (String sql : queries) {
                    String expanded = sql.replace("$__unixEpochFrom()", "1763000000")
                            .replace("$__unixEpochTo()", "1763600000")
                            .replace("${host:sqlstring}", "'db-01','web-01'");
                    st.executeQuery(expanded).close();
                }
            }
        }
    }
}
