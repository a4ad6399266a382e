package dev.vigil.agent.dirs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Lists a directory; a seam so a test can make one folder unreadable even when it runs as root. */
@FunctionalInterface
public interface DirectoryOpener {

    DirectoryOpener FILES = Files::newDirectoryStream;

    DirectoryStream<Path> open(Path dir) throws IOException;
}
