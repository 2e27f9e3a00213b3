package org.immunis.forecast;

import java.util.List;

/** A dose's evaluation for a vaccine group, combined from its antigens (e.g. Diphtheria, Tetanus, Pertussis). */
public record DoseEvaluation(int doseIndex, AdministeredDose dose, EvaluationStatus status, String reason,
        List<AntigenDoseEvaluation> antigens) {
}
