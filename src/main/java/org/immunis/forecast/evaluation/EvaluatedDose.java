package org.immunis.forecast.evaluation;

import org.immunis.forecast.EvaluationStatus;

/** A dose as evaluated in one patient series; satisfiedTarget is the 0-based target dose it satisfied, or -1. */
public record EvaluatedDose(GivenDose dose, EvaluationStatus status, String reason, int satisfiedTarget) {

    public static final String TOO_YOUNG = "Age: Too Young";
    public static final String TOO_OLD = "Age: Too Old";
    public static final String TOO_SOON = "Interval: Too Soon";
    public static final String LIVE_VIRUS_CONFLICT = "Live Virus Conflict";
    public static final String INADVERTENT = "Inadvertent Vaccine";
    public static final String NOT_PREFERABLE_OR_ALLOWABLE = "Not a preferable or allowable vaccine";
    public static final String SERIES_COMPLETE = "Series Already Complete";
    public static final String EXPIRED = "Expired";
    public static final String SUBPOTENT = "Sub-potent";

    public boolean isValid() {
        return status == EvaluationStatus.VALID;
    }

    /** Inadvertent and sub-standard doses are never "the previous dose" an interval counts from. */
    public boolean countsAsPreviousDose() {
        return !INADVERTENT.equals(reason) && status != EvaluationStatus.SUB_STANDARD;
    }
}
