package org.immunis.forecast.forecasting;

import java.util.HashSet;
import java.util.Set;
import org.immunis.forecast.evaluation.PatientContext;
import org.immunis.forecast.schedule.AntigenDefinition;
import org.immunis.forecast.schedule.BirthDateImmunity;
import org.immunis.forecast.schedule.VaccineContraindication;

/** Evidence of immunity and antigen-wide contraindications, from the patient's observations and birth date. */
final class ImmunityRules {

    private ImmunityRules() {
    }

    static boolean isImmune(AntigenDefinition antigen, PatientContext context) {
        if (antigen.immunity().clinicalHistoryCodes().stream().anyMatch(context::hasObservation)) {
            return true;
        }
        for (BirthDateImmunity rule : antigen.immunity().birthDates()) {
            if (rule.immunityBirthDate() != null && context.patient().birthDate().isBefore(rule.immunityBirthDate())
                    && rule.exclusionCodes().stream().noneMatch(context::hasObservation)) {
                return true;
            }
        }
        return false;
    }

    /** Vaccines (CVX) the patient must not receive because of an observation, at their age on the assessment date. */
    static Set<String> contraindicatedVaccines(AntigenDefinition antigen, PatientContext context) {
        Set<String> cvx = new HashSet<>();
        for (VaccineContraindication contraindication : antigen.vaccineContraindications()) {
            if (context.hasObservation(contraindication.observationCode())) {
                contraindication.vaccines().stream()
                        .filter(v -> context.isAgeWithin(context.assessmentDate(), v.beginAge(), v.endAge()))
                        .forEach(v -> cvx.add(v.cvx()));
            }
        }
        return cvx;
    }

    static boolean isContraindicated(AntigenDefinition antigen, PatientContext context) {
        return antigen.antigenContraindications().stream().anyMatch(c -> context.hasObservation(c.observationCode())
                && context.isAgeWithin(context.assessmentDate(), c.beginAge(), c.endAge()));
    }
}
