package org.tbg.devnet.rpc.method;

import java.util.Arrays;
import java.util.Locale;
import org.tbg.bitcoin.address.Network;
import org.tbg.bitcoin.address.SegwitAddress;
import org.tbg.bitcoin.encoding.Base58;
import org.tbg.bitcoin.encoding.Bech32;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.script.ScriptNumber;

/**
 * An address in Bitcoin Core's regtest formats: {@code bcrt1…} (bech32 for witness v0, bech32m
 * for v1–16), {@code m…}/{@code n…} (P2PKH, version 0x6f), {@code 2…} (P2SH, version 0xc4); with
 * the scriptPubKey it stands for, as {@code validateaddress} reports it. Unlike a payout check,
 * every witness version is valid here, as in Core.
 *
 * @param address        canonical form (bech32 in lower case)
 * @param scriptPubKey   the output script
 * @param witnessVersion -1 for base58 addresses
 * @param witnessProgram empty for base58 addresses
 */
record RegtestAddress(String address, byte[] scriptPubKey, boolean isScript, int witnessVersion, byte[] witnessProgram) {
    private static final int HASH160_LENGTH = 20;
    private static final int OP_DUP = 0x76;
    private static final int OP_HASH160 = 0xa9;
    private static final int OP_EQUAL = 0x87;
    private static final int OP_EQUALVERIFY = 0x88;
    private static final int OP_CHECKSIG = 0xac;

    /** An address that does not decode on regtest, with Core's message. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    boolean isWitness() {
        return witnessVersion >= 0;
    }

    static RegtestAddress decode(String text) throws Invalid {
        String hrp = Network.REGTEST.bech32Hrp();
        if (text.toLowerCase(Locale.ROOT).startsWith(hrp + "1")) {
            return decodeSegwit(text, hrp);
        }
        byte[] payload;
        try {
            payload = Base58.decodeChecked(text);
        } catch (IllegalArgumentException e) {
            if (isBech32(text)) {
                throw new Invalid("Invalid or unsupported Segwit (Bech32) or Base58 encoding.");
            }
            throw new Invalid(e.getMessage().contains("checksum")
                    ? "Invalid checksum or length of Base58 address (P2PKH or P2SH)"
                    : "Invalid or unsupported Segwit (Bech32) or Base58 encoding.");
        }
        if (payload.length != 1 + HASH160_LENGTH) {
            throw new Invalid("Invalid checksum or length of Base58 address (P2PKH or P2SH)");
        }
        int version = payload[0] & 0xff;
        byte[] hash = Arrays.copyOfRange(payload, 1, payload.length);
        if (version == Network.REGTEST.p2pkhVersion()) {
            byte[] script = new byte[25];
            script[0] = (byte) OP_DUP;
            script[1] = (byte) OP_HASH160;
            script[2] = HASH160_LENGTH;
            System.arraycopy(hash, 0, script, 3, HASH160_LENGTH);
            script[23] = (byte) OP_EQUALVERIFY;
            script[24] = (byte) OP_CHECKSIG;
            return new RegtestAddress(text, script, false, -1, new byte[0]);
        }
        if (version == Network.REGTEST.p2shVersion()) {
            byte[] script = new byte[23];
            script[0] = (byte) OP_HASH160;
            script[1] = HASH160_LENGTH;
            System.arraycopy(hash, 0, script, 2, HASH160_LENGTH);
            script[22] = (byte) OP_EQUAL;
            return new RegtestAddress(text, script, true, -1, new byte[0]);
        }
        throw new Invalid("Invalid or unsupported Base58-encoded address.");
    }

    private static RegtestAddress decodeSegwit(String text, String hrp) throws Invalid {
        SegwitAddress segwit;
        try {
            segwit = SegwitAddress.decode(hrp, text);
        } catch (IllegalArgumentException e) {
            throw new Invalid("Invalid Bech32 address: " + e.getMessage());
        }
        byte[] program = segwit.program();
        byte[] script = new byte[2 + program.length];
        script[0] = (byte) (segwit.version() == 0 ? ScriptNumber.OP_0 : ScriptNumber.OP_1 + segwit.version() - 1);
        script[1] = (byte) program.length;
        System.arraycopy(program, 0, script, 2, program.length);
        // P2WSH and taproot outputs are scripts in Core's sense ("isscript"): they commit to a script or tree.
        boolean isScript = segwit.version() <= 1 && program.length == 32;
        return new RegtestAddress(segwit.toAddress(), script, isScript, segwit.version(), program);
    }

    private static boolean isBech32(String text) {
        try {
            Bech32.decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    String scriptHex() {
        return Hex.encode(scriptPubKey);
    }
}
