package com.amends.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Drives the server with wrk (Debian's package), so that the load generator is not what is
 * measured: a C event loop per core instead of a JVM client per connection. Each scenario is a
 * Lua script over the seeded customers and codes; every POST carries an Idempotency-Key of its
 * own.
 */
public final class Wrk {
    /** What one scenario sends. */
    public enum Scenario { ME, VALIDATE, REDEEM, HOT, GRANT }

    /** Requests a second, latency percentiles in ms, and the answers that were not 2xx. */
    public record Result(double throughput, double p50, double p99, long requests, long non2xx, String errors) {}

    private final Path dir;
    private final int port;

    private Wrk(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Writes the seeded data and the script for each scenario into {@code dir}. */
    public static Wrk prepare(Path dir, int port, Seeded data, HttpTarget.Keys keys) throws IOException {
        Files.createDirectories(dir);
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder lua = new StringBuilder("return {\n");
        lua.append("  run = \"").append(run).append("\",\n");
        lua.append("  storefront = \"").append(keys.storefront()).append("\",\n");
        lua.append("  agent = \"").append(keys.agent()).append("\",\n");
        lua.append("  hot = \"").append(data.hotCustomer()).append("\",\n");
        lua.append("  hotCode = \"").append(data.hotCode()).append("\",\n");
        lua.append("  customers = {").append(quoted(data.customers())).append("},\n");
        lua.append("  codes = {").append(quoted(data.codes())).append("},\n}\n");
        Files.writeString(dir.resolve("data.lua"), lua);
        Files.writeString(dir.resolve("scenario.lua"), SCRIPT.replace("DATA_FILE", dir.resolve("data.lua").toString()));
        return new Wrk(dir, port);
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(","));
    }

    /** Runs one scenario at {@code connections} for {@code time}, on two threads (the machine's cores). */
    public Result run(Scenario scenario, int connections, Duration time) throws IOException, InterruptedException {
        Path script = dir.resolve(scenario.name().toLowerCase(Locale.ROOT) + ".lua");
        Files.writeString(script, "scenario = \"" + scenario.name().toLowerCase(Locale.ROOT) + "\"\n"
                + "dofile(\"" + dir.resolve("scenario.lua") + "\")\n");
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + time.toSeconds() + "s", "--latency",
                "--timeout", "10s", "-s", script.toString(), "http://127.0.0.1:" + port).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        return parse(out);
    }

    static Result parse(String out) {
        double throughput = number(out, "Requests/sec:\\s+([\\d.]+)");
        long requests = (long) number(out, "(\\d+) requests in");
        long non2xx = out.contains("Non-2xx") ? (long) number(out, "Non-2xx or 3xx responses: (\\d+)") : 0;
        Matcher errors = Pattern.compile("Socket errors:[^\\n]*").matcher(out);
        return new Result(throughput, millis(out, "50%"), millis(out, "99%"), requests, non2xx,
                errors.find() ? errors.group() : "");
    }

    private static double number(String out, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no '" + pattern + "' in wrk's output:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double millis(String out, String percentile) {
        Matcher m = Pattern.compile("\\s" + percentile + "\\s+([\\d.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    /** The scenarios' requests; {@code scenario} is set by the file that loads this one, {@code id} by setup(). */
    private static final String SCRIPT = """
            local data = dofile("DATA_FILE")
            local threads = 0
            local counter = 0

            function setup(thread)
              threads = threads + 1
              thread:set("id", threads)
            end

            function init(args)
              math.randomseed(os.time() * 100 + id)
            end

            local function key()
              counter = counter + 1
              return string.format("%s-%d-%d-%d", data.run, id, counter, math.random(1, 1000000000))
            end

            local function post(path, secret, body)
              return wrk.format("POST", path, {["Authorization"] = "Bearer " .. secret,
                ["Content-Type"] = "application/json", ["Idempotency-Key"] = key()}, body)
            end

            local function redeem(customer, code)
              local k = key()
              if math.random(2) == 1 then
                return post("/v1/customers/" .. customer .. "/points/redemptions", data.storefront,
                  string.format('{"order_ref":"order-%s","points":%d}', k, math.random(1, 5)))
              end
              return post("/v1/vouchers/" .. code .. "/redemptions", data.storefront,
                string.format('{"order_ref":"order-%s","amount":{"amount":%d,"currency":"EUR"}}', k, math.random(1, 50)))
            end

            function request()
              if scenario == "me" then
                return wrk.format("GET", "/v1/me", {["Authorization"] = "Bearer " .. data.storefront})
              elseif scenario == "validate" then
                return wrk.format("GET", "/v1/vouchers/" .. data.codes[math.random(#data.codes)],
                  {["Authorization"] = "Bearer " .. data.storefront})
              elseif scenario == "redeem" then
                local i = math.random(#data.customers)
                return redeem(data.customers[i], data.codes[i])
              elseif scenario == "hot" then
                return redeem(data.hot, data.hotCode)
              else
                return post("/v1/grants", data.agent, string.format(
                  '{"customer_id":"%s","agent_id":"agent-%d","reason_code":"SHIPPING_DELAY","case_ref":"ZD-%s",'
                  .. '"channel":"email","points":%d}',
                  data.customers[math.random(#data.customers)], math.random(0, 199), key(), math.random(10, 99)))
              end
            end
            """;
}
