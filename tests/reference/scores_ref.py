# Independent reference for the score computations (API.md "Computations the documents name"),
# written from the formulas with numpy; not a port of the Swift code.
import numpy as np
M = (1 << 64) - 1

class SeededRandom:  # splitmix64 seeding + xoshiro256**, as Sources/Engine/MarketData/SeededRandom.swift documents
    def __init__(self, seed):
        sm = seed
        st = []
        for _ in range(4):
            sm = (sm + 0x9E3779B97F4A7C15) & M
            z = sm
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
            st.append(z ^ (z >> 31))
        self.s = st
    @staticmethod
    def rotl(x, k): return ((x << k) | (x >> (64 - k))) & M
    def next(self):
        s = self.s
        result = (self.rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t
        s[3] = self.rotl(s[3], 45)
        return result

def fixture(count=260, seed=17):
    r = SeededRandom(seed)
    close = 10_000
    bars = []
    for i in range(count):
        o = close
        step = r.next() % 401 - 195
        close = max(100, o + step)
        h = max(o, close) + r.next() % 60
        l = min(o, close) - r.next() % 60
        v = 100_000_000 + r.next() % 900_000_000
        bars.append((o, h, l, close, v))
    return bars

def ema(x, n):
    out = [None] * len(x)
    if len(x) < n: return out
    e = np.mean(x[:n]); out[n - 1] = e; a = 2 / (n + 1)
    for i in range(n, len(x)):
        e = e + a * (x[i] - e); out[i] = e
    return out

def wilder_rsi(c, n=14):
    d = np.diff(c); g = np.maximum(d, 0); l = np.maximum(-d, 0)
    ag = g[:n].mean(); al = l[:n].mean()
    for i in range(n, len(d)):
        ag = (ag * (n - 1) + g[i]) / n; al = (al * (n - 1) + l[i]) / n
    return 100 - 100 / (1 + ag / al)

def wilder_atr(h, l, c, n=14):
    tr = [h[0] - l[0]] + [max(h[i] - l[i], abs(h[i] - c[i - 1]), abs(l[i] - c[i - 1])) for i in range(1, len(c))]
    a = np.mean(tr[:n])
    for i in range(n, len(tr)): a = (a * (n - 1) + tr[i]) / n
    return a

def norm(v, a, b, c, d): return c + (min(b, max(a, v)) - a) / (b - a) * (d - c)

def inputs(o, h, l, c, v):
    n = len(c); P = c[-1]; I = {}
    I['rsi'] = wilder_rsi(c)
    for N in (5, 10, 20): I[f'ret{N}d'] = (c[n - 1] / c[n - 1 - N] - 1) * 100
    ma20 = np.mean(c[-20:]); I['ma20'] = ma20
    atr = wilder_atr(h, l, c); I['atr'] = atr; I['atr_pct'] = atr / P * 100
    sd = np.std(c[-20:]); up, lo = ma20 + 2 * sd, ma20 - 2 * sd
    I['bollinger_z'] = (P - ma20) / ((up - lo) / 2)
    I['dist_ma20'] = (P / ma20 - 1) * 100
    e12, e26 = ema(c, 12), ema(c, 26)
    macd = [a - b for a, b in zip(e12, e26) if a is not None and b is not None]
    I['macd'] = macd[-1]; I['macd_slope'] = macd[-1] - macd[-2]
    I['volume_percentile'] = np.mean(np.array(v[-60:]) <= v[-1])
    I['avg_amount'] = np.mean(np.array(c[-20:]) * np.array(v[-20:]))
    I['high52'] = max(h[-252:]); I['low52'] = min(l[-252:])
    I['position52'] = (P - I['low52']) / (I['high52'] - I['low52']) * 100
    I['range_pos'] = (P - min(l[-20:])) / (max(h[-20:]) - min(l[-20:]))
    slope = np.polyfit(np.arange(20), l[-20:], 1)[0]
    I['low_trend'] = float(np.clip(slope * 20 / np.mean(l[-20:]), -1, 1))
    oo, cc, vv = np.array(o[-20:]), np.array(c[-20:]), np.array(v[-20:])
    upv, dnv = vv[cc > oo], vv[cc < oo]
    I['vol_quality'] = float(np.clip((upv.mean() - dnv.mean()) / vv.mean(), -1, 1)) if len(upv) and len(dnv) else 0.0
    I['entry'] = ma20; I['stop'] = ma20 - 2 * atr; I['target'] = max(max(h[-60:]), ma20 + 3 * atr)
    I['price'] = P
    return I

def seven(I, f):
    rsi = I['rsi']
    rp = 70 + (30 - rsi) * 0.67 if rsi < 30 else 60 - (rsi - 70) * 0.33 if rsi > 70 else rsi
    mom = np.mean([50, rp, norm(I['ret5d'], -10, 10, 0, 100), norm(I['ret20d'], -20, 20, 0, 100)])
    val = np.mean([norm(f['per'], 5, 30, 100, 0), norm(f['pbr'], 0.5, 3, 100, 0), norm(f['psr'], 0.5, 10, 100, 0)])
    qual = np.mean([norm(f['roe'], 0, 25, 0, 100), norm(f['roa'], 0, 15, 0, 100), norm(f['opm'], 0, 25, 0, 100), norm(f['npm'], 0, 20, 0, 100)])
    vol = norm(I['atr_pct'], 1, 5, 100, 0)
    liq = np.mean([I['volume_percentile'] * 100, norm(I['avg_amount'] / 1e8, 1, 50, 30, 100)])
    gro = np.mean([norm(f['rev'], -10, 30, 0, 100), norm(f['earn'], -20, 50, 0, 100)])
    pos = I['position52']
    sen = 70 + (20 - pos) * 1.5 if pos < 20 else 60 - (pos - 80) * 1.5 if pos > 80 else pos
    tot = .2 * mom + .15 * val + .2 * qual + .1 * vol + .1 * liq + .15 * gro + .1 * sen
    return dict(momentum=mom, value=val, quality=qual, volatility=vol, liquidity=liq, growth=gro, sentiment=sen, total=tot)

def route(I):
    if I['ret5d'] > 20 or I['rsi'] >= 75: return 'OVERHEAT'
    if 45 <= I['rsi'] <= 65 and I['range_pos'] >= 0.8 and I['low_trend'] > 0 and I['vol_quality'] > 0: return 'ATTACK'
    if I['vol_quality'] >= 0.2 or I['dist_ma20'] > -2: return 'ARMED'
    if I['low_trend'] > 0 and I['dist_ma20'] > -5: return 'WAIT'
    return 'NEUTRAL'

def global_score(I):
    P, S, T, E, rsi, ms = I['price'], I['stop'], I['target'], I['entry'], I['rsi'], I['macd_slope']
    rr = 0 if P <= S else max(0, min(100, ((T - P) / (P - S)) / 3 * 100))
    tr = 0 if P >= T else min(100, ((T - P) / P * 100) / 20 * 100)
    r = (P - S) / P * 100
    sr = 100 if 4 <= r <= 6 else (r - 2) / 2 * 60 + 40 if r < 4 else 100 - (r - 6) / 4 * 50
    sr = min(100, max(0, sr))
    ep = min(100, max(0, (1 - abs(P - E) / E * 100 / 5) * 100))
    band = 45 <= rsi <= 65
    rp = 40 if band else max(0, (rsi - 30) / 15 * 40) if rsi < 45 else max(0, (80 - rsi) / 15 * 40)
    ebs = sum([band, ms > 0, I['low_trend'] > 0, I['vol_quality'] > 0, I['range_pos'] >= 0.5])
    mom = min(100, rp + (30 if ms > 0 else 0) + 30 * sum([ebs >= 4, ms > 0, band]) / 3)
    liq = I['volume_percentile'] * 100
    z = abs(I['bollinger_z']); d = abs(I['dist_ma20'])
    tb = (50 if z <= 1 else 50 * (3 - z) / 2 if z <= 3 else 0) + (50 if d <= 5 else 50 * (10 - d) / 5 if d <= 10 else 0)
    ws = .25 * rr + .18 * tr + .12 * sr + .12 * ep + .10 * mom + .13 * liq + .10 * tb
    pen = []
    if I['ret5d'] > 10: pen.append(('ret5d_gt_10', 6))
    if I['ret10d'] > 20: pen.append(('ret10d_gt_20', 6))
    if not band: pen.append(('rsi_outside_45_65', 4))
    if ms < 0: pen.append(('macd_slope_negative', 4))
    if abs(P - E) / E * 100 > 5: pen.append(('price_gt_5pct_from_entry', 4))
    if I['volume_percentile'] < 0.2: pen.append(('volume_percentile_lt_0_2', 4))
    if z > 3: pen.append(('bollinger_z_gt_3', 2))
    score = max(0, ws - sum(p for _, p in pen))
    grade = 'BUY' if score >= 70 else 'WATCH' if score >= 50 else 'HOLD'
    return dict(rr=rr, tr=tr, sr=sr, ep=ep, mom=mom, liq=liq, tb=tb, ws=ws, pen=pen, score=score, grade=grade)

if __name__ == '__main__':
    import sys
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 260
    bars = fixture(count)
    o = [b[0] / 100 for b in bars]; h = [b[1] / 100 for b in bars]; l = [b[2] / 100 for b in bars]
    c = [b[3] / 100 for b in bars]; v = [b[4] / 100 for b in bars]   # prices 2 digits, quantities 2 digits
    print('first bars', bars[:3], 'last', bars[-1])
    I = inputs(o, h, l, c, v)
    for k, x in I.items(): print(f'{k} = {float(x)!r}')
    f = dict(per=12.5, pbr=1.1, psr=2.0, roe=14.0, roa=6.0, opm=11.0, npm=8.0, rev=12.0, earn=25.0)
    for k, x in seven(I, f).items(): print(f'7F {k} = {float(x)!r}')
    print('route', route(I))
    for k, x in global_score(I).items(): print(f'GS {k} = {x!r}')
