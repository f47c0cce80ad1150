# Shallow versus deep copy of a list of dicts.
import copy
import heaplab     # heap pictures: `heaplab run FILE --snapshots DIR` (a no-op under python3)

my_list1 = [{"first": "value1"}, {"second": "value2"}, 3, 4, 5]

my_list2 = copy.copy(my_list1)        # shallow: the dicts are shared
heaplab.snapshot("shallow copy")
my_list3 = copy.deepcopy(my_list1)    # deep: the dicts are copied
heaplab.snapshot("deep copy")         # new dicts, but the same (immutable) strs in them

my_list1[0]["first"] = "changed"      # mutate a dict inside the list
my_list1[2] = 30                      # rebind a slot of my_list1 only
heaplab.snapshot("after mutation")

print(my_list1)   # [{'first': 'changed'}, {'second': 'value2'}, 30, 4, 5]
print(my_list2)   # [{'first': 'changed'}, {'second': 'value2'}, 3, 4, 5]
print(my_list3)   # [{'first': 'value1'}, {'second': 'value2'}, 3, 4, 5]

print(my_list2[0] is my_list1[0])   # True
print(my_list3[0] is my_list1[0])   # False
print(my_list3[2] is my_list1[2] or my_list3[2] == 3)  # ints are immutable: sharing them is safe
