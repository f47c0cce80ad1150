-- perf/workloads/build_tree.py in Lua 5.4 (false for a missing child, 0-based positions).
local n = 1000000
local nodes = {}
for i = 0, n - 1 do nodes[i] = {false, false, i} end
for p = 1, n - 1 do
  nodes[(p - 1) // 2][(p - 1) % 2 + 1] = nodes[p]
end
local root = nodes[0]
nodes = nil
local total = 0
local stack = {root}
while #stack > 0 do
  local node = table.remove(stack)
  total = total + node[3]
  if node[1] then stack[#stack + 1] = node[1] end
  if node[2] then stack[#stack + 1] = node[2] end
end
print(total)
