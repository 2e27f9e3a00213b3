package org.immunis.forecast.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads the project's JSON schedule from the classpath or from a directory an operator chose. */
public final class ScheduleLoader {

    public static final String CLASSPATH_LOCATION = "forecast/schedule/";

    private ScheduleLoader() {
    }

    public static Schedule fromClasspath() {
        ClassLoader loader = ScheduleLoader.class.getClassLoader();
        return load(name -> loader.getResourceAsStream(CLASSPATH_LOCATION + name), "classpath:" + CLASSPATH_LOCATION);
    }

    public static Schedule fromDirectory(Path directory) {
        return load(name -> {
            Path file = directory.resolve(name);
            return Files.exists(file) ? Files.newInputStream(file) : null;
        }, directory.toString());
    }

    private static Schedule load(Source source, String where) {
        ScheduleData data = read(source, ScheduleJson.SCHEDULE_FILE, ScheduleData.class, where);
        List<AntigenDefinition> antigens = new ArrayList<>();
        for (String file : data.antigenFiles()) {
            antigens.add(read(source, file, AntigenDefinition.class, where));
        }
        return new Schedule(data, antigens);
    }

    private static <T> T read(Source source, String name, Class<T> type, String where) {
        try (InputStream in = source.open(name)) {
            if (in == null) {
                throw new IllegalStateException("Schedule file " + name + " not found in " + where);
            }
            return ScheduleJson.MAPPER.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schedule file " + name + " from " + where, e);
        }
    }

    @FunctionalInterface
    private interface Source {
        InputStream open(String name) throws IOException;
    }
}
