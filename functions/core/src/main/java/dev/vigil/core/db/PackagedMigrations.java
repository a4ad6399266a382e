package dev.vigil.core.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The versioned SQL migrations on the class path under Flyway's default naming ({@code V<version>__<description>.sql}),
 * each with the version, description and checksum Flyway records for it in {@code flyway_schema_history}.
 * Anything it cannot read as Flyway would (another resource in a location, a class path entry that is neither a
 * directory nor a jar) makes {@link #read} answer empty, and the caller then leaves the decision to Flyway.
 */
public record PackagedMigrations(Map<String, Migration> byVersion) {

    /** One migration as Flyway records it: version ("1", "1.2"), description ("hosts series samples"), CRC32. */
    public record Migration(String version, String description, int checksum) {
    }

    private static final Pattern NAME = Pattern.compile("V([0-9][0-9._]*)__(.+)\\.sql");

    /** The migrations under the given {@code classpath:} locations, or empty when they cannot be read as Flyway would. */
    public static Optional<PackagedMigrations> read(ClassLoader loader, List<String> locations) {
        Map<String, Migration> found = new HashMap<>();
        try {
            for (String location : locations) {
                if (!location.startsWith("classpath:")) {
                    return Optional.empty();
                }
                String folder = location.substring("classpath:".length()).replaceAll("^/+|/+$", "");
                Enumeration<URL> roots = loader.getResources(folder);
                while (roots.hasMoreElements()) {
                    if (!readRoot(roots.nextElement(), folder, found)) {
                        return Optional.empty();
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(new PackagedMigrations(Map.copyOf(found)));
    }

    private static boolean readRoot(URL root, String folder, Map<String, Migration> found) throws IOException, URISyntaxException {
        switch (root.getProtocol()) {
            case "file" -> {
                Path dir = Path.of(root.toURI());
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        try (InputStream in = Files.newInputStream(file)) {
                            if (!add(file.getFileName().toString(), in, found)) {
                                return false;
                            }
                        }
                    }
                }
                return true;
            }
            case "jar" -> {
                JarURLConnection connection = (JarURLConnection) root.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                        if (entry.isDirectory() || !entry.getName().startsWith(folder + "/")) {
                            continue;
                        }
                        String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                        try (InputStream in = jar.getInputStream(entry)) {
                            if (!add(name, in, found)) {
                                return false;
                            }
                        }
                    }
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** False for a resource Flyway would treat otherwise (a callback, a repeatable migration) or a version seen twice. */
    private static boolean add(String fileName, InputStream in, Map<String, Migration> found) throws IOException {
        Matcher name = NAME.matcher(fileName);
        if (!name.matches()) {
            return false;
        }
        String version = name.group(1).replace('_', '.');
        Migration migration = new Migration(version, name.group(2).replace('_', ' '), checksum(in));
        return found.putIfAbsent(version, migration) == null;
    }

    /** Flyway 10's checksum: CRC32 over each line's UTF-8 bytes without line breaks, a leading BOM dropped. */
    static int checksum(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 4096);
        String line = reader.readLine();
        if (line != null && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        while (line != null) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
            line = reader.readLine();
        }
        return (int) crc.getValue();
    }
}
