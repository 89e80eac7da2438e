-- Event storage of spec/storage.md on plain PostgreSQL (>= 14) with declarative partitioning.
--
-- Idempotency: every unique key is derived from the event itself, so a redelivery or a journal
-- replay days later hits the same key and ON CONFLICT DO NOTHING drops it.
--   * mining_events.received_at is the time the POOL took the event (its ts), not the collector's
--     clock; the collector's own arrival time is stored_at. Key (event_id, received_at).
--   * shares.time is the event's ts. Key (event_id, time).
--   * blocks: block_hash; the first event for a hash is kept.
-- Rollups (users, workers, weekly_best_diff, hourly_shares, daily_shares) are updated only from the
-- rows a batch actually inserted, so a duplicate batch changes nothing.
--
-- mining_events and shares get one partition per UTC day (mining_events_YYYYMMDD, shares_YYYYMMDD),
-- created ahead and dropped by retention by the collector (PartitionManager); there is no default
-- partition, so a missing day fails loudly instead of filling a catch-all.

CREATE TABLE mining_events (
    received_at   timestamptz NOT NULL,
    event_ts      timestamptz NOT NULL,
    event_id      uuid        NOT NULL,
    event_type    text        NOT NULL,
    region        text        NOT NULL,
    source        text        NOT NULL,
    pool_instance text        NOT NULL,
    seq           bigint      NOT NULL,   -- per pool instance: gaps show lost events
    payload       jsonb       NOT NULL,
    stored_at     timestamptz NOT NULL DEFAULT now(),
    -- the natural key is the id (a surrogate would cost one more index per row at 50k rows/s)
    PRIMARY KEY (event_id, received_at)
) PARTITION BY RANGE (received_at);

-- The indexes of spec/storage.md. BRIN for type/region + time and a plain user column were
-- measured (docs/performance.md, "Collector throughput"): no end-to-end gain, so the contract stands.
CREATE INDEX mining_events_type_time ON mining_events (event_type, received_at DESC);
CREATE INDEX mining_events_region_time ON mining_events (region, received_at DESC);
CREATE INDEX mining_events_user ON mining_events ((payload ->> 'user'));

CREATE TABLE shares (
    time          timestamptz      NOT NULL,
    event_id      uuid             NOT NULL,
    btc_address   text             NOT NULL,
    worker_name   text             NOT NULL,
    difficulty    double precision NOT NULL, -- the target (sdiff)
    share_diff    double precision NOT NULL, -- achieved (diff; 0 when not computed)
    is_valid      boolean          NOT NULL,
    is_block      boolean          NOT NULL,
    reject_reason text,
    ip_address    inet,                      -- null when the event's ip is not an address
    region        text             NOT NULL,
    source        text             NOT NULL,
    PRIMARY KEY (event_id, time)
) PARTITION BY RANGE (time);

CREATE INDEX shares_address_time ON shares (btc_address, time DESC);

CREATE TABLE blocks (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    block_height  bigint           NOT NULL,
    block_hash    text             NOT NULL UNIQUE,
    prev_hash     text,                      -- block_found carries none; filled when a producer adds it
    btc_address   text             NOT NULL,
    worker_name   text             NOT NULL,
    reward_sats   bigint           NOT NULL,
    difficulty    double precision NOT NULL,
    network_diff  double precision NOT NULL,
    coinbase_sig  text             NOT NULL,
    submit_result text             NOT NULL,
    found_at      timestamptz      NOT NULL,
    confirmed     boolean          NOT NULL DEFAULT false,
    region        text             NOT NULL,
    event_id      uuid             NOT NULL
);

CREATE INDEX blocks_found_at ON blocks (found_at DESC);
CREATE INDEX blocks_address ON blocks (btc_address, found_at DESC);

-- Tables updated in place by every batch leave room in their pages (fillfactor), so an update can
-- stay on the same page without touching the indexes (a HOT update).
CREATE TABLE users (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    btc_address text        NOT NULL UNIQUE,
    first_seen  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL
) WITH (fillfactor = 70);

-- Each state column carries the ts of the event that set it (…_at): events may arrive out of
-- order (redelivery after an outage, replays), and an older event must not undo a newer one.
CREATE TABLE workers (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    btc_address  text        NOT NULL,
    worker_name  text        NOT NULL,
    first_seen   timestamptz NOT NULL,
    last_seen    timestamptz NOT NULL,
    last_share   timestamptz,
    current_diff double precision,
    diff_at      timestamptz,
    hashrate_1m  double precision,
    hashrate_5m  double precision,
    hashrate_1h  double precision,
    hashrate_1d  double precision,
    hashrate_at  timestamptz,
    is_online    boolean     NOT NULL DEFAULT false,
    online_at    timestamptz,
    region       text        NOT NULL,
    UNIQUE (btc_address, worker_name)
) WITH (fillfactor = 70);

-- Accepted shares only: a rejected share neither counts nor sets a best.
CREATE TABLE weekly_best_diff (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    btc_address     text             NOT NULL,
    week_start      timestamptz      NOT NULL, -- Monday 00:00 UTC
    best_difficulty double precision NOT NULL,
    total_shares    bigint           NOT NULL,
    UNIQUE (btc_address, week_start)
) WITH (fillfactor = 70);

-- best_diff and sum_diff cover accepted shares (sum_diff: their targets, so hashrate = sum_diff * 2^32 / seconds).
CREATE TABLE hourly_shares (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bucket      timestamptz      NOT NULL,
    btc_address text             NOT NULL,
    total       bigint           NOT NULL,
    accepted    bigint           NOT NULL,
    rejected    bigint           NOT NULL,
    best_diff   double precision NOT NULL,
    sum_diff    double precision NOT NULL,
    UNIQUE (btc_address, bucket)
) WITH (fillfactor = 70);

CREATE TABLE daily_shares (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bucket      timestamptz      NOT NULL,
    btc_address text             NOT NULL,
    total       bigint           NOT NULL,
    accepted    bigint           NOT NULL,
    rejected    bigint           NOT NULL,
    best_diff   double precision NOT NULL,
    sum_diff    double precision NOT NULL,
    UNIQUE (btc_address, bucket)
) WITH (fillfactor = 70);
