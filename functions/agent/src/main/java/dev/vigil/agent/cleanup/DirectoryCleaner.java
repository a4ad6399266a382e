package dev.vigil.agent.cleanup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * Applies one {@link CleanupPolicy}. Only regular files are touched; symbolic links are never followed (the walk
 * does not follow them, a link itself is not a regular file, and before each delete the file's directory must
 * still resolve inside the real root, in case a directory was swapped for a link meanwhile).
 * A glob without '/' matches the file name at any depth; one with '/' matches the path relative to the root.
 */
public final class DirectoryCleaner {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryCleaner.class);

    private final Clock clock;

    public DirectoryCleaner(Clock clock) {
        this.clock = clock;
    }

    private record Candidate(Path path, long size, Instant modified) {
    }

    public CleanupResult run(CleanupPolicy policy) throws IOException {
        Path root = policy.root();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            LOG.info("Cleanup {}: root {} is not a directory (or is a link); nothing to do", policy.name(), root);
            return new CleanupResult(policy.name(), policy.dryRun(), 0, 0);
        }
        String refusal = CleanupPolicy.refusalOf(root);
        if (refusal != null) {
            throw new IllegalStateException("cleanup " + policy.name() + ": " + refusal);
        }
        Path realRoot = root.toRealPath();
        List<Candidate> matching = findMatching(root, policy.globs());
        matching.sort(Comparator.comparing(Candidate::modified).reversed());

        Instant cutoff = clock.instant().minus(policy.olderThan());
        int deleted = 0;
        long freed = 0;
        for (int i = policy.keepNewest(); i < matching.size(); i++) {
            Candidate c = matching.get(i);
            if (!c.modified().isBefore(cutoff) || !stillSafe(c.path(), realRoot)) {
                continue;
            }
            if (policy.dryRun()) {
                LOG.info("Cleanup {} (dry run): would delete {} ({} bytes)", policy.name(), c.path(), c.size());
            } else {
                try {
                    Files.delete(c.path());
                    LOG.info("Cleanup {}: deleted {} ({} bytes, modified {})", policy.name(), c.path(), c.size(), c.modified());
                } catch (IOException e) {
                    LOG.warn("Cleanup {}: cannot delete {}: {}", policy.name(), c.path(), e.toString());
                    continue;
                }
            }
            deleted++;
            freed += c.size();
        }
        LOG.info("Cleanup {}: {} {} file(s), {} bytes", policy.name(), policy.dryRun() ? "would delete" : "deleted", deleted, freed);
        return new CleanupResult(policy.name(), policy.dryRun(), deleted, freed);
    }

    private static List<Candidate> findMatching(Path root, List<String> globs) throws IOException {
        List<PathMatcher> byPath = new ArrayList<>();
        List<PathMatcher> byName = new ArrayList<>();
        for (String glob : globs) {
            (glob.contains("/") ? byPath : byName).add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
        List<Candidate> out = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE; // links, sockets, devices
                }
                Path relative = root.relativize(file);
                boolean matches = byPath.stream().anyMatch(m -> m.matches(relative))
                        || byName.stream().anyMatch(m -> m.matches(file.getFileName()));
                if (matches) {
                    out.add(new Candidate(file, attrs.size(), attrs.lastModifiedTime().toInstant()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                LOG.debug("Cleanup skips unreadable {}: {}", file, e.toString());
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    private static boolean stillSafe(Path file, Path realRoot) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attrs.isRegularFile()) {
                return false;
            }
            Path realParent = file.getParent().toRealPath();
            if (!realParent.startsWith(realRoot)) {
                LOG.warn("Cleanup refuses {}: its directory now resolves to {}, outside {}", file, realParent, realRoot);
                return false;
            }
            return true;
        } catch (IOException gone) {
            return false;
        }
    }
}
