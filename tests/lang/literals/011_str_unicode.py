s = "héllo"
print(s)
print(len(s))
print(repr(s))
print(s[1])
print(s.upper())
j = "日本語"
print(j, len(j), j[2])
e = "smile 😀"
print(e, len(e))
print(repr(e))
print(["é", "ß", "日"])
