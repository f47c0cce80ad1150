len(iter("abc"))
