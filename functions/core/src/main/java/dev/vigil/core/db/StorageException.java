package dev.vigil.core.db;

/** The database refused or failed a storage operation; callers answer 503, never blame the sender. */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
