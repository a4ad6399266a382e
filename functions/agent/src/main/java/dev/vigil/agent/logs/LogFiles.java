package dev.vigil.agent.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The files a {@code logs:} path names now: the file itself, or every regular file its glob matches. */
final class LogFiles {

    /** A glob matching a whole directory of rotated files must not open thousands of files. */
    static final int MAX_FILES_PER_GLOB = 64;
    private static final String GLOB_CHARS = "*?[{";

    private LogFiles() {
    }

    static boolean isGlob(String path) {
        return path.chars().anyMatch(c -> GLOB_CHARS.indexOf(c) >= 0);
    }

    static List<Path> resolve(String path) {
        if (!isGlob(path)) {
            Path file = Path.of(path);
            return Files.isRegularFile(file) ? List.of(file) : List.of();
        }
        Path glob = Path.of(path);
        Path base = glob.getRoot() == null ? Path.of("") : glob.getRoot();
        int depth = 0;
        boolean inGlob = false;
        for (Path part : glob) {
            if (inGlob || isGlob(part.toString())) {
                inGlob = true;
                depth++;
            } else {
                base = base.resolve(part);
            }
        }
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(base, depth)) {
            files.filter(p -> matcher.matches(p) && Files.isRegularFile(p)).sorted().limit(MAX_FILES_PER_GLOB).forEach(out::add);
        } catch (IOException | UncheckedIOException e) {
            return out; // an unreadable directory: follow what could be listed
        }
        return out;
    }
}
