package dev.vigil.ingest.format.influx;

import dev.vigil.ingest.format.IngestFormatCompatibilityTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class InfluxWriteTest extends IngestFormatCompatibilityTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected String path(String host) {
        return "/api/v1/write/influx";
    }

    @Override
    protected String contentType() {
        return "text/plain; charset=utf-8";
    }

    @Override
    protected String machineBody(String host, long ts) {
        long ns = ts * 1_000_000L;
        return """
                mem,host=%1$s total=1000i,available=250i,used=700i,free=50i,used_percent=70 %2$d
                disk,device=vda1,fstype=ext4,host=%1$s,mode=rw,path=/ free=50i,total=1000i,used=950i,used_percent=95,inodes_total=100i,inodes_used=10i,inodes_free=90i %2$d
                disk,device=tmpfs,fstype=tmpfs,host=%1$s,mode=rw,path=/run free=1i,total=1000i,used=999i,used_percent=99.9 %2$d
                """.formatted(host, ns);
    }

    @Override
    protected String bodyWithOneBadEntry(String host, long ts) {
        long ns = ts * 1_000_000L;
        return """
                system,host=%1$s load1=0.5,load5=0.4,load15=0.3 %2$d
                # a comment line counts as a line
                system,host=%1$s load1=abc %2$d
                """.formatted(host, ns);
    }

    @Override
    protected String badLocation() {
        return "line 3: value 'abc' of field 'load1'";
    }

    @Override
    protected String gauges(String host, int count, long ts) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < count; i++) {
            body.append("custom,host=").append(host).append(",i=").append(i).append(" value=").append(i)
                    .append(' ').append(ts * 1_000_000L).append('\n');
        }
        return body.toString();
    }

    private HttpResponse<String> send(String pathAndQuery, String authorization, byte[] body, String encoding) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + pathAndQuery))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void stockTelegrafV1AndV2OutputsAreAnsweredLikeInfluxDb() throws IOException {
        long s = nowMillis() / 1000 - 700;
        byte[] v1 = ("system,host=db-01 load1=1.5,load5=1.25,load15=1 " + s + "\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> queryParams = send("/write?db=telegraf&precision=s&u=telegraf&p=" + hostToken, null, v1, null);
        assertEquals(204, queryParams.statusCode(), queryParams.body());
        assertEquals("3", queryParams.headers().firstValue("X-Vigil-Accepted").orElseThrow());
        assertEquals(1.25, latestValue(HOST, "load5", Map.of()).orElseThrow().value());
        assertEquals(s * 1000, latestValue(HOST, "load5", Map.of()).orElseThrow().ts());

        String basic = "Basic " + Base64.getEncoder().encodeToString(("telegraf:" + hostToken).getBytes(StandardCharsets.UTF_8));
        byte[] v1b = ("system,host=db-01 load1=2 " + (s + 1) + "\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(204, send("/write?db=telegraf&precision=s", basic, v1b, null).statusCode());
        assertEquals(200, send("/query?q=CREATE+DATABASE+telegraf", basic, new byte[0], null).statusCode());

        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(("system,host=db-01 load1=3 " + (s + 2) * 1_000_000_000L + "\n").getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> v2 = send("/api/v2/write?org=o&bucket=b", "Token " + hostToken, gz.toByteArray(), "gzip");
        assertEquals(204, v2.statusCode(), v2.body());
        assertEquals(3.0, latestValue(HOST, "load1", Map.of()).orElseThrow().value());

        assertRefused(send("/api/v2/write?org=o&bucket=b", "Token wrong", v1, null), 401, "invalid");
        assertRefused(send("/write?db=telegraf&u=x&p=wrong", null, v1, null), 401, "invalid");
        assertRefused(send("/write?precision=fortnight", "Token " + hostToken, v1, null), 400, "precision");
    }

    @Test
    void linesForAnotherHostAreRefusedAndLinesWithoutHostBelongToTheToken() {
        long ns = (nowMillis() - 800_000) * 1_000_000L;
        assertRefused(post(hostToken, "system,host=db-01 load1=1 " + ns + "\nsystem,host=web-01 load1=1 " + ns + "\n"),
                403, "line 2: this token belongs to host 'db-01' and may not write for host 'web-01'");
        HttpResponse<String> noHost = post(hostToken, "app_queue,queue=mail depth=7i " + ns + "\n");
        assertEquals(202, noHost.statusCode(), noHost.body());
        assertEquals(7.0, latestValue(HOST, "app_queue_depth", Map.of("queue", "mail")).orElseThrow().value());
    }

    @Test
    void netCountersBecomeRatesAcrossRequests() {
        long ms = nowMillis() - 900_000;
        String line = "net,host=db-01,interface=eth0 bytes_recv=%di,bytes_sent=%di,err_in=%di,err_out=1i %d\n";
        assertEquals(202, post(hostToken, line.formatted(1_000, 500, 0, ms * 1_000_000L)).statusCode());
        HttpResponse<String> second = post(hostToken, line.formatted(21_000, 1_500, 30, (ms + 10_000) * 1_000_000L));
        assertEquals(202, second.statusCode(), second.body());
        assertEquals(2_000.0, latestValue(HOST, "net_rx_bytes_per_second", Map.of("iface", "eth0")).orElseThrow().value(), 1e-9);
        assertEquals(100.0, latestValue(HOST, "net_tx_bytes_per_second", Map.of("iface", "eth0")).orElseThrow().value(), 1e-9);
        assertEquals(3.0, latestValue(HOST, "net_errors_per_second", Map.of("iface", "eth0")).orElseThrow().value(), 1e-9);
    }

    @Test
    void telegrafDocumentationShapedBodyMapsToTheContractNames() {
        long ns = (nowMillis() - 1_000) * 1_000_000L;
        String host = "telegraf-01"; // its own host, so other scenarios' values cannot be the latest
        String token = hosts.register(host).orElseThrow().token();
        HttpResponse<String> response = api.post(path(host), token, contentType(),
                TelegrafSamples.stockInputs(host, ns).getBytes(StandardCharsets.UTF_8));
        assertEquals(202, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"dropped\":1"), "uptime_format is a string: " + response.body());
        assertEquals(100.0 - 90.5 - 2.5, latestValue(host, "cpu_usage_percent", Map.of()).orElseThrow().value(), 1e-9);
        assertEquals(2.5, latestValue(host, "cpu_iowait_percent", Map.of()).orElseThrow().value(), 1e-9);
        assertEquals(4.0, latestValue(host, "cpu_count", Map.of()).orElseThrow().value());
        assertEquals(25.0, latestValue(host, "swap_used_percent", Map.of()).orElseThrow().value(), 1e-9);
        assertEquals(86_400.0, latestValue(host, "uptime_seconds", Map.of()).orElseThrow().value());
        assertEquals(0.64, latestValue(host, "load15", Map.of()).orElseThrow().value());
        assertEquals(40.0, latestValue(host, "inode_used_percent", Map.of("mount", "/", "fstype", "ext4")).orElseThrow().value(), 1e-9);
        assertTrue(latestValue(host, "disk_used_percent", Map.of("mount", "/boot")).isPresent());
        assertTrue(latestValue(host, "system_n_users", Map.of()).isPresent(), "unmapped fields keep their own names");
        assertTrue(latestValue(host, "cpu_usage_user", Map.of("cpu", "cpu-total")).isPresent());
    }
}
