-- Moves one staged batch into the tables and derives every rollup from the rows actually inserted
-- (RETURNING), so a batch seen before changes nothing. One statement: every part sees the same
-- snapshot and runs exactly once. Within a batch the latest event (ts, then the pool's seq) sets a
-- worker's state. Every insert and upsert reads its input in key order, so two collectors (or two
-- pipelines) holding the same events lock rows in the same order and do not deadlock.
-- Cost (docs/performance.md): no jsonb is parsed here (the collector staged user, worker and the
-- worker facts as columns), and no aggregate has its own ORDER BY (that sorts once per group):
-- "latest" comes from one window over the batch, or from DISTINCT ON over the few rows concerned.
-- Parameter 1: the events inserted that are older than this are reported by id.
WITH staged AS (
    SELECT s.*, timestamptz '1970-01-01 00:00:00+00' + s.ts_us * interval '1 microsecond' AS ts
    FROM stage_events s
), new_events AS (
    INSERT INTO mining_events (received_at, event_ts, event_id, event_type, region, source, pool_instance, seq,
                               payload)
    SELECT ts, ts, event_id, event_type, region, source, pool_instance, seq, payload FROM staged WHERE keep
    ORDER BY event_id
    ON CONFLICT DO NOTHING
    RETURNING event_id, received_at AS ts
), inserted AS (
    SELECT event_id, s.ts, s.seq, s.event_type, s.region, s.user_name, s.worker_name, s.diff, s.online,
           s.hashrate_1m, s.hashrate_5m, s.hashrate_1h, s.hashrate_1d
    FROM staged s JOIN new_events n USING (event_id)
), user_rows AS (
    INSERT INTO users AS u (btc_address, first_seen, last_seen)
    SELECT user_name, min(ts), max(ts) FROM inserted WHERE user_name IS NOT NULL
    GROUP BY user_name ORDER BY user_name
    ON CONFLICT (btc_address) DO UPDATE SET
        first_seen = least(u.first_seen, excluded.first_seen),
        last_seen = greatest(u.last_seen, excluded.last_seen)
    RETURNING 1
), worker_facts AS (
    SELECT user_name, worker_name, ts, seq, region, event_type, diff, online,
           hashrate_1m, hashrate_5m, hashrate_1h, hashrate_1d,
           row_number() OVER (PARTITION BY user_name, worker_name ORDER BY ts DESC, seq DESC) AS recency
    FROM inserted WHERE user_name IS NOT NULL AND worker_name IS NOT NULL
), worker_seen AS (
    SELECT user_name, worker_name,
           min(ts) AS first_seen,
           max(ts) AS last_seen,
           min(region) FILTER (WHERE recency = 1) AS region,
           max(ts) FILTER (WHERE event_type = 'share_submitted') AS last_share
    FROM worker_facts GROUP BY user_name, worker_name
), latest_diff AS (
    SELECT DISTINCT ON (user_name, worker_name) user_name, worker_name, diff AS current_diff, ts AS diff_at
    FROM worker_facts WHERE diff IS NOT NULL ORDER BY user_name, worker_name, ts DESC, seq DESC
), latest_online AS (
    SELECT DISTINCT ON (user_name, worker_name) user_name, worker_name, online AS is_online, ts AS online_at
    FROM worker_facts WHERE online IS NOT NULL ORDER BY user_name, worker_name, ts DESC, seq DESC
), latest_rates AS (
    SELECT DISTINCT ON (user_name, worker_name) user_name, worker_name,
           hashrate_1m, hashrate_5m, hashrate_1h, hashrate_1d, ts AS hashrate_at
    FROM worker_facts WHERE event_type = 'hashrate_update' ORDER BY user_name, worker_name, ts DESC, seq DESC
), worker_rows AS (
    INSERT INTO workers AS w (btc_address, worker_name, first_seen, last_seen, last_share, current_diff, diff_at,
                              hashrate_1m, hashrate_5m, hashrate_1h, hashrate_1d, hashrate_at,
                              is_online, online_at, region)
    SELECT s.user_name, s.worker_name, s.first_seen, s.last_seen, s.last_share, d.current_diff, d.diff_at,
           r.hashrate_1m, r.hashrate_5m, r.hashrate_1h, r.hashrate_1d, r.hashrate_at,
           coalesce(o.is_online, false), o.online_at, s.region
    FROM worker_seen s
    LEFT JOIN latest_diff d USING (user_name, worker_name)
    LEFT JOIN latest_online o USING (user_name, worker_name)
    LEFT JOIN latest_rates r USING (user_name, worker_name)
    ORDER BY s.user_name, s.worker_name
    ON CONFLICT (btc_address, worker_name) DO UPDATE SET
        first_seen = least(w.first_seen, excluded.first_seen),
        last_seen = greatest(w.last_seen, excluded.last_seen),
        region = CASE WHEN excluded.last_seen >= w.last_seen THEN excluded.region ELSE w.region END,
        last_share = greatest(w.last_share, excluded.last_share),
        current_diff = CASE WHEN excluded.diff_at >= coalesce(w.diff_at, '-infinity') THEN excluded.current_diff ELSE w.current_diff END,
        diff_at = greatest(w.diff_at, excluded.diff_at),
        hashrate_1m = CASE WHEN excluded.hashrate_at >= coalesce(w.hashrate_at, '-infinity') THEN excluded.hashrate_1m ELSE w.hashrate_1m END,
        hashrate_5m = CASE WHEN excluded.hashrate_at >= coalesce(w.hashrate_at, '-infinity') THEN excluded.hashrate_5m ELSE w.hashrate_5m END,
        hashrate_1h = CASE WHEN excluded.hashrate_at >= coalesce(w.hashrate_at, '-infinity') THEN excluded.hashrate_1h ELSE w.hashrate_1h END,
        hashrate_1d = CASE WHEN excluded.hashrate_at >= coalesce(w.hashrate_at, '-infinity') THEN excluded.hashrate_1d ELSE w.hashrate_1d END,
        hashrate_at = greatest(w.hashrate_at, excluded.hashrate_at),
        is_online = CASE WHEN excluded.online_at >= coalesce(w.online_at, '-infinity') THEN excluded.is_online ELSE w.is_online END,
        online_at = greatest(w.online_at, excluded.online_at)
    RETURNING 1
), new_shares AS (
    INSERT INTO shares (time, event_id, btc_address, worker_name, difficulty, share_diff, is_valid, is_block,
                        reject_reason, ip_address, region, source)
    SELECT timestamptz '1970-01-01 00:00:00+00' + ts_us * interval '1 microsecond', event_id, btc_address,
           worker_name, difficulty, share_diff, is_valid, is_block, reject_reason, ip_address, region, source
    FROM stage_shares ORDER BY event_id
    ON CONFLICT DO NOTHING
    RETURNING time, btc_address, difficulty, share_diff, is_valid
), weekly_rows AS (
    INSERT INTO weekly_best_diff AS b (btc_address, week_start, best_difficulty, total_shares)
    SELECT btc_address, date_trunc('week', time, 'UTC'), max(share_diff), count(*)
    FROM new_shares WHERE is_valid GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (btc_address, week_start) DO UPDATE SET
        best_difficulty = greatest(b.best_difficulty, excluded.best_difficulty),
        total_shares = b.total_shares + excluded.total_shares
    RETURNING 1
), hourly_rows AS (
    INSERT INTO hourly_shares AS h (bucket, btc_address, total, accepted, rejected, best_diff, sum_diff)
    SELECT date_trunc('hour', time, 'UTC'), btc_address, count(*), count(*) FILTER (WHERE is_valid),
           count(*) FILTER (WHERE NOT is_valid), coalesce(max(share_diff) FILTER (WHERE is_valid), 0),
           coalesce(sum(difficulty) FILTER (WHERE is_valid), 0)
    FROM new_shares GROUP BY 1, 2 ORDER BY 2, 1
    ON CONFLICT (btc_address, bucket) DO UPDATE SET
        total = h.total + excluded.total, accepted = h.accepted + excluded.accepted,
        rejected = h.rejected + excluded.rejected, best_diff = greatest(h.best_diff, excluded.best_diff),
        sum_diff = h.sum_diff + excluded.sum_diff
    RETURNING 1
), daily_rows AS (
    INSERT INTO daily_shares AS d (bucket, btc_address, total, accepted, rejected, best_diff, sum_diff)
    SELECT date_trunc('day', time, 'UTC'), btc_address, count(*), count(*) FILTER (WHERE is_valid),
           count(*) FILTER (WHERE NOT is_valid), coalesce(max(share_diff) FILTER (WHERE is_valid), 0),
           coalesce(sum(difficulty) FILTER (WHERE is_valid), 0)
    FROM new_shares GROUP BY 1, 2 ORDER BY 2, 1
    ON CONFLICT (btc_address, bucket) DO UPDATE SET
        total = d.total + excluded.total, accepted = d.accepted + excluded.accepted,
        rejected = d.rejected + excluded.rejected, best_diff = greatest(d.best_diff, excluded.best_diff),
        sum_diff = d.sum_diff + excluded.sum_diff
    RETURNING 1
), new_blocks AS (
    INSERT INTO blocks (block_height, block_hash, prev_hash, btc_address, worker_name, reward_sats, difficulty,
                        network_diff, coinbase_sig, submit_result, found_at, region, event_id)
    SELECT DISTINCT ON (payload ->> 'hash')
           (payload ->> 'height')::bigint, payload ->> 'hash', payload ->> 'prev_hash', user_name, worker_name,
           (payload ->> 'reward_sats')::bigint, (payload ->> 'diff')::float8, (payload ->> 'network_diff')::float8,
           payload ->> 'coinbase_sig', payload ->> 'submit_result', ts, region, event_id
    FROM staged WHERE event_type = 'block_found'
    ORDER BY payload ->> 'hash', ts, event_id
    ON CONFLICT (block_hash) DO NOTHING
    RETURNING 1
)
SELECT (SELECT count(*) FROM new_events) AS events,
       (SELECT count(*) FROM new_shares) AS shares,
       (SELECT count(*) FROM new_blocks) AS blocks,
       (SELECT coalesce(array_agg(event_id), '{}') FROM new_events WHERE ts < ?) AS old_new_events
