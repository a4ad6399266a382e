package dev.vigil.ingest.format.influx;

import dev.vigil.ingest.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The ways stock InfluxDB clients send credentials, turned into the Bearer form {@code ApiAuth} reads:
 * v1 {@code u}/{@code p} query parameters or Basic auth (the password is the token), v2
 * {@code Authorization: Token <token>}, and plain Bearer. Tokens never appear in messages.
 */
public final class InfluxCredentials {

    private InfluxCredentials() {
    }

    @Nullable
    public static String asBearer(@Nullable String authorization, @Nullable String password) {
        if (authorization != null && !authorization.isBlank()) {
            String value = authorization.trim();
            if (startsWith(value, "token ")) {
                return "Bearer " + value.substring(6).trim();
            }
            if (startsWith(value, "basic ")) {
                return "Bearer " + basicPassword(value.substring(6).trim());
            }
            return value;
        }
        if (password != null && !password.isEmpty()) {
            return "Bearer " + password;
        }
        return null;
    }

    private static String basicPassword(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Basic credentials are not valid base64");
        }
        int colon = decoded.indexOf(':');
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        if (password.isEmpty()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Basic credentials need the host token as the password");
        }
        return password;
    }

    private static boolean startsWith(String value, String prefix) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
