package dev.vigil.ingest.auth;

import dev.vigil.ingest.AdminApiTestProperties;

import java.util.HashMap;
import java.util.Map;

/** A fresh database and the admin token, with the app told it sits behind a trusted proxy (X-Forwarded-For). */
interface BehindTrustedProxyProperties extends AdminApiTestProperties {

    @Override
    default Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(AdminApiTestProperties.super.getProperties());
        props.put("vigil.auth.throttle.trust-forwarded-for", "true");
        return props;
    }
}
