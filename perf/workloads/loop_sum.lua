-- perf/workloads/loop_sum.py in Lua 5.4.
local s = 0
for i = 0, 10000000 - 1 do
  s = s + i
end
print(s)
