# Independent reference for HistoricalRisk (the spec's getRiskMetrics description), written with
# numpy from the definitions, not from the Swift code: the newest WINDOW daily returns of
# sample-data/GOOG.csv, the 5th percentile with numpy's default (linear) interpolation, the
# mean of the returns at or below it, and the sample deviation of the log returns annualised
# by the returns per year the window spans.
import sys, datetime
import numpy as np

path = sys.argv[1] if len(sys.argv) > 1 else "sample-data/GOOG.csv"
rows = [line.strip().split(",") for line in open(path)][1:]
days = np.array([datetime.date.fromisoformat(r[0]).toordinal() for r in rows], dtype=float)
closes = np.array([float(r[4]) for r in rows])
for window in (250, 60, 20):
    c, d = closes[-(window + 1):], days[-(window + 1):]
    simple = c[1:] / c[:-1] - 1
    q = np.percentile(simple, 5)
    es = -simple[simple <= q].mean()
    per_year = window * 365.25 / (d[-1] - d[0])
    vol = np.std(np.log(c[1:] / c[:-1]), ddof=1) * np.sqrt(per_year)
    print(f"({window}, {float(-q)!r}, {float(es)!r}, {float(vol)!r}),")
