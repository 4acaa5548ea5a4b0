package io.kvs.bench.cluster;

import java.util.Collection;

/** Nearest-rank percentiles of a finished set of samples. */
final class Percentiles {

    private final double[] sorted;

    Percentiles(Collection<Double> samples) {
        sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    int count() {
        return sorted.length;
    }

    /** {@code p} in 0..100; NaN without samples. */
    double at(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }
}
