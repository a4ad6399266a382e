package dev.vigil.ingest.format.peers;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real sender (node_exporter, collectd) started by a test and stopped after it. A missing binary
 * fails the test with the package to install: the project runs no skipped tests.
 */
final class PeerProcess implements AutoCloseable {

    static final String PACKAGES = "apt-get install -y --no-install-recommends prometheus prometheus-node-exporter collectd-core libyajl2";

    private final Process process;
    private final Path log;

    private PeerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static PeerProcess start(Path binary, String debianPackage, Path workDir, List<String> args) throws IOException {
        if (!Files.isExecutable(binary)) {
            fail(binary + " is missing: install Debian package " + debianPackage + " (" + PACKAGES + ")");
        }
        Path log = workDir.resolve(binary.getFileName() + ".log");
        List<String> command = new java.util.ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PeerProcess(process, log);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no output)";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
