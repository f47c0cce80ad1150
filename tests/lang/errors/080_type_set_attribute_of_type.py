list.x = 1
