package org.tbg.bitcoin.address;

import java.util.Map;

/**
 * Addresses produced by bcoin 1.0.2 itself for its regtest network
 * ({@code Address.fromPubkeyhash(h).toString('regtest')} etc.), with the scripts they stand for.
 * Hashes: 751e76e8199196d454941c45d1b3a323f1433bd6 and BIP173's P2WSH program 1863143c…3262.
 */
final class BcoinRegtestVectors {
    private BcoinRegtestVectors() {}

    static final Map<String, String> ADDRESSES = Map.of(
            "RKxTdfmtxtfLDKZBgx6SvNkBtNu9jRYnLh", "76a914751e76e8199196d454941c45d1b3a323f1433bd688ac",
            "GUXByHDZLvU4DnVH9imSFckt3HEQ5cFgE5", "a914751e76e8199196d454941c45d1b3a323f1433bd687",
            "rb1qw508d6qejxtdg4y5r3zarvary0c5xw7k38f4sn", "0014751e76e8199196d454941c45d1b3a323f1433bd6",
            "rb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qffcjef",
            "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262");
}
