package dev.vigil.agent.cleanup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Applies one {@link CleanupPolicy}. Only regular files are touched and symbolic links are never followed: the tree
 * is walked, re-checked and deleted from through directory handles (see {@link CleanupTree}), so swapping a directory
 * for a link while a run is under way cannot redirect a delete outside the root. Platforms without
 * {@link java.nio.file.SecureDirectoryStream} get dry runs only.
 * A glob without '/' matches the file name at any depth; one with '/' matches the path relative to the root.
 */
public final class DirectoryCleaner {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryCleaner.class);

    private final Clock clock;
    private final CleanupTree.RaceHook hook;
    private final boolean useSecureStreams;

    public DirectoryCleaner(Clock clock) {
        this(clock, CleanupTree.RaceHook.NONE, true);
    }

    /** For tests: {@code hook} interferes between listing and deleting; {@code useSecureStreams=false} mimics non-Linux. */
    DirectoryCleaner(Clock clock, CleanupTree.RaceHook hook, boolean useSecureStreams) {
        this.clock = clock;
        this.hook = hook;
        this.useSecureStreams = useSecureStreams;
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
        root = root.normalize();
        try (CleanupTree tree = CleanupTree.open(root, useSecureStreams)) {
            if (!tree.secure() && !policy.dryRun()) {
                LOG.error("Cleanup {}: this platform offers no SecureDirectoryStream, so deletes under {} cannot be made "
                        + "safe against symlink races; refusing to delete anything (dry-run: true still works)",
                        policy.name(), root);
                return new CleanupResult(policy.name(), false, 0, 0);
            }
            return apply(policy, root, tree);
        }
    }

    private CleanupResult apply(CleanupPolicy policy, Path root, CleanupTree tree) throws IOException {
        List<CleanupTree.Found> matching = new ArrayList<>(tree.list(matcher(policy.globs())));
        matching.sort(Comparator.comparing(CleanupTree.Found::modified).reversed());

        Instant cutoff = clock.instant().minus(policy.olderThan());
        int deleted = 0;
        long freed = 0;
        for (int i = policy.keepNewest(); i < matching.size(); i++) {
            CleanupTree.Found c = matching.get(i);
            Path path = root.resolve(c.relative());
            if (!c.modified().isBefore(cutoff)) {
                continue;
            }
            try {
                if (tree.secure() && !tree.recheckAndDelete(c, cutoff, !policy.dryRun(), hook)) {
                    continue; // changed or vanished since listing
                }
            } catch (IOException e) {
                LOG.warn("Cleanup {}: {} {}: {}", policy.name(), policy.dryRun() ? "would not delete" : "cannot delete",
                        path, e.toString());
                continue;
            }
            if (policy.dryRun()) {
                LOG.info("Cleanup {} (dry run): would delete {} ({} bytes)", policy.name(), path, c.size());
            } else {
                LOG.info("Cleanup {}: deleted {} ({} bytes, modified {})", policy.name(), path, c.size(), c.modified());
            }
            deleted++;
            freed += c.size();
        }
        LOG.info("Cleanup {}: {} {} file(s), {} bytes", policy.name(), policy.dryRun() ? "would delete" : "deleted", deleted, freed);
        return new CleanupResult(policy.name(), policy.dryRun(), deleted, freed);
    }

    private static Predicate<Path> matcher(List<String> globs) {
        List<PathMatcher> byPath = new ArrayList<>();
        List<PathMatcher> byName = new ArrayList<>();
        for (String glob : globs) {
            (glob.contains("/") ? byPath : byName).add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
        return relative -> byPath.stream().anyMatch(m -> m.matches(relative))
                || byName.stream().anyMatch(m -> m.matches(relative.getFileName()));
    }
}
