package org.tbg.bitcoin.tx;

import java.util.Arrays;
import org.tbg.bitcoin.encoding.ByteReader;
import org.tbg.bitcoin.encoding.ByteWriter;
import org.tbg.bitcoin.encoding.Hex;

/** A transaction output: value in satoshis and scriptPubKey. */
public record TxOut(long value, byte[] script) {
    public TxOut {
        script = script.clone();
    }

    @Override
    public byte[] script() {
        return script.clone();
    }

    public void writeTo(ByteWriter w) {
        w.writeInt64LE(value).writeVarBytes(script);
    }

    public static TxOut read(ByteReader r) {
        long value = r.readInt64LE();
        return new TxOut(value, r.readVarBytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TxOut t && t.value == value && Arrays.equals(t.script, script);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value) * 31 + Arrays.hashCode(script);
    }

    @Override
    public String toString() {
        return "TxOut[" + value + ", " + Hex.encode(script) + "]";
    }
}
