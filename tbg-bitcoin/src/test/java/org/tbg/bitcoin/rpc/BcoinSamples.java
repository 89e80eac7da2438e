package org.tbg.bitcoin.rpc;

/**
 * Answers captured from a real bcoin 1.0.2 regtest node (scripts/install-bcoin.sh) with curl.
 * Kept verbatim (re-indented) so parsers are tested against what the node really sends.
 */
final class BcoinSamples {
    private BcoinSamples() {}

    /**
     * {@code getblocktemplate {"rules":["segwit"]}} at height 451 (segwit active). The chain was
     * mined to the P2WSH(OP_TRUE) address; the mempool held three spends: tx A spends block 1's
     * coinbase into two outputs, B spends A:0 and C spends A:1 (both depend on A).
     */
    static final String GBT_SEGWIT_WITH_TRANSACTIONS = """
            {
              "capabilities": [
                "proposal"
              ],
              "mutable": [
                "time",
                "transactions",
                "prevblock"
              ],
              "version": 536870912,
              "rules": [
                "csv",
                "!segwit",
                "testdummy"
              ],
              "vbavailable": {},
              "vbrequired": 0,
              "height": 451,
              "previousblockhash": "64c0b3a910ef5c2832f63853ab3b50df4d875ff68f94f1b67eda9badcd5809bf",
              "target": "7fffff0000000000000000000000000000000000000000000000000000000000",
              "bits": "207fffff",
              "noncerange": "00000000ffffffff",
              "curtime": 1795440451,
              "mintime": 1795440451,
              "maxtime": 1795447651,
              "expires": 1795447651,
              "sigoplimit": 80000,
              "sizelimit": 4000000,
              "weightlimit": 4000000,
              "longpollid": "64c0b3a910ef5c2832f63853ab3b50df4d875ff68f94f1b67eda9badcd5809bf00000003",
              "submitold": false,
              "coinbaseaux": {
                "flags": "6d696e65642062792062636f696e"
              },
              "coinbasevalue": 625050000,
              "default_witness_commitment": "6a24aa21a9edb6fbb95ab46fccbd1e8ec2d20ae47b07371c540cc93a3b9b49e6e8668a94a5c8",
              "transactions": [
                {
                  "data": "010000000001010b5f54555ba7f6096cf8618f8a651c2df222862aaa3b19355511e3e9bc7cbce40000000000ffffffff0200943577000000002200204ae81572f06e1b88fd5ced7a1a000945432e83e1551e6f721ee9c00b8cc33260f036d0b2000000002200204ae81572f06e1b88fd5ced7a1a000945432e83e1551e6f721ee9c00b8cc3326001015100000000",
                  "txid": "bdf91466fed83171200589e1561bbd88b073fe887b95456fae610672d6227f30",
                  "hash": "e6ded6e0f1a55c6d7de6404c5a159d92a5498108bfb836045a882cc48c1f7614",
                  "depends": [],
                  "fee": 10000,
                  "sigops": 0,
                  "weight": 553
                },
                {
                  "data": "01000000000101307f22d6720661ae6f45957b88fe73b088bd1b56e18905207131d8fe6614f9bd0000000000ffffffff01e0453577000000002200204ae81572f06e1b88fd5ced7a1a000945432e83e1551e6f721ee9c00b8cc3326001015100000000",
                  "txid": "94ae42e4a08731e4823acd576e10ae130fd85e103337aeab14520f08c4a4647f",
                  "hash": "bfe1f2a538e2a79023cf7dca629cfd98cda0ac4f7ec60319da4b293dea70cdbb",
                  "depends": [
                    1
                  ],
                  "fee": 20000,
                  "sigops": 0,
                  "weight": 381
                },
                {
                  "data": "01000000000101307f22d6720661ae6f45957b88fe73b088bd1b56e18905207131d8fe6614f9bd0100000000ffffffff01d0e8cfb2000000002200204ae81572f06e1b88fd5ced7a1a000945432e83e1551e6f721ee9c00b8cc3326001015100000000",
                  "txid": "83ee9b26ade9cab18a2a8a3d4bce806a2dc954e7e673ff7b3feba3721efecba2",
                  "hash": "04da9e43eb61f890443f5fe5e5f4cec82e16c731345caddba6ad805b0cd324be",
                  "depends": [
                    1
                  ],
                  "fee": 20000,
                  "sigops": 0,
                  "weight": 381
                }
              ]
            }
            """;

    /** {@code getblocktemplate {"rules":["segwit"]}} on a fresh node (height 1, segwit not active yet). */
    static final String GBT_HEIGHT_1 = """
            {
              "capabilities": [
                "proposal"
              ],
              "mutable": [
                "time",
                "transactions",
                "prevblock"
              ],
              "version": 536870912,
              "rules": [],
              "vbavailable": {},
              "vbrequired": 0,
              "height": 1,
              "previousblockhash": "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206",
              "target": "7fffff0000000000000000000000000000000000000000000000000000000000",
              "bits": "207fffff",
              "noncerange": "00000000ffffffff",
              "curtime": 1795440339,
              "mintime": 1296688603,
              "maxtime": 1795447539,
              "expires": 1795447539,
              "sigoplimit": 20000,
              "sizelimit": 1000000,
              "longpollid": "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e220600000000",
              "submitold": false,
              "coinbaseaux": {
                "flags": "6d696e65642062792062636f696e"
              },
              "coinbasevalue": 5000000000,
              "default_witness_commitment": "6a24aa21a9ede2f61c3f71d1defd3fa999dfa36953755c690689799962b48bebd836974e8cf9",
              "transactions": []
            }
            """;

    /** {@code getblockchaininfo} on a fresh node: note there is no {@code initialblockdownload}. */
    static final String BLOCKCHAIN_INFO_FRESH = """
            {
              "chain": "regtest",
              "blocks": 0,
              "headers": 0,
              "bestblockhash": "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206",
              "difficulty": 4.6565423739069247e-10,
              "mediantime": 1296688602,
              "verificationprogress": 0,
              "chainwork": "0000000000000000000000000000000000000000000000000000000000000002",
              "pruned": false,
              "softforks": [
                {
                  "id": "bip34",
                  "version": 2,
                  "reject": {
                    "status": false
                  }
                },
                {
                  "id": "bip66",
                  "version": 3,
                  "reject": {
                    "status": false
                  }
                },
                {
                  "id": "bip65",
                  "version": 4,
                  "reject": {
                    "status": false
                  }
                }
              ],
              "bip9_softforks": {
                "csv": {
                  "status": "defined",
                  "bit": 0,
                  "startTime": 0,
                  "timeout": 4294967295
                },
                "segwit": {
                  "status": "defined",
                  "bit": 1,
                  "startTime": 0,
                  "timeout": 4294967295
                },
                "segsignal": {
                  "status": "defined",
                  "bit": 4,
                  "startTime": 4294967295,
                  "timeout": 4294967295
                },
                "testdummy": {
                  "status": "defined",
                  "bit": 28,
                  "startTime": 0,
                  "timeout": 4294967295
                }
              },
              "pruneheight": null
            }
            """;
}
