package org.tbg.pool.stats;

/**
 * One reading of a {@link HashrateMeter}, in hashes per second, as the {@code hashrate_update}
 * event and the {@code workers} table carry it.
 */
public record Hashrates(double oneMinute, double fiveMinutes, double oneHour, double oneDay) {

    public static final Hashrates ZERO = new Hashrates(0, 0, 0, 0);

    public double of(HashrateWindow w) {
        return switch (w) {
            case ONE_MINUTE -> oneMinute;
            case FIVE_MINUTES -> fiveMinutes;
            case ONE_HOUR -> oneHour;
            case ONE_DAY -> oneDay;
        };
    }
}
