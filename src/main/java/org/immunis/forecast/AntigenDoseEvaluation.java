package org.immunis.forecast;

/**
 * How one dose counted for one antigen in the antigen's chosen series. doseIndex is the dose's position in the list
 * given to the engine; targetDoseNumber (1-based) is null unless the dose is valid.
 */
public record AntigenDoseEvaluation(int doseIndex, AdministeredDose dose, String antigen, EvaluationStatus status,
        String reason, Integer targetDoseNumber) {
}
