package dev.vigil.notify.email;

/**
 * Jakarta Mail 2.1 looks its {@code StreamProvider} up with a fresh {@code ServiceLoader} scan of the whole
 * classpath on every MIME body part, multipart and encoding it creates (jakartaee/mail-api#861): a few such
 * scans per email cost more than composing and writing it. The lookup reads a system property of the
 * interface's name first; naming there the provider the scan would find anyway (Angus Mail's) skips the scan.
 */
final class StreamProviderPin {

    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String ANGUS_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    private StreamProviderPin() {
    }

    /** Sets the property unless it is set already or Angus Mail is not on the classpath (then the scan decides, as before). */
    static void pin() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        try {
            Class.forName(ANGUS_PROVIDER, false, StreamProviderPin.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return;
        }
        System.setProperty(PROPERTY, ANGUS_PROVIDER);
    }
}
