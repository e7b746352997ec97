package com.amends.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Where a WebJar on the class path keeps its files: a folder named by the version its Maven metadata gives. */
public final class WebJars {
    private WebJars() {}

    /** The class-path folder of a WebJar, e.g. META-INF/resources/webjars/chart.js/4.5.1 (no leading slash). */
    public static String folder(String group, String artifact) {
        String metadata = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = WebJars.class.getClassLoader().getResourceAsStream(metadata)) {
            if (in == null) {
                throw new IllegalStateException("The WebJar " + group + ":" + artifact + " is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return "META-INF/resources/webjars/" + artifact + "/" + properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
