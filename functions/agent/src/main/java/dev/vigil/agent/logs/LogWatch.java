package dev.vigil.agent.logs;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One {@code logs:} entry: a file or a glob of files, the patterns searched for, and line filters.
 *
 * @param path    a file, or a glob (*, ?, [..], {a,b}) in its last name part(s): every matching file is followed
 * @param include when not empty, only lines matching one of these are searched
 * @param exclude lines matching one of these are never counted (e.g. a known harmless error)
 */
public record LogWatch(String name, String path, List<LogPattern> patterns, List<Pattern> include, List<Pattern> exclude) {

    public LogWatch {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        patterns = List.copyOf(patterns);
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }

    public static LogWatch of(String name, String path, List<LogPattern> patterns) {
        return new LogWatch(name, path, patterns, List.of(), List.of());
    }

    /** Whether a line passes include and exclude. */
    boolean wanted(String line) {
        for (Pattern p : exclude) {
            if (p.matcher(line).find()) {
                return false;
            }
        }
        if (include.isEmpty()) {
            return true;
        }
        for (Pattern p : include) {
            if (p.matcher(line).find()) {
                return true;
            }
        }
        return false;
    }
}
