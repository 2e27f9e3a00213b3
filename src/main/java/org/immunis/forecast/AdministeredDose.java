package org.immunis.forecast;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A dose given: an id the caller chooses (e.g. the Immunization resource id), date, CVX and optional MVX, and what
 * can make it sub-standard: the lot's expiration date (nullable) and whether it was sub-potent or partial.
 */
public record AdministeredDose(String id, LocalDate dateAdministered, String cvx, String mvx,
        LocalDate lotExpirationDate, boolean subpotent) {

    public AdministeredDose {
        Objects.requireNonNull(dateAdministered, "dateAdministered");
        Objects.requireNonNull(cvx, "cvx");
        mvx = mvx == null || mvx.isBlank() ? null : mvx.trim();
    }

    public AdministeredDose(String id, LocalDate dateAdministered, String cvx, String mvx) {
        this(id, dateAdministered, cvx, mvx, null, false);
    }

    public boolean isExpired() {
        return lotExpirationDate != null && lotExpirationDate.isBefore(dateAdministered);
    }
}
