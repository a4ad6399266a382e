package dev.vigil.core.evaluate;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sub-sampled fit (first, middle and last 5 minutes of the hour) against the fit over every point, on noisy data. */
class TrendPredictorTest {

    private static final double GIB = 1024.0 * 1024 * 1024;

    @Test
    void theSubSampledFitPredictsAboutAsWellAsTheWholeHourOnNoisyData() {
        long now = 10_000_000_000L;
        long window = 3_600_000L;
        long piece = RuleQueries.TREND_PIECE_MILLIS;
        long from = now - window;
        long mid = from + window / 2;
        long[][] pieces = {{from, from + piece}, {mid - piece / 2, mid + piece / 2}, {now - piece, now}};
        double rate = 12 * GIB / 3_600_000.0; // 12 GiB an hour
        double freeNow = 40 * GIB;              // empty in 3h20m
        double truth = freeNow / rate;
        double wholeError = 0;
        double subError = 0;
        int trials = 200;
        for (int seed = 0; seed < trials; seed++) {
            Random random = new Random(seed);
            double[] whole = new double[5];
            double[] sub = new double[5];
            double latest = 0;
            for (long ts = from + 15_000; ts <= now; ts += 15_000) {
                double value = freeNow + (now - ts) * rate + random.nextGaussian() * 0.5 * GIB;
                latest = value;
                add(whole, ts, now, value);
                for (long[] p : pieces) {
                    if (ts > p[0] && ts <= p[1]) {
                        add(sub, ts, now, value);
                    }
                }
            }
            assertTrue(sub[0] == 60, "60 of 240 points: " + sub[0]);
            wholeError += Math.abs(predict(whole, latest) - truth) / truth;
            double subRelative = Math.abs(predict(sub, latest) - truth) / truth;
            assertTrue(subRelative < 0.06, "seed " + seed + ": " + subRelative);
            subError += subRelative;
        }
        wholeError /= trials;
        subError /= trials;
        assertTrue(subError < 0.02 && subError < 2 * wholeError, "sub-sampled " + subError + ", whole " + wholeError);
    }

    private static void add(double[] sums, long ts, long now, double value) {
        double x = (ts - now) * 1e-3;
        sums[0]++;
        sums[1] += x;
        sums[2] += value;
        sums[3] += value * x;
        sums[4] += x * x;
    }

    private static double predict(double[] s, double latest) {
        Long until = TrendPredictor.millisUntil((long) s[0], s[1], s[2], s[3], s[4], latest, 0);
        assertNotNull(until);
        return until;
    }
}
