package dev.vigil.agent.mysql;

import java.util.List;

/** A database to watch, reached with a read-only user. Empty schemas means every user schema. */
public record MysqlSettings(String url, String user, String password, List<String> schemas) {

    public MysqlSettings {
        schemas = schemas == null ? List.of() : List.copyOf(schemas);
        password = password == null ? "" : password;
    }
}
