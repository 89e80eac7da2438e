package org.tbg.bitcoin.address;

import java.util.Arrays;
import java.util.Locale;
import org.tbg.bitcoin.encoding.Bech32;
import org.tbg.bitcoin.encoding.Hex;

/**
 * A segwit address (BIP173/BIP350): HRP, witness version and program. Version 0 uses bech32 and a
 * 20- or 32-byte program; versions 1–16 use bech32m and a 2–40-byte program.
 */
public record SegwitAddress(String hrp, int version, byte[] program) {
    public SegwitAddress {
        hrp = hrp.toLowerCase(Locale.ROOT);
        program = program.clone();
        String problem = problem(version, program.length);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * Decodes and checks every BIP350 rule.
     *
     * @throws IllegalArgumentException with the reason (bech32 error, wrong hrp, bad version, bad
     *     program length, wrong checksum variant for the version, bad padding)
     */
    public static SegwitAddress decode(String expectedHrp, String addr) {
        Bech32.Decoded decoded = Bech32.decode(addr);
        if (!decoded.hrp().equals(expectedHrp.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("wrong hrp: expected " + expectedHrp + ", got " + decoded.hrp());
        }
        return fromBech32(decoded);
    }

    /** Applies the segwit rules to an already checksum-checked string, whatever its HRP. */
    public static SegwitAddress fromBech32(Bech32.Decoded decoded) {
        byte[] data = decoded.data5bit();
        if (data.length == 0) {
            throw new IllegalArgumentException("empty data: no witness version");
        }
        int version = data[0];
        if (version > 16) {
            throw new IllegalArgumentException("invalid witness version " + version);
        }
        byte[] program = Bech32.convertBits(Arrays.copyOfRange(data, 1, data.length), 5, 8, false);
        String problem = problem(version, program.length);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        Bech32.Encoding required = version == 0 ? Bech32.Encoding.BECH32 : Bech32.Encoding.BECH32M;
        if (decoded.encoding() != required) {
            throw new IllegalArgumentException("witness v" + version + " must use " + required.name().toLowerCase(Locale.ROOT)
                    + ", not " + decoded.encoding().name().toLowerCase(Locale.ROOT));
        }
        return new SegwitAddress(decoded.hrp(), version, program);
    }

    public static String encode(String hrp, int version, byte[] program) {
        return new SegwitAddress(hrp, version, program).toAddress();
    }

    public String toAddress() {
        byte[] converted = Bech32.convertBits(program, 8, 5, true);
        byte[] data = new byte[1 + converted.length];
        data[0] = (byte) version;
        System.arraycopy(converted, 0, data, 1, converted.length);
        return Bech32.encode(version == 0 ? Bech32.Encoding.BECH32 : Bech32.Encoding.BECH32M, hrp, data);
    }

    @Override
    public byte[] program() {
        return program.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SegwitAddress a && a.hrp.equals(hrp) && a.version == version
                && Arrays.equals(a.program, program);
    }

    @Override
    public int hashCode() {
        return (hrp.hashCode() * 31 + version) * 31 + Arrays.hashCode(program);
    }

    @Override
    public String toString() {
        return "SegwitAddress[" + hrp + ", v" + version + ", " + Hex.encode(program) + "]";
    }

    private static String problem(int version, int programLength) {
        if (version < 0 || version > 16) {
            return "invalid witness version " + version;
        }
        if (programLength < 2 || programLength > 40) {
            return "invalid program length " + programLength + " (must be 2..40)";
        }
        if (version == 0 && programLength != 20 && programLength != 32) {
            return "invalid program length " + programLength + " for witness v0 (must be 20 or 32)";
        }
        return null;
    }
}
