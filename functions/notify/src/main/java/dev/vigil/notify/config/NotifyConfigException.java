package dev.vigil.notify.config;

/** A routing file Vigil refuses; the message names the file, the line and the key. */
public class NotifyConfigException extends RuntimeException {

    public NotifyConfigException(String message) {
        super(message);
    }
}
