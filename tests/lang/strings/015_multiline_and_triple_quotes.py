text = """line one
line two
  indented"""
print(text)
print(len(text.split('\n')))
print(repr('''a
b'''))
