package dev.vigil.ingest.console;

import io.micronaut.core.io.ResourceResolver;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's files, read from the jar once and kept in memory with their ETag. Only plain relative paths
 * with a known extension are answered: no "..", no hidden files, nothing outside the console folder.
 */
@Singleton
public class ConsoleAssets {

    /** uPlot comes from its webjar; the version is in the URL, so browsers may keep it for good. */
    public static final String UPLOT_VERSION = "1.6.30";
    static final String VENDOR_PREFIX = "vendor/uplot-" + UPLOT_VERSION + "/";
    private static final String UPLOT_DIST = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";
    private static final Map<String, String> VENDOR_FILES = Map.of(
            VENDOR_PREFIX + "uPlot.iife.min.js", UPLOT_DIST + "uPlot.iife.min.js",
            VENDOR_PREFIX + "uPlot.min.css", UPLOT_DIST + "uPlot.min.css");

    private static final Pattern SAFE_PATH = Pattern.compile("(?:[a-zA-Z0-9_-][a-zA-Z0-9_.-]*/)*[a-zA-Z0-9_-][a-zA-Z0-9_.-]*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json");

    /** One file as served: bytes, content type, ETag and whether its URL is versioned. */
    public record Asset(byte[] bytes, String contentType, String etag, boolean immutable) {
    }

    private final ResourceResolver resources;
    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    public ConsoleAssets(ResourceResolver resources) {
        this.resources = resources;
    }

    /** The file at {@code path} (relative to /console/); empty for anything not served. */
    public Optional<Asset> find(String path) {
        if (path == null || path.length() > 200 || !SAFE_PATH.matcher(path).matches() || path.contains("..")) {
            return Optional.empty();
        }
        String type = TYPES.get(path.substring(path.lastIndexOf('.') + 1));
        if (type == null) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(path, p -> load(p, type));
    }

    private Optional<Asset> load(String path, String type) {
        String vendor = VENDOR_FILES.get(path);
        String location = vendor != null ? vendor : "console/" + path;
        Optional<InputStream> in = resources.getResourceAsStream("classpath:" + location);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            byte[] bytes = stream.readAllBytes();
            return Optional.of(new Asset(bytes, type, "\"" + sha256(bytes).substring(0, 32) + "\"", vendor != null));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console file " + path, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
