package org.immunis.forecast.schedule;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Small DOM helpers for reading CDC's supporting data XML. Empty elements read as null. */
final class CdsiXml {

    private static final DateTimeFormatter COMPACT_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");

    private CdsiXml() {
    }

    static Element parse(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read CDSi supporting data " + file, e);
        }
    }

    static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        if (parent == null) {
            return result;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                result.add(element);
            }
        }
        return result;
    }

    static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    static String text(Element parent, String name) {
        Element element = child(parent, name);
        if (element == null) {
            return null;
        }
        String value = element.getTextContent().trim().replaceAll("\\s+", " ");
        return value.isEmpty() ? null : value;
    }

    static TimeOffset offset(Element parent, String name) {
        return TimeOffset.parse(text(parent, name));
    }

    static LocalDate date(Element parent, String name) {
        String value = text(parent, name);
        if (value == null) {
            return null;
        }
        return LocalDate.parse(value, value.contains("/") ? US_DATE : COMPACT_DATE);
    }

    static boolean yes(Element parent, String name) {
        String value = text(parent, name);
        return value != null && (value.equalsIgnoreCase("Yes") || value.equalsIgnoreCase("Y"));
    }

    /** Splits "09;28; 35" lists; a CVX keeps its leading zeros. */
    static List<String> list(Element parent, String name) {
        String value = text(parent, name);
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split("[;,]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static List<String> texts(Element parent, String name) {
        return children(parent, name).stream()
                .map(e -> e.getTextContent().trim())
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
