package dev.vigil.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher as a new user runs it: from the checkout, after mvn package (hence an IT, after the package phase). */
class AgentLauncherIT {

    private static final Path LAUNCHER = Path.of("src/dist/vigil-agent").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void runsFromTheCheckoutWithTheJarMavenBuilt() throws Exception {
        Path config = Files.writeString(dir.resolve("agent.yml"), "url: http://127.0.0.1:9\nhost: launcher-01\ntoken: t\n");
        Result r = run(LAUNCHER, "--config", config.toString(), "--dry-run");
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("\"host\":\"launcher-01\"") && r.output().contains("cpu_count"), r.output());
    }

    @Test
    void theSecondStartArchivesTheClassesTheFirstLoadedAndLaterStartsMapThem() throws Exception {
        Path config = Files.writeString(dir.resolve("agent.yml"), "url: http://127.0.0.1:9\nhost: launcher-02\ntoken: t\n");
        for (int start = 1; start <= 3; start++) {
            ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "--config", config.toString(), "--dry-run")
                    .redirectError(dir.resolve("stderr-" + start).toFile());
            pb.environment().remove("VIGIL_AGENT_JAR");
            pb.environment().put("VIGIL_AGENT_CDS_DIR", dir.resolve("cds").toString());
            Process p = pb.start();
            p.getOutputStream().close();
            String stdout = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), stdout);
            String stderr = Files.readString(dir.resolve("stderr-" + start));
            assertEquals(0, p.exitValue(), stdout + stderr);
            // the batch alone on stdout: JVM warnings (a stale archive, say) go to stderr
            assertTrue(stdout.startsWith("{\"host\":\"launcher-02\""), "before the batch: " + stdout);
            assertTrue(!stderr.contains("[cds]"), "CDS complained: " + stderr);
            try (var files = Files.list(dir.resolve("cds"))) {
                List<String> names = files.map(f -> f.getFileName().toString()).toList();
                assertTrue(names.stream().anyMatch(n -> n.endsWith(".classlist")), names.toString());
                assertEquals(start > 1, names.stream().anyMatch(n -> n.endsWith(".jsa")), "start " + start + ": " + names);
            }
        }
    }

    @Test
    void withoutAJarItSaysHowToBuildOne() throws Exception {
        Path alone = Files.copy(LAUNCHER, dir.resolve("vigil-agent"), StandardCopyOption.COPY_ATTRIBUTES);
        Result r = run(alone, "--dry-run");
        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().contains("mvn -B -q -pl functions/agent -am package -DskipTests"), r.output());
    }

    private record Result(int code, String output) {
    }

    private Result run(Path launcher, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("VIGIL_AGENT_JAR");
        pb.environment().put("VIGIL_AGENT_CDS_DIR", dir.resolve("cds").toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher did not finish: " + out);
        return new Result(p.exitValue(), out);
    }
}
