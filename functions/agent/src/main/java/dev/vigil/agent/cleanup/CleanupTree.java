package dev.vigil.agent.cleanup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The directory tree under a cleanup root, walked and deleted from through directory handles
 * ({@link SecureDirectoryStream}, i.e. openat/unlinkat on Linux) so that no path is ever resolved again from the top:
 * the root is opened without following a final link, every descent is opened relative to its parent's handle with
 * {@code NOFOLLOW_LINKS}, and a file is deleted by name relative to its directory's handle. Swapping a directory for a
 * symlink at any moment therefore either makes the descent fail or leaves the handle on the original directory; it
 * never redirects a delete outside the root.
 * <p>Where the platform has no SecureDirectoryStream the tree can still be listed (for dry runs) but not deleted from.
 */
final class CleanupTree implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(CleanupTree.class);
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    /** A regular file found by {@link #list}; {@code relative} is relative to the root. */
    record Found(Path relative, long size, Instant modified, Object fileKey) {
    }

    /** Test seam: runs at the named moment of each {@link #recheckAndDelete}, e.g. to swap a directory for a link. */
    interface RaceHook {
        enum Stage { BEFORE_REOPEN, BEFORE_UNLINK }

        RaceHook NONE = (stage, relative) -> { };

        void at(Stage stage, Path relative) throws IOException;
    }

    private final Path root;
    private final DirectoryStream<Path> rootStream;
    private final SecureDirectoryStream<Path> secureRoot; // null when the platform offers none (or a test forbids it)

    private CleanupTree(Path root, DirectoryStream<Path> rootStream, boolean useSecure) {
        this.root = root;
        this.rootStream = rootStream;
        this.secureRoot = useSecure && rootStream instanceof SecureDirectoryStream<Path> s ? s : null;
    }

    /** Opens {@code root} (which must have a parent) without following it if it is itself a link. */
    static CleanupTree open(Path root, boolean useSecure) throws IOException {
        Path parent = Objects.requireNonNull(root.getParent(), "cleanup root needs a parent");
        try (DirectoryStream<Path> parentStream = Files.newDirectoryStream(parent)) {
            if (useSecure && parentStream instanceof SecureDirectoryStream<Path> secureParent) {
                return new CleanupTree(root, secureParent.newDirectoryStream(root.getFileName(), NOFOLLOW), true);
            }
        }
        return new CleanupTree(root, Files.newDirectoryStream(root), false);
    }

    /** @return whether deletions can be made through directory handles */
    boolean secure() {
        return secureRoot != null;
    }

    /** Lists the regular files whose root-relative path {@code wanted} accepts; links are never followed. Once only. */
    List<Found> list(Predicate<Path> wanted) throws IOException {
        record Frame(DirectoryStream<Path> stream, Iterator<Path> entries, Path relative) {
        }
        List<Found> out = new ArrayList<>();
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(rootStream, rootStream.iterator(), root.getFileSystem().getPath("")));
        try {
            while (!stack.isEmpty()) {
                Frame frame = stack.peek();
                Path entry;
                try {
                    entry = frame.entries().hasNext() ? frame.entries().next() : null;
                } catch (DirectoryIteratorException e) {
                    LOG.debug("Cleanup stops reading {}: {}", root.resolve(frame.relative()), e.getCause().toString());
                    entry = null;
                }
                if (entry == null) {
                    stack.pop();
                    if (frame.stream() != rootStream) {
                        frame.stream().close();
                    }
                    continue;
                }
                Path relative = frame.relative().resolve(entry.getFileName());
                try {
                    BasicFileAttributes attrs = attributes(frame.stream(), entry);
                    if (attrs.isDirectory()) {
                        DirectoryStream<Path> child = openChild(frame.stream(), entry);
                        stack.push(new Frame(child, child.iterator(), relative));
                    } else if (attrs.isRegularFile() && wanted.test(relative)) { // links, sockets, devices are skipped
                        out.add(new Found(relative, attrs.size(), attrs.lastModifiedTime().toInstant(), attrs.fileKey()));
                    }
                } catch (IOException e) {
                    LOG.debug("Cleanup skips unreadable {}: {}", root.resolve(relative), e.toString());
                }
            }
        } finally {
            for (Frame frame : stack) {
                if (frame.stream() != rootStream) {
                    frame.stream().close();
                }
            }
        }
        return out;
    }

    /**
     * Re-opens the file's directory from the root handle, one component at a time without following links, checks the
     * name there is still the very regular file that was listed and still older than {@code cutoff}, and if
     * {@code delete} unlinks it relative to that directory handle.
     *
     * @return false when the file changed or vanished (nothing deleted)
     * @throws IOException when a directory on the way is no longer a directory (e.g. swapped for a link) or the delete fails
     */
    boolean recheckAndDelete(Found found, Instant cutoff, boolean delete, RaceHook hook) throws IOException {
        if (secureRoot == null) {
            throw new IllegalStateException("no SecureDirectoryStream on this platform; refusing to delete");
        }
        hook.at(RaceHook.Stage.BEFORE_REOPEN, found.relative());
        Deque<SecureDirectoryStream<Path>> opened = new ArrayDeque<>();
        try {
            SecureDirectoryStream<Path> dir = secureRoot;
            Path parent = found.relative().getParent();
            if (parent != null) {
                for (Path component : parent) {
                    dir = dir.newDirectoryStream(component, NOFOLLOW);
                    opened.push(dir);
                }
            }
            Path name = found.relative().getFileName();
            BasicFileAttributes now;
            try {
                now = dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW).readAttributes();
            } catch (java.nio.file.NoSuchFileException gone) {
                return false;
            }
            if (!now.isRegularFile() || !Objects.equals(now.fileKey(), found.fileKey())
                    || !now.lastModifiedTime().toInstant().isBefore(cutoff)) {
                return false;
            }
            if (delete) {
                hook.at(RaceHook.Stage.BEFORE_UNLINK, found.relative());
                dir.deleteFile(name);
            }
            return true;
        } finally {
            for (SecureDirectoryStream<Path> dir : opened) {
                dir.close();
            }
        }
    }

    private BasicFileAttributes attributes(DirectoryStream<Path> dir, Path entry) throws IOException {
        if (secure() && dir instanceof SecureDirectoryStream<Path> s) {
            return s.getFileAttributeView(entry.getFileName(), BasicFileAttributeView.class, NOFOLLOW).readAttributes();
        }
        return Files.readAttributes(entry, BasicFileAttributes.class, NOFOLLOW);
    }

    private DirectoryStream<Path> openChild(DirectoryStream<Path> dir, Path entry) throws IOException {
        if (secure() && dir instanceof SecureDirectoryStream<Path> s) {
            return s.newDirectoryStream(entry.getFileName(), NOFOLLOW);
        }
        return Files.newDirectoryStream(entry); // listing only (dry run), never used for deletes
    }

    @Override
    public void close() throws IOException {
        rootStream.close();
    }
}
