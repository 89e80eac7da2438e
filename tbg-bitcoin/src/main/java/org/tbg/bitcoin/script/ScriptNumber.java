package org.tbg.bitcoin.script;

/**
 * Script number and push encodings as Bitcoin Core's {@code CScript::operator<<} writes them;
 * BIP34 requires the coinbase to start with the block height in exactly this form.
 */
public final class ScriptNumber {
    public static final int OP_0 = 0x00;
    public static final int OP_PUSHDATA1 = 0x4c;
    public static final int OP_PUSHDATA2 = 0x4d;
    public static final int OP_PUSHDATA4 = 0x4e;
    public static final int OP_1NEGATE = 0x4f;
    public static final int OP_1 = 0x51;

    private ScriptNumber() {}

    /**
     * {@code CScript() << height}: OP_0 for 0, OP_1..OP_16 for 1..16, otherwise a push of the
     * minimal little-endian CScriptNum (with a 0x00 byte added when the top bit would read as a sign).
     */
    public static byte[] bip34HeightPush(long height) {
        if (height < 0) {
            throw new IllegalArgumentException("negative height " + height);
        }
        if (height == 0) {
            return new byte[] {OP_0};
        }
        if (height <= 16) {
            return new byte[] {(byte) (OP_1 + height - 1)};
        }
        return pushData(encode(height));
    }

    /** CScriptNum's serialization: minimal little-endian magnitude, sign in the top bit of the last byte. */
    public static byte[] encode(long value) {
        if (value == 0) {
            return new byte[0];
        }
        if (value == Long.MIN_VALUE) {
            throw new IllegalArgumentException("value out of range");
        }
        boolean negative = value < 0;
        long magnitude = Math.abs(value);
        byte[] buf = new byte[9];
        int n = 0;
        while (magnitude != 0) {
            buf[n++] = (byte) magnitude;
            magnitude >>>= 8;
        }
        if ((buf[n - 1] & 0x80) != 0) {
            buf[n++] = (byte) (negative ? 0x80 : 0x00);
        } else if (negative) {
            buf[n - 1] |= (byte) 0x80;
        }
        byte[] out = new byte[n];
        System.arraycopy(buf, 0, out, 0, n);
        return out;
    }

    /**
     * {@code CScript() << data}: a length byte below 76, else OP_PUSHDATA1/2/4 with a little-endian length.
     * Like Core's vector push, it never substitutes OP_1..OP_16 for one-byte data.
     */
    public static byte[] pushData(byte[] data) {
        int n = data.length;
        int header = pushHeaderLength(n);
        byte[] out = new byte[header + n];
        if (n < OP_PUSHDATA1) {
            out[0] = (byte) n;
        } else if (n <= 0xff) {
            out[0] = (byte) OP_PUSHDATA1;
            out[1] = (byte) n;
        } else if (n <= 0xffff) {
            out[0] = (byte) OP_PUSHDATA2;
            out[1] = (byte) n;
            out[2] = (byte) (n >>> 8);
        } else {
            out[0] = (byte) OP_PUSHDATA4;
            out[1] = (byte) n;
            out[2] = (byte) (n >>> 8);
            out[3] = (byte) (n >>> 16);
            out[4] = (byte) (n >>> 24);
        }
        System.arraycopy(data, 0, out, header, n);
        return out;
    }

    /** Bytes {@link #pushData} spends before the data itself. */
    public static int pushHeaderLength(int dataLength) {
        return dataLength < OP_PUSHDATA1 ? 1 : dataLength <= 0xff ? 2 : dataLength <= 0xffff ? 3 : 5;
    }
}
