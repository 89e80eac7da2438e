package org.tbg.bitcoin.encoding;

import java.util.Arrays;

/** A growable little-endian writer for Bitcoin serialization. Not thread-safe. */
public final class ByteWriter {
    private byte[] buf;
    private int size;

    public ByteWriter() {
        this(256);
    }

    public ByteWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public ByteWriter writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    public ByteWriter writeBytes(byte[] b) {
        return writeBytes(b, 0, b.length);
    }

    public ByteWriter writeBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    public ByteWriter writeInt32LE(int v) {
        ensure(4);
        Bytes.writeInt32LE(v, buf, size);
        size += 4;
        return this;
    }

    public ByteWriter writeInt64LE(long v) {
        writeInt32LE((int) v);
        return writeInt32LE((int) (v >>> 32));
    }

    /** Bitcoin's CompactSize (a.k.a. varint) length prefix. */
    public ByteWriter writeCompactSize(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative CompactSize " + n);
        } else if (n < 0xfd) {
            writeByte((int) n);
        } else if (n <= 0xffff) {
            writeByte(0xfd).writeByte((int) n).writeByte((int) (n >>> 8));
        } else if (n <= 0xffffffffL) {
            writeByte(0xfe).writeInt32LE((int) n);
        } else {
            writeByte(0xff).writeInt64LE(n);
        }
        return this;
    }

    /** CompactSize length followed by the bytes. */
    public ByteWriter writeVarBytes(byte[] b) {
        return writeCompactSize(b.length).writeBytes(b);
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }

    /** Encoded length of a CompactSize. */
    public static int compactSizeLength(long n) {
        return n < 0xfd ? 1 : n <= 0xffff ? 3 : n <= 0xffffffffL ? 5 : 9;
    }
}
