package io.getbill.conformance.pact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The pact files to verify: those of a directory given with {@code --pacts}, or those the build packaged under
 * {@value #CLASSPATH_DIR} (copied from {@code client/target/pacts}, which the partner client's consumer tests write).
 */
public final class PactFiles {

    public static final String CLASSPATH_DIR = "io/getbill/conformance/pacts";

    /** A pact document and where it came from. */
    public record PactFile(String name, String json) {
    }

    private PactFiles() {
    }

    public static List<PactFile> load(Path directory) {
        try {
            return directory == null ? packaged() : fromDirectory(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<PactFile> fromDirectory(Path dir) throws IOException {
        List<PactFile> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                out.add(new PactFile(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    static List<PactFile> packaged() throws IOException {
        List<PactFile> out = new ArrayList<>();
        Enumeration<URL> roots = PactFiles.class.getClassLoader().getResources(CLASSPATH_DIR);
        while (roots.hasMoreElements()) {
            URL url = roots.nextElement();
            if ("file".equals(url.getProtocol())) {
                try {
                    out.addAll(fromDirectory(Path.of(url.toURI())));
                } catch (URISyntaxException e) {
                    throw new IOException(e);
                }
            } else if ("jar".equals(url.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry e = entries.nextElement();
                        if (e.getName().startsWith(CLASSPATH_DIR + "/") && e.getName().endsWith(".json")) {
                            try (InputStream in = jar.getInputStream(e)) {
                                out.add(new PactFile(e.getName().substring(CLASSPATH_DIR.length() + 1),
                                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
