package dev.vigil.local;

import dev.vigil.core.config.VigilProperties;
import dev.vigil.core.host.HostTokens;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/**
 * Without VIGIL_ADMIN_TOKEN the local app makes one and keeps it in data/admin-token (mode 600),
 * so a second start uses the same token (and so does a twin started at the same moment with the same directory).
 */
@Singleton
@Requires(env = LocalApplication.ENVIRONMENT)
public class LocalAdminToken implements BeanCreatedEventListener<VigilProperties> {

    static final String FILE_NAME = "admin-token";

    private final LocalProperties local;

    public LocalAdminToken(LocalProperties local) {
        this.local = local;
    }

    public Path file() {
        return local.getDataDir().resolve(FILE_NAME);
    }

    @Override
    public VigilProperties onCreated(BeanCreatedEvent<VigilProperties> event) {
        VigilProperties properties = event.getBean();
        if (properties.getAdminToken() == null || properties.getAdminToken().isBlank()) {
            properties.setAdminToken(SecretFiles.readOrCreate(file(), HostTokens::newToken));
        }
        return properties;
    }
}
