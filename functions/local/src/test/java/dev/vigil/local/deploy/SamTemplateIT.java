package dev.vigil.local.deploy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.vigil.core.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * No CloudFormation linter or sam CLI can run here, so this is the check of sam-template.yaml: its
 * structure, references and schedule expressions; that every function's handler class is in that
 * function's packaged jar and is the right handler type for its events; and that every sample event
 * in infra/events is accepted by its handler in-process. Runs after packaging (failsafe, mvn verify).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamTemplateIT {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Set<String> PSEUDO = Set.of("AWS::AccountId", "AWS::Region", "AWS::StackName", "AWS::StackId",
            "AWS::Partition", "AWS::URLSuffix", "AWS::NoValue", "AWS::NotificationARNs");
    static final Set<String> RESOURCE_TYPES = Set.of("AWS::Serverless::Function", "AWS::Serverless::HttpApi",
            "AWS::Serverless::Api", "AWS::Serverless::SimpleTable", "AWS::Serverless::LayerVersion", "AWS::SQS::Queue",
            "AWS::SNS::Topic", "AWS::Logs::LogGroup", "AWS::IAM::Role", "AWS::Events::Rule", "AWS::Lambda::Permission");
    static final Set<String> PARAMETER_TYPES = Set.of("String", "Number", "CommaDelimitedList", "List<Number>",
            "List<AWS::EC2::Subnet::Id>", "List<AWS::EC2::SecurityGroup::Id>", "AWS::EC2::VPC::Id",
            "AWS::SSM::Parameter::Value<String>");
    static final Set<String> SCHEDULED_INPUTS = Set.of(ScheduledEvent.class.getName(), "dev.vigil.evaluate.EvaluateInvocation");
    static final Set<String> RUNTIMES = Set.of("java17", "java21");
    static final Pattern RATE = Pattern.compile("rate\\((1 (minute|hour|day)|([2-9]|[1-9]\\d+) (minutes|hours|days))\\)");
    static final Pattern CRON = Pattern.compile("cron\\((\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (\\S+)\\)");
    static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    Map<String, Object> template;
    Map<String, Object> resources;
    Map<String, Object> parameters;
    Map<String, Object> globals;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void load() throws IOException {
        template = CloudFormationYaml.load(Files.readString(ROOT.resolve("sam-template.yaml")));
        resources = (Map<String, Object>) template.get("Resources");
        parameters = (Map<String, Object>) template.getOrDefault("Parameters", Map.of());
        globals = (Map<String, Object>) ((Map<String, Object>) template.getOrDefault("Globals", Map.of()))
                .getOrDefault("Function", Map.of());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    Map<String, Map<String, Object>> functions() {
        Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
        resources.forEach((name, r) -> {
            if ("AWS::Serverless::Function".equals(map(r).get("Type"))) {
                functions.put(name, map(map(r).get("Properties")));
            }
        });
        return functions;
    }

    Object effective(Map<String, Object> properties, String key) {
        return properties.containsKey(key) ? properties.get(key) : globals.get(key);
    }

    @Test
    void isASamTemplateWithKnownResourceAndParameterTypes() {
        assertEquals("2010-09-09", String.valueOf(template.get("AWSTemplateFormatVersion")));
        assertEquals("AWS::Serverless-2016-10-31", template.get("Transform"));
        assertFalse(resources.isEmpty());
        resources.forEach((name, r) -> {
            assertTrue(name.matches("[A-Za-z0-9]+"), "logical id must be alphanumeric: " + name);
            Object type = map(r).get("Type");
            assertTrue(RESOURCE_TYPES.contains(type), name + " has unexpected Type " + type);
        });
        parameters.forEach((name, p) -> {
            Object type = map(p).get("Type");
            assertTrue(PARAMETER_TYPES.contains(type), "parameter " + name + " has unknown Type " + type);
            Object allowed = map(p).get("AllowedValues");
            if (allowed != null && map(p).containsKey("Default")) {
                assertTrue(((List<?>) allowed).contains(map(p).get("Default")), name + " default is not allowed");
            }
            if (map(p).get("AllowedPattern") instanceof String pattern && map(p).get("Default") instanceof String d && !d.isEmpty()) {
                assertTrue(d.matches(pattern), name + " default does not match its AllowedPattern");
            }
        });
    }

    @Test
    void hasTheFourFunctionsWithTheirTriggers() {
        Map<String, Map<String, Object>> functions = functions();
        assertEquals(Set.of("IngestFunction", "EvaluateFunction", "NotifyFunction", "HousekeepingFunction"), functions.keySet());
        assertEquals(Set.of("HttpApi"), eventTypes(functions.get("IngestFunction")));
        assertEquals(Set.of("Schedule"), eventTypes(functions.get("EvaluateFunction")));
        assertEquals(Set.of("Schedule"), eventTypes(functions.get("NotifyFunction")));
        assertEquals(Set.of("Schedule"), eventTypes(functions.get("HousekeepingFunction")));
        assertTrue(schedules(functions.get("EvaluateFunction")).contains("rate(1 minute)"));
        assertTrue(schedules(functions.get("NotifyFunction")).contains("rate(1 minute)"));
        List<String> housekeeping = schedules(functions.get("HousekeepingFunction"));
        assertTrue(housekeeping.contains("rate(1 hour)"), housekeeping.toString());
        assertTrue(housekeeping.stream().anyMatch(s -> s.startsWith("cron(")), "weekly maintenance schedule");
    }

    Set<String> eventTypes(Map<String, Object> function) {
        Set<String> types = new HashSet<>();
        map(function.get("Events")).values().forEach(e -> types.add((String) map(e).get("Type")));
        return types;
    }

    List<String> schedules(Map<String, Object> function) {
        List<String> schedules = new ArrayList<>();
        map(function.get("Events")).values().forEach(e -> {
            if ("Schedule".equals(map(e).get("Type"))) {
                schedules.add((String) map(map(e).get("Properties")).get("Schedule"));
            }
        });
        return schedules;
    }

    @Test
    void everyFunctionHasItsRequiredPropertiesWithSaneValues() {
        functions().forEach((name, f) -> {
            assertTrue(f.get("Handler") instanceof String h && h.matches("[a-z][\\w.]*\\.[A-Z]\\w*"), name + " Handler");
            assertTrue(f.get("CodeUri") instanceof String uri && uri.endsWith(".jar"), name + " CodeUri must be its packaged jar");
            assertTrue(RUNTIMES.contains(effective(f, "Runtime")), name + " Runtime");
            int memory = ((Number) effective(f, "MemorySize")).intValue();
            assertTrue(memory >= 512 && memory <= 10240, name + " MemorySize " + memory);
            int timeout = ((Number) effective(f, "Timeout")).intValue();
            assertTrue(timeout >= 1 && timeout <= 900, name + " Timeout " + timeout);
            assertNotNull(effective(f, "VpcConfig"), name + " runs in the database's VPC");
            if (eventTypes(f).contains("HttpApi")) {
                assertTrue(timeout <= 30, name + ": API Gateway stops waiting after 30 s");
            }
            map(f.get("Events")).forEach((eventName, e) -> {
                Map<String, Object> props = map(map(e).get("Properties"));
                switch ((String) map(e).get("Type")) {
                    case "Schedule" -> assertValidSchedule(name + "." + eventName, (String) props.get("Schedule"));
                    case "HttpApi" -> {
                        Object api = map(props.get("ApiId")).get("Ref");
                        assertEquals("AWS::Serverless::HttpApi", map(resources.get(api)).get("Type"), "ApiId of " + name);
                        assertEquals("2.0", String.valueOf(props.get("PayloadFormatVersion")), "handler reads payload 2.0");
                    }
                    default -> fail(name + " has an unexpected event type");
                }
            });
        });
        Map<String, Object> snapStart = map(globals.get("SnapStart"));
        assertEquals("PublishedVersions", snapStart.get("ApplyOn"));
        assertNotNull(globals.get("AutoPublishAlias"), "SnapStart needs published versions");
    }

    static void assertValidSchedule(String where, String expression) {
        if (RATE.matcher(expression).matches()) {
            return;
        }
        Matcher cron = CRON.matcher(expression);
        assertTrue(cron.matches(), where + ": not rate(...) or a 6-field cron(...): " + expression);
        String dayOfMonth = cron.group(3);
        String dayOfWeek = cron.group(5);
        assertTrue(dayOfMonth.equals("?") ^ dayOfWeek.equals("?"), where + ": exactly one of day-of-month and day-of-week must be '?'");
        assertTrue(cron.group(1).matches("[0-9,\\-*/]+") && Integer.parseInt(cron.group(1).replaceAll("\\D.*", "0")) < 60, where + " minutes");
        assertTrue(cron.group(2).matches("[0-9,\\-*/]+"), where + " hours");
    }

    @Test
    void everyReferenceResolves() {
        Set<String> known = new HashSet<>(PSEUDO);
        known.addAll(parameters.keySet());
        known.addAll(resources.keySet());
        // SAM's AutoPublishAlias gives each function an alias that !Ref Function.Alias names
        functions().keySet().forEach(name -> known.add(name + ".Alias"));
        Set<String> conditions = map(template.getOrDefault("Conditions", Map.of())).keySet();
        List<String> problems = new ArrayList<>();
        walk(template, node -> {
            if (node.get("Ref") instanceof String ref && !known.contains(ref)) {
                problems.add("!Ref " + ref);
            }
            if (node.get("Fn::GetAtt") instanceof List<?> att && !resources.containsKey(att.get(0))) {
                problems.add("!GetAtt " + att);
            }
            if (node.get("Fn::If") instanceof List<?> branches && !conditions.contains(branches.get(0))) {
                problems.add("!If " + branches.get(0));
            }
            Object sub = node.get("Fn::Sub");
            if (sub != null) {
                String text = sub instanceof List<?> l ? (String) l.get(0) : (String) sub;
                Set<String> local = sub instanceof List<?> l && l.size() > 1 ? map(l.get(1)).keySet() : Set.of();
                Matcher m = SUB_VARIABLE.matcher(text);
                while (m.find()) {
                    String name = m.group(1).split("\\.")[0];
                    if (!known.contains(name) && !local.contains(name)) {
                        problems.add("${" + m.group(1) + "} in " + text);
                    }
                }
            }
        });
        assertTrue(problems.isEmpty(), "unresolved references: " + problems);
        assertTrue(map(template.get("Outputs")).containsKey("IngestUrl"));
    }

    static void walk(Object node, java.util.function.Consumer<Map<String, Object>> visit) {
        if (node instanceof Map<?, ?> m) {
            visit.accept(map(m));
            m.values().forEach(v -> walk(v, visit));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> walk(v, visit));
        }
    }

    @Test
    void eachHandlerIsInItsPackagedJarAndMatchesItsEvents() throws Exception {
        for (Map.Entry<String, Map<String, Object>> entry : functions().entrySet()) {
            Map<String, Object> f = entry.getValue();
            Path jar = ROOT.resolve((String) f.get("CodeUri"));
            assertTrue(Files.isRegularFile(jar), entry.getKey() + ": packaged jar missing: " + jar + " (run mvn package)");
            String handler = (String) f.get("Handler");
            try (JarFile file = new JarFile(jar.toFile())) {
                assertNotNull(file.getEntry(handler.replace('.', '/') + ".class"), handler + " not in " + jar.getFileName());
            }
            System.out.printf("%s jar=%s bytes=%d%n", entry.getKey(), jar.getFileName(), Files.size(jar));
            try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
                Class<?> type = Class.forName(handler, false, loader);
                // without a provider slf4j falls back to a no-op logger: the function would log nothing on Lambda
                assertNotNull(loader.getResource("META-INF/services/org.slf4j.spi.SLF4JServiceProvider"),
                        entry.getKey() + ": no SLF4J provider (logback) in " + jar.getFileName());
                assertTrue(Class.forName("com.amazonaws.services.lambda.runtime.RequestHandler", false, loader).isAssignableFrom(type),
                        handler + " is not a Lambda RequestHandler");
                if (eventTypes(f).contains("HttpApi")) {
                    assertTrue(Class.forName("io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction", false, loader)
                            .isAssignableFrom(type), handler + " must read API Gateway payload 2.0 events");
                } else {
                    Type generic = type.getGenericSuperclass();
                    // a scheduled function reads EventBridge's event, or (evaluate) a type that also takes a shard's constant input
                    assertTrue(generic instanceof ParameterizedType p
                                    && p.getRawType().getTypeName().equals("io.micronaut.function.aws.MicronautRequestHandler")
                                    && SCHEDULED_INPUTS.contains(p.getActualTypeArguments()[0].getTypeName()),
                            handler + " must be a MicronautRequestHandler<ScheduledEvent or EvaluateInvocation, ?>, is " + generic);
                }
            }
        }
    }

    /**
     * Each handler runs from its own packaged jar in a class loader of its own, as on Lambda (its own
     * application.yml, nothing from the other functions), against a fresh MySQL database.
     */
    @Test
    void everySampleEventIsAcceptedByItsHandlerFromItsPackagedJar() throws Exception {
        Map<String, String> db = TestDatabase.freshMysql();
        List<String> seen = new ArrayList<>();
        List<URLClassLoader> loaders = new ArrayList<>();
        Set<Thread> threadsBefore = Set.copyOf(Thread.getAllStackTraces().keySet());
        try {
            runEachHandlerFromItsJar(db, seen, loaders);
        } finally {
            awaitEventLoopsStartedAfter(threadsBefore);
            for (URLClassLoader loader : loaders) {
                loader.close();
            }
        }
        System.out.println("events accepted: " + seen);
        assertTrue(seen.size() >= 5, seen.toString());
    }

    private void runEachHandlerFromItsJar(Map<String, String> db, List<String> seen, List<URLClassLoader> loaders)
            throws Exception {
        for (Map<String, Object> f : functions().values()) {
            String handlerClass = (String) f.get("Handler");
            String prefix = handlerClass.split("\\.")[2];
            List<Path> events;
            try (Stream<Path> files = Files.list(ROOT.resolve("infra/events"))) {
                events = files.filter(p -> p.getFileName().toString().startsWith(prefix + "-")).sorted().toList();
            }
            assertFalse(events.isEmpty(), "no sample event for " + prefix + " in infra/events");
            boolean http = eventTypes(f).contains("HttpApi");
            Path jar = ROOT.resolve((String) f.get("CodeUri"));
            db.forEach(System::setProperty);
            System.setProperty("vigil.admin-token", "template-check");
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            loaders.add(loader);
            try {
                Thread.currentThread().setContextClassLoader(loader);
                Object handler = Class.forName(handlerClass, true, loader).getDeclaredConstructor().newInstance();
                try {
                    Object context = handler.getClass().getMethod("getApplicationContext").invoke(handler);
                    Class<?> mapperType = Class.forName("io.micronaut.json.JsonMapper", true, loader);
                    Object json = context.getClass().getMethod("getBean", Class.class).invoke(context, mapperType);
                    // as Lambda does: the event's JSON read as the handler's own input type
                    Class<?> eventType = http ? Class.forName(APIGatewayV2HTTPEvent.class.getName(), true, loader)
                            : (Class<?>) ((ParameterizedType) handler.getClass().getGenericSuperclass()).getActualTypeArguments()[0];
                    Class<?> lambdaContext = Class.forName("com.amazonaws.services.lambda.runtime.Context", true, loader);
                    Object fakeContext = java.lang.reflect.Proxy.newProxyInstance(loader, new Class<?>[]{lambdaContext},
                            (proxy, method, args) -> switch (method.getName()) {
                                case "getAwsRequestId" -> "template-check";
                                case "getFunctionName" -> prefix;
                                case "getRemainingTimeInMillis", "getMemoryLimitInMB" -> 60_000;
                                case "toString" -> "template-check context";
                                default -> null;
                            });
                    for (Path event : events) {
                        Object parsed = mapperType.getMethod("readValue", String.class, Class.class)
                                .invoke(json, Files.readString(event), eventType);
                        Object answer = handler.getClass().getMethod("handleRequest", Object.class, lambdaContext)
                                .invoke(handler, parsed, fakeContext);
                        if (http) {
                            int status = (Integer) answer.getClass().getMethod("getStatusCode").invoke(answer);
                            assertTrue(status < 500, event.getFileName() + " answered " + status);
                        }
                        seen.add(event.getFileName().toString());
                    }
                } finally {
                    ((AutoCloseable) handler).close();
                }
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
                db.keySet().forEach(System::clearProperty);
                System.clearProperty("vigil.admin-token");
            }
        }
    }

    /**
     * Netty's event loops finish shutting down after the context has closed; closing their class loader
     * before that makes them die with NoClassDefFoundError. Waits (bounded) for the event-loop threads that
     * appeared since {@code before}.
     */
    private static void awaitEventLoopsStartedAfter(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.getName().contains("ventLoop")) {
                t.join(Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        }
    }
}
