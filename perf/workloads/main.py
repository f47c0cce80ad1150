# heaplab's bundled workload (`make run` runs it through `heaplab compare` on every backend).
# It allocates, mutates, copies shallow and deep, and collects, and prints the same under
# python3 (CPython 3.11) as under heaplab.
import copy
import gc


def make_records(n):
    # Allocation: n dicts, each with a str, a float and a small list.
    records = []
    for i in range(n):
        records.append({"id": i, "name": f"item{i}", "score": i * 0.5, "tags": [i % 7, i % 11]})
    return records


def make_tree(depth):
    # Allocation: a complete binary tree of lists [left, right, value].
    if depth == 0:
        return None
    return [make_tree(depth - 1), make_tree(depth - 1), depth]


def tree_sum(node):
    total = 0
    stack = [node]
    while stack:
        node = stack.pop()
        if node is not None:
            total += node[2]
            stack.append(node[0])
            stack.append(node[1])
    return total


records = make_records(50_000)
shallow = copy.copy(records)     # a new outer list, the same dicts
deep = copy.deepcopy(records)    # new dicts and lists all the way down
views = [records[i:i + 100] for i in range(0, len(records), 100)]  # slices: more shallow copies

# Mutation: through one name, seen through every alias.
for r in records:
    r["score"] += 1.0
    r["tags"].append(r["id"] % 3)
for i in range(0, len(records), 2):
    records[i] = {"id": -i, "name": "replaced", "score": 0.0, "tags": []}

print("shallow copy shares the dicts:", shallow[1] is records[1], shallow[1]["score"])
print("deep copy is untouched:", deep[1]["score"], deep[1]["tags"])
print("replaced in records only:", records[0]["name"], shallow[0]["name"], deep[0]["name"])
print("slices share too:", views[0][1] is shallow[1], len(views))
print("scores:", sum(r["score"] for r in records), sum(r["score"] for r in deep))

# Collection: drop the copies and make garbage trees; what is still reachable survives.
shallow = None
deep = None
views = None
checksum = 0
for _ in range(20):
    t = make_tree(12)
    checksum += tree_sum(t)
    copy.deepcopy(t)
gc.collect()
print("trees:", checksum, "records:", len(records), sum(len(r["tags"]) for r in records))
