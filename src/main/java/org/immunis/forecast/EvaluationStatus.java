package org.immunis.forecast;

public enum EvaluationStatus {
    VALID("Valid"), NOT_VALID("Not Valid"), EXTRANEOUS("Extraneous"), SUB_STANDARD("Sub-standard");

    private final String cdsiName;

    EvaluationStatus(String cdsiName) {
        this.cdsiName = cdsiName;
    }

    public String cdsiName() {
        return cdsiName;
    }
}
