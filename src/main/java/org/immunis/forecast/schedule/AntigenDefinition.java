package org.immunis.forecast.schedule;

import java.util.List;

public record AntigenDefinition(
        String antigen,
        String sourceVersion,
        Immunity immunity,
        List<AntigenContraindication> antigenContraindications,
        List<VaccineContraindication> vaccineContraindications,
        List<SeriesDefinition> series) {
}
