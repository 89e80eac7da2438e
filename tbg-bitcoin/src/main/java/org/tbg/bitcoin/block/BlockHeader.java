package org.tbg.bitcoin.block;

import java.util.Arrays;
import org.tbg.bitcoin.encoding.ByteReader;
import org.tbg.bitcoin.encoding.ByteWriter;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Sha256d;

/**
 * The 80-byte block header. {@code prevHash} and {@code merkleRoot} are in internal byte order;
 * {@code time}, {@code bits} and {@code nonce} are unsigned 32-bit values held in ints.
 */
public record BlockHeader(int version, byte[] prevHash, byte[] merkleRoot, int time, int bits, int nonce) {
    public static final int SIZE = 80;

    public BlockHeader {
        if (prevHash.length != 32 || merkleRoot.length != 32) {
            throw new IllegalArgumentException("prevHash and merkleRoot must be 32 bytes");
        }
        prevHash = prevHash.clone();
        merkleRoot = merkleRoot.clone();
    }

    /** @throws IllegalArgumentException unless exactly 80 bytes */
    public static BlockHeader parse(byte[] header80) {
        if (header80.length != SIZE) {
            throw new IllegalArgumentException("a block header is 80 bytes, got " + header80.length);
        }
        ByteReader r = new ByteReader(header80);
        return new BlockHeader(r.readInt32LE(), r.readBytes(32), r.readBytes(32), r.readInt32LE(), r.readInt32LE(),
                r.readInt32LE());
    }

    public byte[] serialize() {
        return new ByteWriter(SIZE)
                .writeInt32LE(version).writeBytes(prevHash).writeBytes(merkleRoot)
                .writeInt32LE(time).writeInt32LE(bits).writeInt32LE(nonce)
                .toByteArray();
    }

    /** SHA-256d of the header, internal byte order (reverse it for the usual display hex). */
    public byte[] hash() {
        return Sha256d.of(serialize());
    }

    @Override
    public byte[] prevHash() {
        return prevHash.clone();
    }

    @Override
    public byte[] merkleRoot() {
        return merkleRoot.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockHeader h && h.version == version && h.time == time && h.bits == bits
                && h.nonce == nonce && Arrays.equals(h.prevHash, prevHash) && Arrays.equals(h.merkleRoot, merkleRoot);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(merkleRoot) * 31 + nonce;
    }

    @Override
    public String toString() {
        return "BlockHeader[version=" + Integer.toHexString(version)
                + ", prev=" + Hex.encode(Bytes.reversed(prevHash))
                + ", merkleRoot=" + Hex.encode(Bytes.reversed(merkleRoot))
                + ", time=" + Integer.toUnsignedString(time)
                + ", bits=" + Integer.toHexString(bits)
                + ", nonce=" + Integer.toUnsignedString(nonce) + "]";
    }
}
