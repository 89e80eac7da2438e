package org.tbg.bitcoin.address;

import java.util.Arrays;
import java.util.Locale;
import org.tbg.bitcoin.encoding.Base58;
import org.tbg.bitcoin.encoding.Bech32;

/**
 * Turns an address into the scriptPubKey a coinbase pays, for one network. Errors say why; an
 * address of a format this decoder does not know (unknown base58 version, unknown bech32 HRP) is
 * flagged {@link InvalidAddressException#unknownFormat()} so the caller can ask the node instead.
 */
public final class AddressDecoder {
    /** Version byte + 20-byte hash. */
    private static final int BASE58_PAYLOAD_LENGTH = 21;

    private AddressDecoder() {}

    public static PayoutScript decode(String address, Network network) throws InvalidAddressException {
        if (address == null || address.isEmpty()) {
            throw InvalidAddressException.invalid("empty address");
        }
        String lower = address.toLowerCase(Locale.ROOT);
        Network bech32Owner = networkWithHrpPrefix(lower, network);
        if (bech32Owner != null) {
            Bech32.Decoded decoded;
            try {
                decoded = Bech32.decode(address);
            } catch (IllegalArgumentException bech32Error) {
                // Base58 text may start with "bc1" too; only when it is not valid base58check either is it a bad bech32.
                byte[] payload = base58CheckOrNull(address);
                if (payload != null) {
                    return decodeBase58(payload, network);
                }
                throw InvalidAddressException.invalid(bech32Error.getMessage());
            }
            return decodeSegwit(decoded, network, bech32Owner);
        }
        byte[] payload;
        try {
            payload = Base58.decodeChecked(address);
        } catch (IllegalArgumentException base58Error) {
            return decodeUnknownBech32(address, base58Error.getMessage());
        }
        return decodeBase58(payload, network);
    }

    private static PayoutScript decodeSegwit(Bech32.Decoded decoded, Network network, Network owner)
            throws InvalidAddressException {
        SegwitAddress segwit;
        try {
            segwit = SegwitAddress.fromBech32(decoded);
        } catch (IllegalArgumentException e) {
            throw InvalidAddressException.invalid(e.getMessage());
        }
        if (!segwit.hrp().equals(network.bech32Hrp())) {
            throw InvalidAddressException.invalid("address is for " + owner.name() + " (hrp " + segwit.hrp()
                    + "), node is on " + network.name() + " (hrp " + network.bech32Hrp() + ")");
        }
        if (segwit.version() >= 2) {
            throw InvalidAddressException.invalid("witness v" + segwit.version()
                    + " is not spendable yet: refusing it as a payout");
        }
        if (segwit.version() == 1 && segwit.program().length != 32) {
            throw InvalidAddressException.invalid("witness v1 with a " + segwit.program().length
                    + "-byte program is not taproot: refusing it as a payout");
        }
        return PayoutScript.witness(segwit.version(), segwit.program());
    }

    private static PayoutScript decodeBase58(byte[] payload, Network network) throws InvalidAddressException {
        if (payload.length != BASE58_PAYLOAD_LENGTH) {
            throw InvalidAddressException.invalid("base58check payload is " + payload.length + " bytes, an address has "
                    + BASE58_PAYLOAD_LENGTH);
        }
        int version = payload[0] & 0xff;
        byte[] hash = Arrays.copyOfRange(payload, 1, BASE58_PAYLOAD_LENGTH);
        if (version == network.p2pkhVersion()) {
            return PayoutScript.p2pkh(hash);
        }
        if (version == network.p2shVersion()) {
            return PayoutScript.p2sh(hash);
        }
        for (Network other : Network.standard()) {
            if (version == other.p2pkhVersion() || version == other.p2shVersion()) {
                throw InvalidAddressException.invalid(String.format(
                        "base58 version 0x%02x is for %s, node is on %s", version, other.name(), network.name()));
            }
        }
        throw InvalidAddressException.unknown(String.format("unknown base58 version 0x%02x", version));
    }

    private static byte[] base58CheckOrNull(String address) {
        try {
            return Base58.decodeChecked(address);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Neither our network's HRP nor valid base58check: a bech32 string with an unknown HRP, or garbage. */
    private static PayoutScript decodeUnknownBech32(String address, String base58Error) throws InvalidAddressException {
        Bech32.Decoded decoded;
        try {
            decoded = Bech32.decode(address);
        } catch (IllegalArgumentException bech32Error) {
            throw InvalidAddressException.invalid("not a base58check address (" + base58Error
                    + ") nor a bech32 address (" + bech32Error.getMessage() + ")");
        }
        throw InvalidAddressException.unknown("unknown bech32 hrp '" + decoded.hrp() + "'");
    }

    /**
     * The network whose "hrp1" begins the text: ours first (testnet and signet share "tb"), then
     * any other standard one. Only the longest matching HRP counts ("bcrt1" is not "bc" + "rt1").
     */
    private static Network networkWithHrpPrefix(String lower, Network network) {
        Network best = null;
        if (lower.startsWith(network.bech32Hrp() + "1")) {
            best = network;
        }
        for (Network n : Network.standard()) {
            if (lower.startsWith(n.bech32Hrp() + "1")
                    && (best == null || n.bech32Hrp().length() > best.bech32Hrp().length())) {
                best = n;
            }
        }
        return best;
    }
}
