# Crops head-and-shoulders portraits from the 1927 Solvay conference photo
# shipped as test.png in the rustface 0.1.7 crate, removing the red face boxes
# drawn into it. Output: grey PNGs, 3:4 (w:h), face centred as on ID photos.
import sys
from PIL import Image
src = sys.argv[1]; out = sys.argv[2]
im = Image.open(src).convert('RGB')
W, H = im.size
px = im.load()
red = lambda p: p[0] > 140 and p[1] < 90 and p[2] < 90 and p[0] - p[1] > 80
mask = [[red(px[x, y]) for x in range(W)] for y in range(H)]
seen = [[False]*W for _ in range(H)]
boxes = []
for y in range(H):
    for x in range(W):
        if mask[y][x] and not seen[y][x]:
            st = [(x, y)]; seen[y][x] = True; xs = []; ys = []
            while st:
                a, b = st.pop(); xs.append(a); ys.append(b)
                for da in (-1, 0, 1):
                    for db in (-1, 0, 1):
                        c, d = a+da, b+db
                        if 0 <= c < W and 0 <= d < H and mask[d][c] and not seen[d][c]:
                            seen[d][c] = True; st.append((c, d))
            if len(xs) > 60:
                boxes.append((min(xs), min(ys), max(xs), max(ys)))
print(len(boxes), 'boxes')
# Remove red: replace each red (or reddish-fringe) pixel by the mean of non-red pixels within 3 px.
g = im.convert('L')
gp = g.load()
for y in range(H):
    for x in range(W):
        p = px[x, y]
        if p[0] - max(p[1], p[2]) > 35:
            vals = []
            for r in range(1, 6):
                for dy in range(-r, r+1):
                    for dx in range(-r, r+1):
                        c, d = x+dx, y+dy
                        if 0 <= c < W and 0 <= d < H:
                            q = px[c, d]
                            if q[0] - max(q[1], q[2]) <= 35:
                                vals.append(gp[c, d])
                if len(vals) >= 4: break
            if vals: gp[x, y] = sum(vals)//len(vals)
boxes.sort(key=lambda b: (b[1]//80, b[0]))
n = 0
for (x0, y0, x1, y1) in boxes:
    bw = x1 - x0; bh = y1 - y0
    if bw < 30 or bh < 30 or bw > 200: continue
    cx = (x0 + x1) / 2; cy = (y0 + y1) / 2
    w = bw * 1.9; h = w * 4 / 3
    top = cy - h * 0.42
    box = (int(cx - w/2), int(top), int(cx + w/2), int(top + h))
    if box[0] < 0 or box[1] < 0 or box[2] > W or box[3] > H: continue
    c = g.crop(box).resize((120, 160), Image.LANCZOS)
    c.save(f'{out}/solvay-{n:02}.png', optimize=True)
    n += 1
print(n, 'crops')
