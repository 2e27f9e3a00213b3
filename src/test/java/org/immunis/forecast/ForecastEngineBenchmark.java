package org.immunis.forecast;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Forecasts per second on one thread for a 15-year-old with a complete ACIP childhood history (35 doses), all
 * vaccine groups assessed. Not a test: run it by hand (see docs/forecast.md). Arguments: warm-up and measured
 * seconds (default 10 and 20).
 */
public final class ForecastEngineBenchmark {

    private ForecastEngineBenchmark() {
    }

    public static void main(String[] args) {
        int warmUpSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int measureSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long loadStart = System.nanoTime();
        ForecastEngine engine = ForecastEngine.withBundledSchedule();
        System.out.printf("Schedule %s loaded in %d ms%n", engine.schedule().sourceVersion(),
                (System.nanoTime() - loadStart) / 1_000_000);
        LocalDate birth = LocalDate.of(2010, 6, 1);
        PatientFacts teen = new PatientFacts(birth, Gender.FEMALE);
        List<AdministeredDose> history = childhoodHistory(birth);
        LocalDate assessmentDate = birth.plusYears(15).plusDays(14);

        run(engine, teen, history, assessmentDate, warmUpSeconds);
        long[] result = run(engine, teen, history, assessmentDate, measureSeconds);
        double perSecond = result[0] * 1e9 / result[1];
        double perCpuSecond = result[0] * 1e9 / result[3];
        System.out.printf("Patient: 15 years old, %d doses, %d vaccine groups assessed%n", history.size(), result[2]);
        System.out.printf("Forecasts per second, 1 thread, wall clock: %.0f (%.1f us each)%n", perSecond,
                1e6 / perSecond);
        System.out.printf("Forecasts per second of CPU time on one core: %.0f (%.1f us each)%n", perCpuSecond,
                1e6 / perCpuSecond);
    }

    /**
     * Returns the forecasts made, the wall-clock nanoseconds, the vaccine groups of the last result and the thread's
     * CPU nanoseconds (which other processes on a shared machine do not inflate).
     */
    private static long[] run(ForecastEngine engine, PatientFacts patient, List<AdministeredDose> history,
            LocalDate assessmentDate, int seconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long count = 0;
        long groups = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 100; i++) {
                groups = engine.assess(patient, history, assessmentDate).vaccineGroups().size();
                count++;
            }
        }
        return new long[] {count, System.nanoTime() - start, groups, threads.getCurrentThreadCpuTime() - cpuStart};
    }

    static List<AdministeredDose> childhoodHistory(LocalDate birth) {
        List<AdministeredDose> doses = new ArrayList<>();
        add(doses, birth, "08", 0, 1, 6);                   // HepB
        add(doses, birth, "20", 2, 4, 6, 15, 48);           // DTaP
        add(doses, birth, "48", 2, 4, 6, 15);               // Hib (PRP-T)
        add(doses, birth, "10", 2, 4, 6, 48);               // IPV
        add(doses, birth, "133", 2, 4, 6, 12);              // PCV13
        add(doses, birth, "116", 2, 4, 6);                  // Rotavirus (RotaTeq)
        add(doses, birth, "03", 12, 48);                    // MMR
        add(doses, birth, "21", 12, 48);                    // Varicella
        add(doses, birth, "83", 12, 18);                    // HepA
        add(doses, birth, "115", 132);                      // Tdap at 11
        add(doses, birth, "114", 132);                      // MenACWY at 11
        add(doses, birth, "165", 132, 138);                 // HPV at 11 and 11.5
        add(doses, birth, "141", 160, 172);                 // Influenza, last two seasons
        return doses;
    }

    private static void add(List<AdministeredDose> doses, LocalDate birth, String cvx, int... ageInMonths) {
        for (int months : ageInMonths) {
            doses.add(new AdministeredDose(cvx + "@" + months, birth.plusMonths(months), cvx, null));
        }
    }
}
