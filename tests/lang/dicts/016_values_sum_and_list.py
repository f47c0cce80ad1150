prices = {'apple': 3, 'pear': 5, 'fig': 2}
print(sum(prices.values()))
print(max(prices.values()))
print(sorted(prices.values()))
print(list(prices.values()))
print(max(prices, key=lambda k: prices[k]))
