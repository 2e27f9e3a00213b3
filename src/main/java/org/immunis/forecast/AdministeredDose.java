package org.immunis.forecast;

import java.time.LocalDate;
import java.util.Objects;

/** A dose given: an id the caller chooses (e.g. the Immunization resource id), date, CVX and optional MVX. */
public record AdministeredDose(String id, LocalDate dateAdministered, String cvx, String mvx) {

    public AdministeredDose {
        Objects.requireNonNull(dateAdministered, "dateAdministered");
        Objects.requireNonNull(cvx, "cvx");
        mvx = mvx == null || mvx.isBlank() ? null : mvx.trim();
    }
}
