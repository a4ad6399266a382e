package dev.vigil.local.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Starts one function of sam-template.yaml the way the AWS Java 17 runtime does: its packaged jar unpacked
 * as the task root (/var/task; the runtime client's class loader reads the classes from there), the runtime
 * interface client on the JVM's own class path (/var/runtime/lib, so its classes win, as on Lambda), the
 * environment Lambda sets plus the function's variables from the template, and nothing else.
 */
final class LambdaRuntimeLauncher {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Path TARGET = Path.of("target").toAbsolutePath();
    static final Path RIC_LIBS = TARGET.resolve("ric-libs");
    static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** The client extracts its native library to one fixed /tmp path unless told where it is; runs may overlap. */
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    static final String JNI_ENTRY = "jni/libaws-lambda-jni.linux-x86_64.so";

    /** One function of the template: its logical id, handler, jar, memory, timeout and environment expressions. */
    record Function(String logicalId, String handler, Path jar, int memoryMb, int timeoutSeconds, Map<String, Object> environment) {

        /** "ingest" for dev.vigil.ingest.IngestLambdaHandler: the prefix of its sample events in infra/events. */
        String shortName() {
            return handler.split("\\.")[2];
        }
    }

    private final Map<String, Object> template;

    LambdaRuntimeLauncher() throws IOException {
        template = CloudFormationYaml.load(Files.readString(ROOT.resolve("sam-template.yaml")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    Function function(String logicalId) {
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        Map<String, Object> props = map(map(map(template.get("Resources")).get(logicalId)).get("Properties"));
        Map<String, Object> environment = new LinkedHashMap<>(map(map(globals.get("Environment")).get("Variables")));
        environment.putAll(map(map(props.get("Environment")).get("Variables")));
        return new Function(logicalId, (String) props.get("Handler"), ROOT.resolve((String) props.get("CodeUri")),
                ((Number) props.getOrDefault("MemorySize", globals.get("MemorySize"))).intValue(),
                ((Number) props.getOrDefault("Timeout", globals.get("Timeout"))).intValue(), environment);
    }

    /**
     * The function's environment with each template expression resolved: a value given by the test (the
     * secrets and the database), else a parameter's default. Anything else fails, so a new variable in the
     * template that this run cannot give a value is noticed here, not on the first deploy.
     */
    Map<String, String> environment(Function function, Map<String, String> given) {
        Map<String, Object> parameters = map(template.get("Parameters"));
        Map<String, String> env = new LinkedHashMap<>();
        function.environment().forEach((name, expression) -> {
            String value = given.containsKey(name) ? given.get(name) : resolve(expression, parameters);
            if (value == null) {
                throw new IllegalStateException(function.logicalId() + ": no value for " + name + " = " + expression);
            }
            env.put(name, value);
        });
        return env;
    }

    private static String resolve(Object expression, Map<String, Object> parameters) {
        if (expression instanceof String || expression instanceof Number || expression instanceof Boolean) {
            return String.valueOf(expression);
        }
        Map<String, Object> function = map(expression);
        if (function.get("Ref") instanceof String parameter && map(parameters.get(parameter)).containsKey("Default")) {
            return String.valueOf(map(parameters.get(parameter)).get("Default"));
        }
        if (function.get("Fn::Join") instanceof List<?> join && join.get(1) instanceof Map<?, ?> list) {
            return resolve(list, parameters);
        }
        return null;
    }

    /** The deployment package unpacked, as Lambda does into /var/task; redone when the jar is newer. */
    static Path taskRoot(Function function) throws IOException {
        Path root = TARGET.resolve("lambda-task").resolve(function.shortName());
        Path stamp = root.resolve(".unpacked");
        if (Files.exists(stamp) && Files.getLastModifiedTime(stamp).compareTo(Files.getLastModifiedTime(function.jar())) >= 0) {
            return root;
        }
        deleteTree(root);
        Files.createDirectories(root);
        try (JarFile jar = new JarFile(function.jar().toFile())) {
            for (ZipEntry entry : java.util.Collections.list(jar.entries())) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        Files.createFile(stamp);
        return root;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static Path nativeLibrary() throws IOException {
        Path library = RIC_LIBS.resolve("native").resolve("libaws-lambda-jni.so");
        if (!Files.exists(library)) {
            Path client;
            try (var jars = Files.list(RIC_LIBS)) {
                client = jars.filter(p -> p.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                        .findFirst().orElseThrow(() -> new IOException("no runtime interface client in " + RIC_LIBS
                                + " (mvn process-test-classes copies it)"));
            }
            Files.createDirectories(library.getParent());
            try (JarFile jar = new JarFile(client.toFile()); InputStream in = jar.getInputStream(jar.getEntry(JNI_ENTRY))) {
                Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return library;
    }

    /**
     * Starts the runtime client for the function against the Runtime API at {@code runtimeApi}; its
     * output (the function's log, as CloudWatch would get it) goes to {@code log}.
     */
    Process start(Function function, String runtimeApi, Map<String, String> functionEnv, Path log) throws IOException {
        Path taskRoot = taskRoot(function);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + JNI_PROPERTY + "=" + nativeLibrary(),
                "-cp", RIC_LIBS + "/*", RUNTIME_CLIENT, function.handler()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("_HANDLER", function.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_DEFAULT_REGION", "eu-west-1");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "vigil-" + function.shortName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.putAll(functionEnv);
        // The template names files of the package by Lambda's task root.
        env.computeIfPresent("JAVA_TOOL_OPTIONS", (name, options) -> options.replace("/var/task", taskRoot.toString()));
        return builder.start();
    }
}
