package dev.vigil.agent.config;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * Include/exclude glob patterns for mount points and interface names.
 * An empty include list means "everything"; exclude wins over include.
 */
public record NameFilter(List<String> include, List<String> exclude) {

    public NameFilter {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    public static NameFilter all() {
        return new NameFilter(List.of(), List.of());
    }

    public static NameFilter excluding(String... patterns) {
        return new NameFilter(List.of(), List.of(patterns));
    }

    public boolean accepts(String name) {
        if (matchesAny(exclude, name)) {
            return false;
        }
        return include.isEmpty() || matchesAny(include, name);
    }

    private static boolean matchesAny(List<String> patterns, String name) {
        for (String pattern : patterns) {
            if (pattern.equals(name) || glob(pattern).matches(Path.of(name))) {
                return true;
            }
        }
        return false;
    }

    private static PathMatcher glob(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }
}
