nums = [1, 2, 3]
for n in nums:
    n = n * 10
print(nums)
rows = [[1], [2]]
for row in rows:
    row.append(0)
print(rows)
for i in range(len(nums)):
    nums[i] = nums[i] * 10
print(nums)
