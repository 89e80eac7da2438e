package org.tbg.bitcoin.address;

import java.util.Locale;

/** The standard output kinds a block may pay a miner with. */
public enum AddressType {
    P2PKH,
    P2SH,
    P2WPKH,
    P2WSH,
    P2TR;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** Lower-case name, as events carry it ("p2wpkh"). */
    public String label() {
        return label;
    }
}
