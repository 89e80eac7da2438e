package org.tbg.bitcoin.hash;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 applied twice, Bitcoin's hash for headers, transactions and merkle nodes.
 * Output is in internal byte order (as serialized in blocks), the reverse of the RPC/display hex.
 *
 * <p>An instance owns its {@link MessageDigest} and is not thread-safe; the static helpers use a
 * per-thread instance. The JDK's SHA-256 uses the CPU's SHA extensions where present.
 */
public final class Sha256d {
    private static final ThreadLocal<Sha256d> LOCAL = ThreadLocal.withInitial(Sha256d::new);

    private final MessageDigest digest;
    private final byte[] first = new byte[32];

    public Sha256d() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** SHA-256d of {@code in[off, off+len)} written to {@code out[outOff, outOff+32)}; allocates nothing. */
    public void hash(byte[] in, int off, int len, byte[] out, int outOff) {
        try {
            digest.update(in, off, len);
            digest.digest(first, 0, 32);
            digest.update(first, 0, 32);
            digest.digest(out, outOff, 32);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256d of the 64 bytes {@code left ‖ right} (a merkle node) into {@code out}; allocates nothing. */
    public void hashPair(byte[] left, byte[] right, byte[] out) {
        try {
            digest.update(left, 0, 32);
            digest.update(right, 0, 32);
            digest.digest(first, 0, 32);
            digest.update(first, 0, 32);
            digest.digest(out, 0, 32);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] of(byte[] data) {
        return of(data, 0, data.length);
    }

    public static byte[] of(byte[] data, int off, int len) {
        byte[] out = new byte[32];
        LOCAL.get().hash(data, off, len, out, 0);
        return out;
    }

    /** Single SHA-256 (used by base58check's checksum input and script hashes). */
    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
