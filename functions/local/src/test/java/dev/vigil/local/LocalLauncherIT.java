package dev.vigil.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's run command: the launcher from the checkout, after mvn package (hence an IT). */
class LocalLauncherIT {

    private static final Path LAUNCHER = Path.of("src/dist/vigil-local").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void startsTheJarMavenBuiltWithItsFlagsInTheCurrentDirectory() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile());
        pb.environment().remove("VIGIL_LOCAL_JAR");
        pb.environment().remove("VIGIL_LOCAL_JAVA_OPTS");
        pb.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        pb.environment().put("VIGIL_LOCAL_AGENT_ENABLED", "false");
        Process app = pb.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(5)).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            int status = 0;
            while (status != 200 && app.isAlive() && System.nanoTime() < deadline) {
                try {
                    status = http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (java.io.IOException notYet) {
                    Thread.sleep(200);
                }
            }
            assertEquals(200, status, Files.readString(dir.resolve("log")));
            assertTrue(Files.exists(dir.resolve("data/admin-token")), "data directory is the working directory's");
            String cmdline = Files.readString(Path.of("/proc/" + app.pid() + "/cmdline")).replace('\0', ' ');
            assertTrue(cmdline.contains("-XX:+UseSerialGC") && cmdline.contains("-Xmx128m")
                    && cmdline.contains("target/vigil-local.jar"), cmdline);
            String environ = Files.readString(Path.of("/proc/" + app.pid() + "/environ"));
            assertTrue(environ.contains("MALLOC_ARENA_MAX=2"), "MALLOC_ARENA_MAX not set");
        } finally {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    @Test
    void withoutAJarItSaysHowToBuildOne() throws Exception {
        Path alone = Files.copy(LAUNCHER, dir.resolve("vigil-local"), StandardCopyOption.COPY_ATTRIBUTES);
        ProcessBuilder pb = new ProcessBuilder(alone.toString()).redirectErrorStream(true);
        pb.environment().remove("VIGIL_LOCAL_JAR");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), out);
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("mvn -B -q package -DskipTests"), out);
    }
}
