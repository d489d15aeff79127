#!/usr/bin/env python3
"""Writes the SciPy reference values that LessonKit's statistics are tested against.

Run from the repository root (needs SciPy and NumPy; `pip install scipy`):

    python3 Scripts/make_statistics_fixtures.py

It writes Tests/LessonKitTests/Fixtures/statistics.json, which is committed, so the Swift tests
never need Python. Every value comes from SciPy's own implementation (Boost's incomplete beta
and noncentral t under `scipy.stats`), not from a re-derivation of the formulas the Swift code
uses: the Welch, paired and one-sample tests from `ttest_ind(equal_var=False)`, `ttest_rel` and
`ttest_1samp` with their `confidence_interval`, the exact binomial test and its Clopper-Pearson
interval from `binomtest`, Fisher's exact test from `fisher_exact`, the sign test from `binomtest` of the wins against 1/2, quantiles from `t.ppf`, and the detectable difference by solving
`power(delta) = target` with `brentq` over `nct`.
"""
import json
import pathlib

import numpy as np
from scipy import optimize, stats

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "LessonKitTests" / "Fixtures"


def power(df, noncentrality, alpha):
    """Probability that a two-sided t-test at `alpha` rejects when the statistic is nct(df, noncentrality)."""
    critical = stats.t.ppf(1 - alpha / 2, df)
    # P(T' <= -c; delta) written as P(T' >= c; -delta): SciPy's lower tail returns NaN for some
    # far-out arguments (df = 1, delta = 8), its upper tail does not.
    return stats.nct.sf(critical, df, noncentrality) + stats.nct.sf(critical, df, -noncentrality)


def detectable_noncentrality(df, alpha, target):
    upper = 4.0
    while power(df, upper, alpha) < target:
        upper *= 2
    return optimize.brentq(lambda d: power(df, d, alpha) - target, 0, upper, xtol=1e-14, rtol=1e-14)


def distribution_cases():
    cases = []
    for df in [1, 1.5, 2, 2.7, 4, 9.3, 30, 120, 1000]:
        for t in [-40.0, -6.0, -2.1, -0.3, 0.0, 0.7, 1.96, 4.5, 12.0, 80.0]:
            cases.append({"df": df, "t": t, "cdf": float(stats.t.cdf(t, df)), "sf": float(stats.t.sf(t, df)),
                          "two_sided_p": float(2 * stats.t.sf(abs(t), df))})
    return cases


def quantile_cases():
    cases = []
    for df in [1, 1.2, 2, 2.9, 3, 4, 7.5, 10, 29, 30, 31, 120, 5000]:
        for p in [0.6, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995, 0.9995, 0.999999, 0.025, 0.1]:
            cases.append({"df": df, "p": p, "quantile": float(stats.t.ppf(p, df))})
    return cases


def noncentral_cases():
    cases = []
    for df in [1.3, 2, 4, 9.5, 30]:
        for delta in [-3.0, 0.0, 0.5, 2.0, 5.0, 12.0]:
            for t in [-4.0, -1.0, 0.3, 2.0, 6.0, 20.0]:
                # Below zero, P(T' <= t; delta) = P(T' >= -t; -delta), for the NaN reason above.
                cdf = stats.nct.cdf(t, df, delta) if t >= 0 else stats.nct.sf(-t, df, -delta)
                cases.append({"df": df, "noncentrality": delta, "t": t, "cdf": float(cdf)})
    return cases


def detectable_cases():
    cases = []
    for df in [1, 2, 2.9, 4, 9, 28, 200]:
        for alpha in [0.05, 0.01]:
            for target in [0.8, 0.9]:
                cases.append({"df": df, "alpha": alpha, "power": target,
                              "noncentrality": float(detectable_noncentrality(df, alpha, target))})
    return cases


def comparison_cases():
    rng = np.random.default_rng(20261202)
    samples = [
        ("three seeds each, clear", [2.869, 2.861, 2.877], [2.926, 2.910, 2.942]),
        ("two each", [0.61, 0.66], [0.40, 0.52]),
        ("unequal sizes and spreads", [0.501, 0.63, 0.26, 0.61, 0.55], [0.98, 0.99]),
        ("no difference", [1.0, 2.0, 3.0, 4.0], [1.5, 2.5, 3.5, 2.5]),
        ("tiny p", list(10 + rng.normal(0, 0.01, 8)), list(9 + rng.normal(0, 0.01, 8))),
        ("ten against twelve", list(rng.normal(0.5, 0.2, 10)), list(rng.normal(0.62, 0.05, 12))),
        ("large samples", list(rng.normal(0, 1, 60)), list(rng.normal(0.3, 2, 45))),
    ]
    cases = []
    for name, a, b in samples:
        for alpha in [0.05, 0.01]:
            result = stats.ttest_ind(a, b, equal_var=False)
            interval = result.confidence_interval(confidence_level=1 - alpha)
            va, vb = np.var(a, ddof=1), np.var(b, ddof=1)
            se = float(np.sqrt(va / len(a) + vb / len(b)))
            df = float(result.df)
            cases.append({
                "name": name, "design": "independent", "alpha": alpha, "first": [float(x) for x in a],
                "second": [float(x) for x in b], "difference": float(np.mean(a) - np.mean(b)),
                "standard_error": se, "df": df, "t": float(result.statistic), "p": float(result.pvalue),
                "lower": float(interval.low), "upper": float(interval.high),
                "effect_size": float((np.mean(a) - np.mean(b)) / np.sqrt((va + vb) / 2)),
                "detectable": float(detectable_noncentrality(df, alpha, 0.8) * se),
            })
    paired = [
        ("three pairs", [0.70, 0.74, 0.69], [0.65, 0.71, 0.60]),
        ("two pairs", [1.0, 3.0], [0.5, 2.0]),
        ("ten pairs, small shift", list(rng.normal(1, 1, 10)), None),
        ("no shift", [0.1, 0.5, 0.9, 0.3], [0.2, 0.4, 1.0, 0.2]),
    ]
    for name, a, b in paired:
        if b is None:
            b = [x - 0.15 + float(e) for x, e in zip(a, rng.normal(0, 0.2, len(a)))]
        for alpha in [0.05, 0.01]:
            result = stats.ttest_rel(a, b)
            interval = result.confidence_interval(confidence_level=1 - alpha)
            d = np.array(a) - np.array(b)
            se = float(np.std(d, ddof=1) / np.sqrt(len(d)))
            df = float(result.df)
            cases.append({
                "name": name, "design": "paired", "alpha": alpha, "first": [float(x) for x in a],
                "second": [float(x) for x in b], "difference": float(np.mean(d)), "standard_error": se,
                "df": df, "t": float(result.statistic), "p": float(result.pvalue),
                "lower": float(interval.low), "upper": float(interval.high),
                "effect_size": float(np.mean(d) / np.std(d, ddof=1)),
                "detectable": float(detectable_noncentrality(df, alpha, 0.8) * se),
            })
    one_sample = [
        ("three seeds near chance", [0.497, 0.540, 0.51], 0.5),
        ("ten seeds", list(rng.normal(0.52, 0.02, 10)), 0.5),
        ("two values", [0.9, 0.95], 0.25),
    ]
    for name, a, reference in one_sample:
        for alpha in [0.05, 0.01]:
            result = stats.ttest_1samp(a, reference)
            interval = result.confidence_interval(confidence_level=1 - alpha)
            se = float(np.std(a, ddof=1) / np.sqrt(len(a)))
            df = float(result.df)
            cases.append({
                "name": name, "design": "one-sample", "alpha": alpha, "first": [float(x) for x in a],
                "second": [reference], "difference": float(np.mean(a) - reference), "standard_error": se,
                "df": df, "t": float(result.statistic), "p": float(result.pvalue),
                # SciPy's interval is for the mean; the difference's is shifted by the reference.
                "lower": float(interval.low - reference), "upper": float(interval.high - reference),
                "effect_size": float((np.mean(a) - reference) / np.std(a, ddof=1)),
                "detectable": float(detectable_noncentrality(df, alpha, 0.8) * se),
            })
    return cases


def binomial_cases():
    cases = []
    for k, n, p in [(633, 1000, 0.25), (2168, 3920, 0.5), (0, 10, 0.3), (10, 10, 0.5), (7, 20, 0.35),
                    (4, 10, 0.5), (520, 1000, 0.5), (1, 3, 0.25)]:
        for alpha in [0.05, 0.01]:
            result = stats.binomtest(k, n, p)
            interval = result.proportion_ci(confidence_level=1 - alpha, method="exact")
            cases.append({"successes": k, "trials": n, "chance": p, "alpha": alpha, "p": float(result.pvalue),
                          "lower": float(interval.low), "upper": float(interval.high)})
    return cases


def fisher_cases():
    cases = []
    for a, n1, b, n2 in [(6, 8, 3, 8), (5, 5, 2, 5), (3, 3, 2, 3), (0, 10, 10, 10), (12, 40, 25, 45), (1, 1, 0, 1)]:
        _, p = stats.fisher_exact([[a, n1 - a], [b, n2 - b]])
        cases.append({"first": a, "first_trials": n1, "second": b, "second_trials": n2, "p": float(p)})
    return cases


def sign_cases():
    """The sign test and McNemar's exact test: the exact binomial test of the wins against 1/2."""
    cases = []
    for a, b, goal in [([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 9.0], "higher"),
                       ([2.9, 2.8, 2.7, 3.0, 2.85], [3.1, 2.9, 2.7, 3.2, 2.95], "lower"),
                       ([0.5] * 6, [0.5] * 6, "higher"),
                       ([float(i) for i in range(20)], [float(i) + (1 if i % 3 else -1) for i in range(20)], "higher")]:
        wins = sum(1 for x, y in zip(a, b) if x != y and ((x > y) == (goal == "higher")))
        losses = sum(1 for x, y in zip(a, b) if x != y) - wins
        p = 1.0 if wins + losses == 0 else float(stats.binomtest(wins, wins + losses, 0.5).pvalue)
        cases.append({"first": a, "second": b, "goal": goal, "wins": wins, "losses": losses, "p": p})
    return cases


def main():
    FIXTURES.mkdir(parents=True, exist_ok=True)
    fixture = {
        "generator": "Scripts/make_statistics_fixtures.py",
        "scipy": __import__("scipy").__version__,
        "distribution": distribution_cases(),
        "quantiles": quantile_cases(),
        "noncentral": noncentral_cases(),
        "detectable": detectable_cases(),
        "comparisons": comparison_cases(),
        "binomial": binomial_cases(),
        "fisher": fisher_cases(),
        "sign": sign_cases(),
    }
    path = FIXTURES / "statistics.json"
    path.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
