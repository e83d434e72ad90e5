import sys
sys.path.insert(0, __import__("os").path.dirname(__file__))
from scores_ref import fixture, inputs, route, global_score
rows = []
for seed in (17, 23, 31, 47):
    bars = fixture(120, seed)
    o = [b[0] / 100 for b in bars]; h = [b[1] / 100 for b in bars]; l = [b[2] / 100 for b in bars]
    c = [b[3] / 100 for b in bars]; v = [b[4] / 100 for b in bars]
    I = inputs(o, h, l, c, v)
    g = global_score(I)
    rows.append((g['score'], seed, route(I), g['grade']))
for score, seed, r, grade in sorted(rows, key=lambda x: -x[0]):
    print(seed, repr(float(score)), r, grade)
