package org.immunis.forecast.schedule;

public record CvxAntigenAssociation(String antigen, TimeOffset beginAge, TimeOffset endAge) {
}
