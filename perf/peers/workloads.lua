-- The heaplab benchmarks' workloads in Lua 5.4, for perf/peers.py.
--
--     lua5.4 perf/peers/workloads.lua WORKLOAD SIZE SAMPLES
--
-- prints one JSON object: the median time per item in nanoseconds and every sample.
-- Times are os.clock: process CPU time, as the other peers' (and Lua has no finer wall clock). The tree is perf/shapes.c's: node i = {left, right, i}
-- (false where there is no child), in allocation order or linked in the same shuffled order.

local function positions(n, random_order)
  local perm = {}
  for i = 0, n - 1 do perm[i] = i end
  local x = 0x9E3779B97F4A7C15
  local i = n
  while random_order and i > 1 do
    x = x ~ (x << 13)
    x = x ~ (x >> 7)
    x = x ~ (x << 17)
    local j = (2 * ((x >> 1) % i) + (x & 1)) % i -- x mod i, x unsigned
    perm[i - 1], perm[j] = perm[j], perm[i - 1]
    i = i - 1
  end
  return perm
end

local function tree(n, random_order)
  local perm = positions(n, random_order)
  local nodes = {}
  for i = 0, n - 1 do nodes[i] = {false, false, i} end
  for p = 1, n - 1 do
    local parent = nodes[perm[(p - 1) // 2]]
    parent[(p - 1) % 2 + 1] = nodes[perm[p]]
  end
  return nodes[perm[0]]
end

local function timed(fn, items, samples)
  fn()
  local t0 = os.clock()
  fn()
  local once = math.max(os.clock() - t0, 1e-6)
  local batch = math.max(1, math.floor(0.02 / once))
  local runs = {}
  for s = 1, samples do
    t0 = os.clock()
    for _ = 1, batch do fn() end
    runs[s] = (os.clock() - t0) / batch / items * 1e9
  end
  return runs
end

local function median(xs)
  local sorted = {}
  for i, v in ipairs(xs) do sorted[i] = v end
  table.sort(sorted)
  local n = #sorted
  if n % 2 == 1 then return sorted[(n + 1) // 2] end
  return (sorted[n // 2] + sorted[n // 2 + 1]) / 2
end

local name, n, samples = arg[1], tonumber(arg[2]), tonumber(arg[3])
local fn
if name == "gc.tree" or name == "gc.tree_random" then
  local root = tree(n, name == "gc.tree_random")
  collectgarbage("collect")
  fn = function() collectgarbage("collect"); return root end
else
  io.stderr:write("unknown workload " .. tostring(name) .. "\n")
  os.exit(2)
end
local runs = timed(fn, n, samples)
local parts = {}
for i, v in ipairs(runs) do parts[i] = string.format("%.3f", v) end
print(string.format('{"peer": "lua5.4", "workload": "%s", "size": %d, "ns_per_item": %.3f, "samples": [%s]}',
  name, n, median(runs), table.concat(parts, ", ")))
