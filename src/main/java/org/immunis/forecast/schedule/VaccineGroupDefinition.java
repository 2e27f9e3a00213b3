package org.immunis.forecast.schedule;

import java.util.List;

/** A vaccine group; administerFullVaccineGroup means every antigen of the group is forecast together (MMR). */
public record VaccineGroupDefinition(String name, List<String> antigens, boolean administerFullVaccineGroup) {
}
