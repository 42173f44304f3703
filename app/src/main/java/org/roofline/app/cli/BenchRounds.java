package org.roofline.app.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --warmup} and {@code --repeat}, and the runs they ask for: every stage {@code warmup} times untimed, then
 * {@code repeat} rounds in which each stage runs once, in turn (so that a change in the machine's load affects all
 * stages alike); a stage's figure is the median of its timed runs. A {@code @Mixin}; a command whose default warm-up is
 * not 3 initializes the field with {@link #BenchRounds(int)}.
 */
final class BenchRounds {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--warmup", paramLabel = "W",
            description = "Untimed warm-up rounds of every stage, for the JIT compiler (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeat", paramLabel = "R",
            description = "Timed repetitions after the warm-up; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeat = 3;

    BenchRounds() {
        this(3);
    }

    /** @param warmup the default number of warm-up rounds */
    BenchRounds(int warmup) {
        this.warmup = warmup;
    }

    /** Checks the values: a negative warm-up or a repeat count below one is a usage error. */
    void check() {
        if (warmup < 0) {
            throw InvalidOption.of(spec, "--warmup", warmup + " is negative");
        }
        if (repeat < 1) {
            throw InvalidOption.of(spec, "--repeat", repeat + " is not positive");
        }
    }

    /** A stage's figures: the median of its timed runs in seconds, and what its last run returned. */
    record Timing<T>(double seconds, T result) {
    }

    /**
     * Runs the stages as the options say (see the class comment).
     *
     * @return one timing a stage, in the stages' order
     */
    <T> List<Timing<T>> time(List<? extends Supplier<? extends T>> stages) {
        int n = stages.size();
        List<T> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            results.add(null);
        }
        for (int w = 0; w < warmup; w++) {
            for (int i = 0; i < n; i++) {
                results.set(i, stages.get(i).get());
            }
        }
        double[][] t = new double[n][repeat];
        for (int r = 0; r < repeat; r++) {
            for (int i = 0; i < n; i++) {
                results.set(i, null); // the previous result may be collected before the next run
                long start = System.nanoTime();
                results.set(i, stages.get(i).get());
                t[i][r] = (System.nanoTime() - start) / 1e9;
            }
        }
        List<Timing<T>> timings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            timings.add(new Timing<>(median(t[i]), results.get(i)));
        }
        return timings;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int k = v.length;
        return k % 2 == 1 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
    }

    int warmup() {
        return warmup;
    }

    int repeat() {
        return repeat;
    }
}
