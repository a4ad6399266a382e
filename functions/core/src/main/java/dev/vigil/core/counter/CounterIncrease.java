package dev.vigil.core.counter;

/** How much a counter grew between two readings, and over how many milliseconds (always > 0). */
public record CounterIncrease(double increase, long millis) {

    public double perSecond() {
        return increase * 1000.0 / millis;
    }
}
