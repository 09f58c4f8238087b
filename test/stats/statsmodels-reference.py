"""Reference values for test/stats/*.test.ts, computed once with Debian's python3-statsmodels 0.13.5 and
python3-scipy 1.10.1 (`/usr/bin/python3 test/stats/statsmodels-reference.py`). The tests hold the printed numbers;
they do not run Python."""
import numpy as np
import statsmodels.api as sm
from scipy import stats
from statsmodels.tsa.ar_model import AutoReg
from statsmodels.tsa.filters.hp_filter import hpfilter
from statsmodels.tsa.stattools import acf

np.set_printoptions(precision=17)
# data/runs/aieco-seed1 (before issue 12): years 2..20 of unemployment, wage inflation, unemployment growth, real GDP growth
U = [0.175, 0.2266666666666666, 0.1891666666666666, 0.0941666666666666, 0.0725, 0.0425, 0.0866666666666666, 0.13, 0.1216666666666666, 0.2425, 0.2141666666666666, 0.2233333333333333, 0.2133333333333333, 0.2416666666666666, 0.2491666666666666, 0.225, 0.2333333333333333, 0.2116666666666666, 0.2166666666666666]
W = [-0.1088816682071998, 0.1663766190368742, 0.1927784744988483, 0.1894964245652854, 0.1727254397162434, 0.1390669966719153, 0.1196151095108504, 0.0862462649232838, -0.0060072363691101, -0.0888815746207652, -0.092823437340001, -0.0999027368390821, -0.0232779979334565, 0.0510408658109646, 0.0688446291206159, 0.0274416402296258, -0.0190293899042116, -0.0275040823072343, -0.0338841645039117]
UG = [0.1290322580645162, 0.2952380952380953, -0.1654411764705882, -0.5022026431718062, -0.2300884955752212, -0.4137931034482759, 1.0392156862745097, 0.5, -0.0641025641025641, 0.9931506849315068, -0.1168384879725086, 0.0428015564202335, -0.044776119402985, 0.1328125, 0.0310344827586206, -0.0969899665551839, 0.0370370370370369, -0.0928571428571428, 0.0236220472440944]
G = [-0.0236686390532543, -0.0626262626262627, 0.0484913793103449, 0.1171634121274407, 0.0239190432382703, 0.032345013477089, -0.0461270670147955, -0.0474452554744525, 0.0095785440613027, -0.1375711574952564, 0.0374037403740374, -0.0116648992576884, 0.0128755364806869, -0.0360169491525425, -0.0098901098901097, 0.032186459489456, -0.010752688172043, 0.0282608695652175, -0.0063424947145878]
SHORT = [2.1, 3.4, 2.9, 4.8, 5.5, 5.1, 6.9, 7.2, 6.4, 8.8, 9.1, 8.7]


def hac(x, y, lags):
    f = sm.OLS(np.array(y), sm.add_constant(np.array(x))).fit(cov_type="HAC", cov_kwds={"maxlags": lags, "use_correction": True}, use_t=True)
    return f.params[1], f.bse[1], f.pvalues[1]


def n_eff(x, y):
    n = len(x)
    K = n // 5
    ax, ay = acf(x, nlags=K, fft=False), acf(y, nlags=K, fft=False)
    d = 1 + 2 * np.sum(ax[1:] * ay[1:])
    ne = n if d <= 0 else min(n, max(3, n / d))
    r = np.corrcoef(x, y)[0, 1]
    return ne, 2 * stats.t.sf(abs(r * np.sqrt((ne - 2) / (1 - r * r))), ne - 2)


print("hp short 1600 trend", repr(list(hpfilter(np.array(SHORT), 1600)[1])))
print("hp short 100 cycle", repr(list(hpfilter(np.array(SHORT), 100)[0])))
print("hp 3 values", repr(list(hpfilter(np.array([1.0, 5.0, 2.0]), 10)[1])))
us = np.loadtxt("data/us_quarterly_2000_2020.csv", delimiter=",", skiprows=5, usecols=1)  # 2001Q1..2020Q4
c, t = hpfilter(100 * np.log(us), 1600)
print("hp US GDP cycle [0, 31, 32, 79]", repr([c[0], c[31], c[32], c[79]]), "sum sq", repr(float(np.sum(c * c))))
print("acf U 3", repr(list(acf(U, nlags=3, fft=False))))
print("spearman phillips", stats.spearmanr(U, W))
print("spearman okun", stats.spearmanr(UG, G))
print("spearman ties", stats.spearmanr([1, 2, 2, 3, 5, 5, 5], [3, 1, 4, 1, 5, 9, 2]))
for lags in (0, 1, 2, 3):
    print("hac phillips", lags, repr(hac(U, W, lags)))
print("hac okun 2", repr(hac(UG, G, 2)))
print("n_eff phillips", repr(n_eff(U, W)))
print("n_eff okun", repr(n_eff(UG, G)))
print("n_eff alternating", repr(n_eff([1, -1, 1, -1, 1, -1, 1, -1, 1, -1], [1, -1, 1, -1, 1, -1, 1, -1, 1.5, -1])))
print("n_eff alternating vs trend", repr(n_eff([1, -1, 1, -1, 1, -1, 1, -1], list(range(1, 9)))))
for p in (1, 2):
    r = AutoReg(np.array(W), lags=p, trend="c", old_names=False).fit()
    print("AutoReg W", p, repr(list(r.params)))
    X = np.column_stack([np.array(W)[p - 1 - j:len(W) - 1 - j] for j in range(p)])
    print("OLS se W", p, repr(list(sm.OLS(np.array(W)[p:], sm.add_constant(X)).fit().bse)))

# The US business-cycle table 2001Q1–2020Q4 (lib/analysis/businessCycle.ts): HP(1600) cycles of 100·log levels and of
# unemployment in pp; SD with n − 1; correlations over overlapping quarters.
import csv
with open("data/us_monthly_2000_2020.csv") as f:
    months = [r for r in csv.DictReader(f) if r["date"] >= "2001"]
with open("data/us_quarterly_2000_2020.csv") as f:
    quarters = [r for r in csv.DictReader(f) if r["date"] >= "2001"]
q3 = lambda col: np.array([np.mean([float(months[3 * k + j][col]) for j in range(3)]) for k in range(80)])
levels = {
    "real_gdp": 100 * np.log([float(r["GDPC1"]) for r in quarters]),
    "real_consumption": 100 * np.log([float(r["PCECC96"]) for r in quarters]),
    "price_level": 100 * np.log(q3("CPIAUCSL")),
    "mean_wage": 100 * np.log(q3("AHETPI")),
    "unemployment": q3("UNRATE"),
}
cyc = {k: hpfilter(v, 1600)[0] for k, v in levels.items()}
def lagged(x, y, k):
    return np.corrcoef(x[max(0, -k):len(x) - max(0, k)], y[max(0, k):len(y) - max(0, -k)])[0, 1]
for name, c in cyc.items():
    sd = np.std(c, ddof=1)
    ar = [AutoReg(c, lags=p, trend="c", old_names=False).fit().params[1:] for p in (1, 2)]
    print("US", name, repr([sd, sd / np.std(cyc["real_gdp"], ddof=1), lagged(c, c, 1)] + [lagged(cyc["real_gdp"], c, k) for k in range(-4, 5)] + [ar[0][0], ar[1][0], ar[1][1]]))
