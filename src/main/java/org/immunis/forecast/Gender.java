package org.immunis.forecast;

public enum Gender {
    FEMALE("Female"), MALE("Male"), UNKNOWN("Unknown");

    private final String cdsiName;

    Gender(String cdsiName) {
        this.cdsiName = cdsiName;
    }

    public String cdsiName() {
        return cdsiName;
    }
}
