package org.immunis.validation;

/**
 * One reason a record cannot be stored.
 *
 * @param path the FHIRPath of the offending element, e.g. {@code Immunization.vaccineCode}
 * @param message what is wrong, for the person who sent it
 */
public record RecordProblem(String path, String message) {}
