print('never runs')
s = """starts
and never
ends
