#!/usr/bin/env python3
"""Which file of a directory of object files uses which file's symbols (nm), and the cycles.

Usage, after a build: python3 docs/deps.py [OBJDIR] [--edges]
OBJDIR defaults to build/CMakeFiles/heaplab.dir/runtime/lang (the front end); pass
build/CMakeFiles/heaplab.dir/runtime or .../allocators for the core. --edges prints every
arrow (file -> file: the symbols it uses), not only those inside a cycle."""
import subprocess, glob, os, collections, sys
args = [a for a in sys.argv[1:] if not a.startswith("--")]
objdir = args[0] if args else "build/CMakeFiles/heaplab.dir/runtime/lang"
objs = sorted(glob.glob(objdir + '/*.o'))
defs, uses = {}, collections.defaultdict(set)
name = lambda o: os.path.basename(o)[:-len('.c.o')]
for o in objs:
    for l in subprocess.run(['nm', o], capture_output=True, text=True).stdout.splitlines():
        parts = l.split()
        if len(parts) == 3 and parts[1] in 'TDRBC': defs[parts[2]] = name(o)
        elif len(parts) == 2 and parts[0] == 'U': uses[name(o)].add(parts[1])
graph = collections.defaultdict(lambda: collections.defaultdict(list))
for f, syms in uses.items():
    for s in syms:
        g = defs.get(s)
        if g and g != f: graph[f][g].append(s)
nodes = sorted({name(o) for o in objs})
# Tarjan SCC
index, low, st, on, sccs, i = {}, {}, [], set(), [], [0]
def strong(v):
    index[v] = low[v] = i[0]; i[0] += 1; st.append(v); on.add(v)
    for w in graph[v]:
        if w not in index: strong(w); low[v] = min(low[v], low[w])
        elif w in on: low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        c = []
        while True:
            w = st.pop(); on.discard(w); c.append(w)
            if w == v: break
        sccs.append(sorted(c))
sys.setrecursionlimit(10000)
for v in nodes:
    if v not in index: strong(v)
if '--edges' in sys.argv:
    for f in nodes:
        for g in sorted(graph[f]):
            print(f'{f} -> {g}: {" ".join(sorted(graph[f][g]))}')
print('cycles (strongly connected groups of more than one file):')
for c in sccs:
    if len(c) > 1:
        print(f'  {len(c)} files: {" ".join(c)}')
        for f in c:
            for g in sorted(graph[f]):
                if g in c: print(f'    {f} -> {g}: {" ".join(sorted(graph[f][g]))}')
