x = 1
y = "unclosed
