def grade(score):
    if score >= 50:
        if score >= 90:
            return 'A'
        elif score >= 70:
            return 'B'
        return 'C'
    else:
        if score < 0:
            return 'invalid'
    return 'F'

for s in [95, 75, 55, 10, -1]:
    print(s, grade(s))
