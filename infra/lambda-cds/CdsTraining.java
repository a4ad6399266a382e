import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Training run for a function's class data sharing archive: loads the handler from the unpacked task root
 * through its own class loader (as the runtime client does from /var/task), constructs it (Micronaut
 * context, datasource, Flyway) and, given an event, hands it one. Run by the package step as a source file
 * with -XX:ArchiveClassesAtExit and no class path, so the archive checks no class path Lambda does not have.
 * Without a reachable database construction fails after the context has started; the classes loaded up to
 * there are archived all the same, and a failed training never fails the build.
 * Usage: java -XX:ArchiveClassesAtExit=FILE CdsTraining.java TASK_ROOT HANDLER [EVENT_CLASS EVENT_FILE]
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
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getSystemClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Object handler = Class.forName(args[1], true, loader).getDeclaredConstructor().newInstance();
            if (args.length >= 4) {
                invoke(handler, loader, args[2], Files.readAllBytes(Path.of(args[3])));
            }
            System.out.println("CDS training: " + args[1] + " started" + (args.length >= 4 ? " and handled " + args[3] : ""));
        } catch (Throwable e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            System.out.println("CDS training: " + args[1] + " stopped at " + cause + " (classes loaded so far are archived)");
        }
        System.exit(0);
    }

    /** The event read with the handler's own JSON mapper, then handleRequest(event, null). */
    static void invoke(Object handler, ClassLoader loader, String eventClass, byte[] event) throws Exception {
        Object context = handler.getClass().getMethod("getApplicationContext").invoke(handler);
        Class<?> mapperType = Class.forName("io.micronaut.json.JsonMapper", true, loader);
        Object mapper = context.getClass().getMethod("getBean", Class.class).invoke(context, mapperType);
        Class<?> type = Class.forName(eventClass, true, loader);
        Object value = mapperType.getMethod("readValue", byte[].class, Class.class).invoke(mapper, event, type);
        for (Method m : handler.getClass().getMethods()) {
            if (m.getName().equals("handleRequest") && m.getParameterCount() == 2 && m.getParameterTypes()[0].isInstance(value)) {
                m.invoke(handler, value, null);
                return;
            }
        }
    }
}
