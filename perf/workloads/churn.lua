-- Churn over a 1,000,000-object live heap: perf/workloads/churn.py for Lua 5.4 (a table of
-- 999,999 two-item tables stays live; 3,000,000 replacements each make one and drop one).
local n = 999999
local rounds = tonumber(arg and arg[1]) or 3000000
local records = {}
for i = 0, n - 1 do
  records[i + 1] = {i, i + 1}
end
for i = 0, rounds - 1 do
  records[i * 7919 % n + 1] = {i, i}
end
local total = 0
for i = 1, n do
  total = total + records[i][1]
end
print(string.format("%d", total))
