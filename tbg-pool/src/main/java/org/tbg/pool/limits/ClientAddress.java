package org.tbg.pool.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The unit that per-address limits and bans apply to: an IPv4 address, or the /64 an IPv6 address
 * belongs to (one subscriber's prefix: a client owns all of it, so counting single IPv6 addresses
 * would let it step around every limit).
 */
final class ClientAddress {
    /** Bits of an IPv6 address that identify one subscriber. */
    static final int IPV6_PREFIX = 64;

    private ClientAddress() {}

    static InetAddress key(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        try {
            return InetAddress.getByAddress(IpRange.masked(address.getAddress(), IPV6_PREFIX));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 16 bytes in, 16 bytes out
        }
    }
}
