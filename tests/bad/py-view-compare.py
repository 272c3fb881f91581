d = {1: 2}
same = d.keys() == {1}
