s = 'naïve café'
print(s.upper())
print(s.split(' '))
print(s.find('é'), s.count('a'))
print(s.replace('é', 'e'))
print(s[::-1])
print(len(s))
