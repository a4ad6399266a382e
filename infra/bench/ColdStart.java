import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.micronaut.context.ApplicationContextProvider;
import io.micronaut.json.JsonMapper;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Cold start of one Lambda handler in a fresh JVM: from JVM start to the first handled event, as
 * the Lambda runtime would do it (construct the handler, then invoke it with the event).
 * args: handlerClass eventClass eventFile
 */
public class ColdStart {

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainAt = System.currentTimeMillis();
        Object handler = Class.forName(args[0]).getDeclaredConstructor().newInstance();
        long constructedAt = System.currentTimeMillis();
        JsonMapper json = ((ApplicationContextProvider) handler).getApplicationContext().getBean(JsonMapper.class);
        Object event = json.readValue(Files.readString(Path.of(args[2])), Class.forName(args[1]));
        Context context = (Context) java.lang.reflect.Proxy.newProxyInstance(ColdStart.class.getClassLoader(),
                new Class<?>[]{Context.class}, (proxy, method, a) -> switch (method.getName()) {
                    case "getAwsRequestId" -> "cold-start";
                    case "getRemainingTimeInMillis", "getMemoryLimitInMB" -> 60_000;
                    default -> null;
                });
        Object answer = ((RequestHandler) handler).handleRequest(event, context);
        long answeredAt = System.currentTimeMillis();
        String shown = String.valueOf(answer);
        System.out.printf("handler=%s jvm_to_main_ms=%d init_ms=%d first_event_ms=%d total_cold_start_ms=%d answer=%s%n",
                args[0], mainAt - jvmStart, constructedAt - mainAt, answeredAt - constructedAt, answeredAt - jvmStart,
                shown.length() > 120 ? shown.substring(0, 120) : shown);
        System.exit(0);
    }
}
