package org.immunis.forecast.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Converts a CDC CDSi supporting data release (XML) into the project's JSON schedule:
 * {@code schedule.json} plus one {@code antigen-*.json} per antigen, each recording the source version.
 *
 * <p>Usage: {@code CdsiSupportingDataConverter <supporting-data-dir> <output-dir> [version]}; the version
 * defaults to the part of the directory name after the last '-' (supporting-data-4.64 gives 4.64).
 */
public final class CdsiSupportingDataConverter {

    private CdsiSupportingDataConverter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("Usage: CdsiSupportingDataConverter <supporting-data-dir> <output-dir> [version]");
            System.exit(2);
        }
        Path source = Path.of(args[0]);
        String version = args.length > 2 ? args[2] : versionFromDirectoryName(source);
        List<String> written = convert(source, Path.of(args[1]), version);
        System.out.println("Wrote " + written.size() + " files (CDSi supporting data " + version + ") to " + args[1]);
    }

    public static List<String> convert(Path source, Path output, String version) throws IOException {
        Files.createDirectories(output);
        List<Path> antigenXml;
        try (Stream<Path> files = Files.list(source)) {
            antigenXml = files.filter(f -> f.getFileName().toString().startsWith("AntigenSupportingData-")
                    && f.getFileName().toString().endsWith(".xml")).sorted().toList();
        }
        List<String> antigenFiles = new ArrayList<>();
        for (Path xml : antigenXml) {
            AntigenDefinition antigen = AntigenXmlReader.read(xml, version);
            String name = ScheduleJson.antigenFileName(antigen.antigen());
            ScheduleJson.MAPPER.writeValue(output.resolve(name).toFile(), antigen);
            antigenFiles.add(name);
        }
        ScheduleData schedule =
                ScheduleXmlReader.read(source.resolve("ScheduleSupportingData.xml"), version, antigenFiles);
        ScheduleJson.MAPPER.writeValue(output.resolve(ScheduleJson.SCHEDULE_FILE).toFile(), schedule);
        List<String> written = new ArrayList<>(antigenFiles);
        written.add(ScheduleJson.SCHEDULE_FILE);
        return written;
    }

    static String versionFromDirectoryName(Path source) {
        String name = source.toAbsolutePath().normalize().getFileName().toString();
        return name.substring(name.lastIndexOf('-') + 1);
    }
}
