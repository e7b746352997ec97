package com.amends.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads the server's JFR recording and says where its CPU time went: each execution sample is
 * charged to the first frame outside the JDK (so a HashMap lookup made by Jackson counts as
 * Jackson), grouped by library and by method; and where its threads waited for a lock.
 */
public final class Profile {
    private static final List<String[]> AREAS = List.of(
            new String[] {"org.h2.", "H2 (database engine)"},
            new String[] {"org.postgresql.", "PostgreSQL driver"},
            new String[] {"org.eclipse.jetty.", "Jetty (HTTP)"},
            new String[] {"org.glassfish.", "Jersey (JAX-RS)"},
            new String[] {"jakarta.", "Jersey (JAX-RS)"},
            new String[] {"com.fasterxml.jackson.", "Jackson (JSON)"},
            new String[] {"org.jdbi.", "Jdbi"},
            new String[] {"org.apache.tomcat.jdbc.", "connection pool"},
            new String[] {"ch.qos.logback.", "logging"},
            new String[] {"org.slf4j.", "logging"},
            new String[] {"org.hibernate.validator.", "bean validation"},
            new String[] {"io.dropwizard.", "Dropwizard (auth, metrics, filters)"},
            new String[] {"com.codahale.metrics.", "Dropwizard (auth, metrics, filters)"},
            new String[] {"com.github.benmanes.caffeine.", "key cache"},
            new String[] {"com.amends.", "Amends code"});

    private Profile() {}

    public static String summarise(Path recording, int top) throws IOException {
        Map<String, Long> areas = new HashMap<>();
        Map<String, Long> methods = new HashMap<>();
        Map<String, Long> waits = new HashMap<>();
        long samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            String type = event.getEventType().getName();
            if (event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (type.equals("jdk.ExecutionSample")) {
                samples++;
                RecordedFrame charged = frames.stream().filter(f -> f.isJavaFrame() && !jdk(typeOf(f))).findFirst()
                        .orElse(frames.isEmpty() ? null : frames.get(0));
                String name = charged == null ? "?" : typeOf(charged);
                areas.merge(area(name), 1L, Long::sum);
                methods.merge(charged == null ? "?" : shortName(name) + "." + charged.getMethod().getName(), 1L, Long::sum);
            } else if (type.equals("jdk.ThreadPark") || type.equals("jdk.JavaMonitorEnter")) {
                String where = frames.stream().filter(f -> typeOf(f).startsWith("com.amends.")).findFirst()
                        .map(f -> shortName(typeOf(f)) + "." + f.getMethod().getName())
                        .orElseGet(() -> frames.stream().filter(f -> !jdk(typeOf(f))).findFirst()
                                .map(f -> shortName(typeOf(f)) + "." + f.getMethod().getName()).orElse("JDK"));
                waits.merge(where, event.getDuration().toMillis(), Long::sum);
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "CPU samples: %,d (each charged to its first frame outside the JDK)%n", samples));
        out.append(table("where the CPU went", areas, samples, top, "%"));
        out.append(table("hottest methods", methods, samples, top, "%"));
        out.append(table("lock and park waits over 10 ms (thread-ms, by the first Amends frame)", waits, 0, top, "ms"));
        return out.toString();
    }

    private static String table(String title, Map<String, Long> counts, long total, int top, String unit) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n  %s%n", title));
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.append(unit.equals("%")
                        ? String.format(Locale.ROOT, "  %6.1f %%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey())
                        : String.format(Locale.ROOT, "  %,9d ms  %s%n", e.getValue(), e.getKey())));
        if (counts.isEmpty()) {
            out.append("  (none)\n");
        }
        return out.toString();
    }

    private static String typeOf(RecordedFrame frame) {
        return frame.getMethod() == null ? "?" : frame.getMethod().getType().getName();
    }

    private static boolean jdk(String type) {
        return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") || type.startsWith("com.sun.");
    }

    private static String area(String type) {
        for (String[] area : AREAS) {
            if (type.startsWith(area[0])) {
                return area[1];
            }
        }
        return jdk(type) ? "JDK (I/O, threads)" : "other: " + type.substring(0, Math.max(0, type.lastIndexOf('.')));
    }

    private static String shortName(String type) {
        String[] parts = type.split("\\.");
        return parts.length <= 2 ? type : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    /** The JVM option that records what {@link #summarise} reads. */
    public static String recordingOption(Path file) {
        return "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + file;
    }

}
