package org.tbg.pool.block;

import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import org.tbg.bitcoin.encoding.ByteReader;
import org.tbg.bitcoin.encoding.Hex;

/**
 * The text a found block's coinbase carries ({@code btcsig} ‖ the miner's own), read back from the
 * block itself: what the block really says, after any truncation to the 100-byte scriptSig limit.
 * Layout (CoinbaseBuilder): scriptSig = BIP34 height push ‖ push(text) ‖ extranonce push.
 */
public final class CoinbaseText {
    private static final int HEADER_BYTES = 80;

    private CoinbaseText() {
    }

    /** The text, or "" when the coinbase carries none or the block cannot be read. */
    public static String of(String blockHex) {
        try {
            ByteReader r = new ByteReader(Hex.decode(blockHex));
            r.readBytes(HEADER_BYTES);
            r.readCompactSize();                 // transaction count
            r.readInt32LE();                     // coinbase version
            if (r.peekByte() == 0) {             // segwit marker and flag
                r.readBytes(2);
            }
            r.readCompactSize();                 // one input
            r.readBytes(36);                     // null prevout
            byte[] scriptSig = r.readBytes((int) r.readCompactSize());
            ByteReader s = new ByteReader(scriptSig);
            skipPush(s);                         // BIP34 height
            if (s.remaining() < 2) {
                return "";
            }
            int op = s.readByte();
            int n = op == 0x4c ? s.readByte() : op; // OP_PUSHDATA1 or a direct push
            if (n < 1 || n > 0x4b && op != 0x4c || n > s.remaining() - 1) {
                return ""; // what follows the height is the extranonce push alone: no text
            }
            return utf8(s.readBytes(n));
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static void skipPush(ByteReader s) {
        int op = s.readByte();
        if (op >= 0x01 && op <= 0x4b) {
            s.readBytes(op);
        }
        // OP_0 and OP_1..OP_16 carry the height in the opcode itself
    }

    private static String utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return "";
        }
    }
}
