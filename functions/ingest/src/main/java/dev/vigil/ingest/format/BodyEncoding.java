package dev.vigil.ingest.format;

import dev.vigil.ingest.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Telegraf's influxdb_v2 output gzips by default. The limit applies to the inflated body too, read
 * in bounded steps so a small bomb cannot fill memory.
 */
public final class BodyEncoding {

    private BodyEncoding() {
    }

    public static byte[] decode(byte[] body, @Nullable String contentEncoding, int maxBytes) {
        boolean gzipped = body.length > 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
        if (contentEncoding == null || !contentEncoding.trim().equalsIgnoreCase("gzip") || !gzipped) {
            return body;
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 4);
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                            "gzip request body inflates to more than the limit of " + maxBytes + " bytes", null);
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiException.badRequest("request body is not valid gzip: " + e.getMessage(), null);
        }
    }
}
