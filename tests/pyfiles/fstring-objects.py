"""An f-string reads its objects; it does not keep them.

The pieces are made, joined, and dropped: only the final str remains."""
import sys
data = [1000, 2000]
text = f'data={data} first={data[0]}'
print(text)
print(sys.getrefcount(data))
alone = f'{data}'
print(alone)
word = 'same'
copy = f'{word}'
print(copy is word)
