package org.tbg.pool.session;

/**
 * A stratum username split into the payout address and the worker label:
 * {@code <address>[.<worker>]}, with {@code _} also accepted as the separator (ckpool's rule).
 */
public record WorkerName(String address, String worker) {

    /** Longest username accepted; anything longer cannot be an address plus a sensible label. */
    public static final int MAX_LENGTH = 128;

    public static WorkerName parse(String username) {
        String u = username.trim();
        int cut = -1;
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c == '.' || c == '_') {
                cut = i;
                break;
            }
        }
        if (cut < 0) {
            return new WorkerName(u, "");
        }
        return new WorkerName(u.substring(0, cut), u.substring(cut + 1));
    }

    /** The full name as events and logs show it. */
    public String fullName() {
        return worker.isEmpty() ? address : address + "." + worker;
    }
}
