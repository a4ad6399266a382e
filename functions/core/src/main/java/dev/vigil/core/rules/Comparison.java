package dev.vigil.core.rules;

/** How a value is compared with a level: {@code value OP level}. */
public enum Comparison {
    GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean holds(double value, double level) {
        return switch (this) {
            case GT -> value > level;
            case GE -> value >= level;
            case LT -> value < level;
            case LE -> value <= level;
            case EQ -> value == level;
            case NE -> value != level;
        };
    }

    /** +1 when bigger values are worse, -1 when smaller are, 0 for equality tests (no hysteresis). */
    public int direction() {
        return switch (this) {
            case GT, GE -> 1;
            case LT, LE -> -1;
            case EQ, NE -> 0;
        };
    }

    public static Comparison parse(String symbol) {
        for (Comparison c : values()) {
            if (c.symbol.equals(symbol.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("not one of >, >=, <, <=, ==, !=: '" + symbol + "'");
    }
}
