package org.immunis.forecast;

public enum SeriesStatus {
    NOT_COMPLETE("Not complete"),
    COMPLETE("Complete"),
    IMMUNE("Immune"),
    CONTRAINDICATED("Contraindicated"),
    AGED_OUT("Aged out"),
    NOT_RECOMMENDED("Not recommended");

    private final String cdsiName;

    SeriesStatus(String cdsiName) {
        this.cdsiName = cdsiName;
    }

    public String cdsiName() {
        return cdsiName;
    }
}
