package org.immunis.forecast;

public enum EvaluationStatus {
    VALID("Valid"), NOT_VALID("Not Valid"), EXTRANEOUS("Extraneous");

    private final String cdsiName;

    EvaluationStatus(String cdsiName) {
        this.cdsiName = cdsiName;
    }

    public String cdsiName() {
        return cdsiName;
    }
}
