import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Training run for a function's class data sharing archive: loads the handler from the unpacked task root
 * through its own class loader (as the runtime client does from /var/task), constructs it (Micronaut
 * context, datasource, Flyway) and links the classes of CLASS_LIST. Run by the package step as a source file
 * with -XX:ArchiveClassesAtExit and no class path, so the archive checks no class path Lambda does not have.
 * Without a reachable database construction fails after the context has started; the classes loaded up to
 * there are archived all the same, and a failed training never fails the build.
 * Usage: java -XX:ArchiveClassesAtExit=FILE CdsTraining.java TASK_ROOT HANDLER [CLASS_LIST]
 */
public class CdsTraining {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        List<URL> urls = new ArrayList<>(List.of(root.toUri().toURL()));
        File[] libs = root.resolve("lib").toFile().listFiles((dir, name) -> name.endsWith(".jar"));
        if (libs != null) {
            for (File lib : libs) {
                urls.add(lib.toURI().toURL());
            }
        }
        RecordingLoader loader = new RecordingLoader(urls.toArray(URL[]::new));
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Class.forName(args[1], true, loader).getDeclaredConstructor().newInstance();
            System.out.println("CDS training: " + args[1] + " started");
        } catch (Throwable e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            System.out.println("CDS training: " + args[1] + " stopped at " + cause + " (classes loaded so far are archived)");
        }
        linkAll(loader, args.length >= 3 ? Path.of(args[2]) : null);
        System.exit(0);
    }

    /** Remembers what it loaded, so the training can link it before the archive is written. */
    static final class RecordingLoader extends URLClassLoader {
        final Set<String> loaded = ConcurrentHashMap.newKeySet();

        RecordingLoader(URL[] urls) {
            super(urls, ClassLoader.getSystemClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> found = super.findClass(name);
            loaded.add(name);
            return found;
        }
    }

    /**
     * Links every class the training loaded, and those of a class list (one name a line) recorded from a start
     * against a database: the archive keeps only linked classes, and a start without a database loads many
     * bean classes it never links. Reflecting on a class's methods links it; static initialisers do not run.
     */
    static void linkAll(RecordingLoader loader, Path classList) throws Exception {
        Set<String> names = new TreeSet<>(loader.loaded);
        if (classList != null && Files.isReadable(classList)) {
            names.addAll(Files.readAllLines(classList));
        }
        int linked = 0;
        for (String name : names) {
            if (name.isBlank()) {
                continue;
            }
            try {
                Class.forName(name.strip(), false, loader).getDeclaredMethods();
                linked++;
            } catch (Throwable e) {
                // a class of an optional dependency that is not in the jar, or not in it any more
            }
        }
        System.out.println("CDS training: linked " + linked + " of " + names.size() + " classes");
    }
}
