package org.immunis.forecast.forecasting;

import org.immunis.forecast.evaluation.PatientContext;
import org.immunis.forecast.schedule.AntigenDefinition;
import org.immunis.forecast.schedule.BirthDateImmunity;

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

    static boolean isContraindicated(AntigenDefinition antigen, PatientContext context) {
        return antigen.antigenContraindications().stream().anyMatch(c -> context.hasObservation(c.observationCode())
                && context.isAgeWithin(context.assessmentDate(), c.beginAge(), c.endAge()));
    }
}
