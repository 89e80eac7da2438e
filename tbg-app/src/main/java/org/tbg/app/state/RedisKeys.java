package org.tbg.app.state;

import java.math.BigDecimal;
import java.util.OptionalDouble;

/** The Redis keys and value formats of miner state (spec/storage.md, "Redis"). */
public final class RedisKeys {
    private static final String USER_COINBASE = "user_coinbase:";
    private static final String VARDIFF = "vardiff:";

    private RedisKeys() {}

    /** The miner's own coinbase signature, written by the game API: {@code user_coinbase:<btc_address>}. */
    public static String userCoinbase(String address) {
        return USER_COINBASE + address;
    }

    /** A worker's last difficulty, written by the pool: {@code vardiff:<worker>}. */
    public static String vardiff(String worker) {
        return VARDIFF + worker;
    }

    /** A difficulty as plain decimal text ("1024", "0.00000001"), readable by other tools. */
    public static String formatDifficulty(double difficulty) {
        return BigDecimal.valueOf(difficulty).stripTrailingZeros().toPlainString();
    }

    /** A stored difficulty, or empty when the text is not a finite positive number (someone else's key). */
    public static OptionalDouble parseDifficulty(String text) {
        if (text == null) {
            return OptionalDouble.empty();
        }
        try {
            double d = Double.parseDouble(text.trim());
            return d > 0 && Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
