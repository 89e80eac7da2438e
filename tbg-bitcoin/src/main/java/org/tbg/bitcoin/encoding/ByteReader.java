package org.tbg.bitcoin.encoding;

/** A bounds-checked little-endian reader for Bitcoin serialization. Not thread-safe. */
public final class ByteReader {
    private final byte[] buf;
    private int pos;

    public ByteReader(byte[] buf) {
        this.buf = buf;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return buf.length - pos;
    }

    public int readByte() {
        need(1);
        return buf[pos++] & 0xff;
    }

    public int peekByte() {
        need(1);
        return buf[pos] & 0xff;
    }

    public byte[] readBytes(int n) {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    public int readInt32LE() {
        need(4);
        int v = Bytes.readInt32LE(buf, pos);
        pos += 4;
        return v;
    }

    public long readInt64LE() {
        long lo = readInt32LE() & 0xffffffffL;
        long hi = readInt32LE() & 0xffffffffL;
        return lo | (hi << 32);
    }

    /** CompactSize, rejecting non-canonical encodings as Bitcoin Core does. */
    public long readCompactSize() {
        int first = readByte();
        long n;
        if (first < 0xfd) {
            return first;
        } else if (first == 0xfd) {
            n = readByte() | (readByte() << 8);
            if (n < 0xfd) throw new IllegalArgumentException("non-canonical CompactSize");
        } else if (first == 0xfe) {
            n = readInt32LE() & 0xffffffffL;
            if (n <= 0xffff) throw new IllegalArgumentException("non-canonical CompactSize");
        } else {
            n = readInt64LE();
            if (n >= 0 && n <= 0xffffffffL) throw new IllegalArgumentException("non-canonical CompactSize");
        }
        return n;
    }

    public byte[] readVarBytes() {
        long n = readCompactSize();
        if (n < 0 || n > remaining()) { // negative: a 64-bit size of 2^63 or more
            throw new IllegalArgumentException("length " + Long.toUnsignedString(n) + " exceeds remaining " + remaining());
        }
        return readBytes((int) n);
    }

    private void need(int n) {
        if (n < 0 || n > buf.length - pos) { // not pos + n: that overflows for n near Integer.MAX_VALUE
            throw new IllegalArgumentException("read past end: need " + n + " at " + pos + " of " + buf.length);
        }
    }
}
