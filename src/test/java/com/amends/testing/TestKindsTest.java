package com.amends.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every test class says which kind it is, with exactly one tag: the build runs the fast ones
 * first (and alone with {@code mvn -Pfast test}) and the rest after, so an untagged class would
 * silently join the slow half, and a server test tagged fast would slow the fast one down.
 */
@Tag("fast")
class TestKindsTest {
    /**
     * fast: rules alone, no server, no database. database: SQL or a plan, no HTTP. http: a server
     * over HTTP. restart: a server stopped and started on the same data. property: the jqwik bank
     * test. contract: the served OpenAPI document against the checked-in one (no server, but it
     * reads every resource, which takes seconds). browser: the console in a headless Chromium against a
     * server (skipped, with one line saying so, where Chromium and its driver are not installed).
     */
    static final Set<String> KINDS = Set.of("fast", "database", "http", "restart", "property", "contract", "browser");

    @Test
    void shouldGiveEveryTestClassExactlyOneKind() throws Exception {
        List<String> wrong = new ArrayList<>();
        List<String> classes = testClasses();
        for (String name : classes) {
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            if (!hasTests(type)) {
                continue; // a main whose name ends in Test, such as the crash test under bench/
            }
            List<String> kinds = new ArrayList<>();
            for (Annotation annotation : type.getAnnotations()) {
                kinds.addAll(tags(annotation).stream().filter(KINDS::contains).toList());
            }
            if (kinds.size() != 1) {
                wrong.add(name + " " + kinds);
            }
        }
        assertThat(classes).as("test classes found").hasSizeGreaterThan(10);
        assertThat(wrong).as("test classes without exactly one of the kinds %s", KINDS).isEmpty();
    }

    private static final Set<String> TEST_ANNOTATIONS = Set.of("org.junit.jupiter.api.Test",
            "org.junit.jupiter.params.ParameterizedTest", "org.junit.jupiter.api.RepeatedTest",
            "org.junit.jupiter.api.TestFactory", "net.jqwik.api.Property", "net.jqwik.api.Example");

    private static boolean hasTests(Class<?> type) {
        for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
            for (Annotation annotation : method.getAnnotations()) {
                if (TEST_ANNOTATIONS.contains(annotation.annotationType().getName())) {
                    return true;
                }
            }
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            if (hasTests(nested)) {
                return true;
            }
        }
        return false;
    }

    /** JUnit's @Tag and jqwik's (which the bank test uses), repeated or not. */
    private static List<String> tags(Annotation annotation) {
        String type = annotation.annotationType().getName();
        try {
            if (type.equals("org.junit.jupiter.api.Tag") || type.equals("net.jqwik.api.Tag")) {
                return List.of((String) annotation.annotationType().getMethod("value").invoke(annotation));
            }
            if (type.equals("org.junit.jupiter.api.Tags") || type.equals("net.jqwik.api.Tag$List")) {
                List<String> all = new ArrayList<>();
                for (Annotation one : (Annotation[]) annotation.annotationType().getMethod("value").invoke(annotation)) {
                    all.addAll(tags(one));
                }
                return all;
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return List.of();
    }

    /** The top-level classes the build's test plugin picks up by name, from the compiled test classes. */
    private static List<String> testClasses() throws IOException, URISyntaxException {
        Path root = Path.of(TestKindsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(root::relativize).map(Path::toString)
                    .filter(file -> file.endsWith("Test.class") && !file.contains("$"))
                    .map(file -> file.substring(0, file.length() - ".class".length()).replace(root.getFileSystem().getSeparator(), "."))
                    .sorted().toList();
        }
    }
}
