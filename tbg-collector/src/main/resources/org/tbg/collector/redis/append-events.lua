-- Appends each event to its stream once (spec/storage.md), remembering its id for a while.
-- For event i (1-based):
--   KEYS[2i-1] = seen:<event_id>   KEYS[2i] = mining:<event>
--   ARGV[1] = TTL of the seen marker in seconds, ARGV[2] = approximate MAXLEN of the streams,
--   ARGV[3 + 7(i-1) ...] = event_id, event, ts, source, region, data, and the event's JSON to
--   PUBLISH on blocks:found ('' for none).
-- SET NX both tests and sets the marker (two commands per event, not three: Redis spends most of
-- its time per command). Should the XADD fail, the marker is taken back before the error is
-- raised, so no false "seen" stays behind.
-- Returns how many events were appended.
local ttl = ARGV[1]
local maxlen = ARGV[2]
local appended = 0
for i = 1, #KEYS / 2 do
  local seen = KEYS[2 * i - 1]
  if redis.call('SET', seen, '1', 'NX', 'EX', ttl) then
    local a = 3 + 7 * (i - 1)
    local added = redis.pcall('XADD', KEYS[2 * i], 'MAXLEN', '~', maxlen, '*',
      'event_id', ARGV[a], 'event', ARGV[a + 1], 'ts', ARGV[a + 2], 'source', ARGV[a + 3],
      'region', ARGV[a + 4], 'data', ARGV[a + 5])
    if type(added) == 'table' and added.err then
      redis.call('DEL', seen)
      return redis.error_reply(added.err)
    end
    if ARGV[a + 6] ~= '' then
      redis.call('PUBLISH', 'blocks:found', ARGV[a + 6])
    end
    appended = appended + 1
  end
end
return appended
