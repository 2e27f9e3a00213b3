package org.immunis.forecast.schedule;

public record LiveVirusConflict(
        String previousCvx,
        String currentCvx,
        TimeOffset conflictBeginInterval,
        TimeOffset minConflictEndInterval,
        TimeOffset conflictEndInterval) {
}
