package org.tbg.pool.block;

import java.util.ArrayList;
import java.util.List;
import org.tbg.bitcoin.block.BlockAssembler;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.rpc.TemplateTransaction;
import org.tbg.pool.session.Worker;
import org.tbg.pool.work.CoinbaseWork;
import org.tbg.pool.work.Job;

/**
 * A share that met the network target, assembled into a full block ready for {@code submitblock}.
 *
 * @param hash      block hash, display (RPC) order
 * @param height    the height it claims
 * @param blockHex  the serialized block
 * @param worker    who found it
 * @param shareDiff the difficulty its hash achieved
 * @param networkDiff the network difficulty at the time
 * @param jobId     the job it was found on
 * @param coinbaseValue satoshis the coinbase pays in all
 */
public record FoundBlock(String hash, long height, String blockHex, Worker worker, double shareDiff,
                         double networkDiff, String jobId, long coinbaseValue) {

    public static FoundBlock assemble(Job job, CoinbaseWork cb, byte[] extranonce1, byte[] extranonce2,
                                      byte[] header, byte[] hashInternal, Worker worker, double shareDiff) {
        List<byte[]> txs = new ArrayList<>(job.template().transactions().size());
        for (TemplateTransaction t : job.template().transactions()) {
            txs.add(t.data());
        }
        byte[] coinbase = cb.parts().assembleWithWitness(extranonce1, extranonce2);
        byte[] block = BlockAssembler.assemble(header, coinbase, txs);
        return new FoundBlock(Hex.encode(Bytes.reversed(hashInternal)), job.height(), Hex.encode(block), worker,
                shareDiff, job.networkDifficulty(), job.id(), job.template().coinbaseValue());
    }
}
