#!/usr/bin/env python3
"""Gathers the evaluation of several synthetic cities (one JSON per seed, from
`bash bench/matching/evaluate.sh --seeds …`) into docs/benchmarks/matching-seeds.json and the marked
section of docs/matching.md.

    python3 bench/matching/seeds.py OUT_JSON MARKDOWN COMMAND SEED_JSON...

Per seed: the city-wide plan at the default load penalty and at each variant (its mean distance
over the weekly and the offline optimum's, and its Gini), the Gini the plan would have at exactly
1.10× either optimum's distance (interpolated between the two settings on either side of it), the
Gini the offline optimum itself reaches at 1.10× its least distance, and whether each of the
issue's targets is met with the defaults.
"""
import json
import statistics
import sys

from render import replace_section

START, END = "<!-- seeds:start -->", "<!-- seeds:end -->"
DISTANCE_TARGET = 1.10


def settings_of(doc):
    """Each plan setting of a run: (label, city-wide figures, targets), the defaults first."""
    sc = doc["scenarios"]["haarlem"]
    out = [(f"{doc['configuration']['plan-load-penalty-metres']:g} m (default)", sc["strategies"]["city-wide"],
            sc["targets"])]
    for name, v in sc.get("variants", {}).items():
        label = ", ".join(f"{val} m" if k == "plan-load-penalty-metres" else f"{k} {val}"
                          for k, val in v["settings"].items()) or name
        out.append((label, v["strategies"]["city-wide"], v["targets"]))
    return out


def penalty(label):
    """The load penalty a setting's label starts with (settings without one sort last)."""
    head = label.split(" m", 1)[0]
    return float(head) if head.replace(".", "", 1).isdigit() else float("inf")


def gini_at(points, x):
    """The Gini at distance ratio x on the frontier through (ratio, Gini) points, or None outside it."""
    points = sorted(points)
    for (x0, g0), (x1, g1) in zip(points, points[1:]):
        if x0 <= x <= x1 and x1 > x0:
            return g0 + (g1 - g0) * (x - x0) / (x1 - x0)
    return None


def seed_row(doc):
    sc = doc["scenarios"]["haarlem"]
    st = sc["strategies"]
    optimum = st["optimum"]
    offline = sc["offlineOptimum"]
    least = offline[0]["meanDistanceMetresExact"]
    plans = []
    for label, s, targets in settings_of(doc):
        plans.append({"setting": label,
                      "matchedOverOptimum": round(s["matched"] / optimum["matched"], 4),
                      "distanceOverOptimum": round(s["meanDistanceMetresExact"] / optimum["meanDistanceMetresExact"], 3),
                      "distanceOverOffline": round(s["meanDistanceMetresExact"] / least, 3),
                      "gini": s["gini"],
                      "targetsMet": [t["pass"] for t in targets[:3]],
                      "offlineTargetsMet": [t["pass"] for t in targets[5:7]]})
    plans.sort(key=lambda p: penalty(p["setting"]))
    at = gini_at([(p["distanceOverOptimum"], p["gini"]) for p in plans], DISTANCE_TARGET)
    at_offline = gini_at([(p["distanceOverOffline"], p["gini"]) for p in plans], DISTANCE_TARGET)
    oracle = gini_at([(o["meanDistanceMetresExact"] / least, o["gini"]) for o in offline], DISTANCE_TARGET)
    default = st["city-wide"]
    same = default.get("sameInput")
    return {"seed": sc["city"]["seed"], "requests": sc["city"]["requests"], "optimumMatched": optimum["matched"],
            "offlineMatched": offline[0]["matched"],
            "defaultOverSameInputOptimum": None if same is None else same["distanceRatio"],
            "defaultOverOffline": round(default["meanDistanceMetresExact"] / least, 3),
            "plans": plans, "giniAtTargetDistance": None if at is None else round(at, 3),
            "giniAtTargetOfflineDistance": None if at_offline is None else round(at_offline, 3),
            "offlineGiniAtTargetDistance": None if oracle is None else round(oracle, 3),
            "ranking": {"coverage": st["ranking"]["coverage"], "gini": st["ranking"]["gini"]},
            "nearest": {"coverage": st["nearest"]["coverage"], "gini": st["nearest"]["gini"]},
            "targetsMetWithDefaults": [t["pass"] for t in sc["targets"]]}


def fmt(x, pattern):
    return "–" if x is None else pattern.format(x)


def render(doc):
    rows = doc["seeds"]
    labels = [p["setting"] for p in rows[0]["plans"]]
    out = [START, "",
           f"Reproduce with `{doc['command']}` ({doc['date']}, {doc['wallSeconds']:.0f} s; figures: "
           "[`docs/benchmarks/matching-seeds.json`](benchmarks/matching-seeds.json)). Each seed is another city "
           "drawn the same way (homes, helpers, skills, languages, availability and twelve weeks of requests), "
           "replayed as above; the busy city is left out. The plan's cells give its mean distance over the weekly "
           "optimum's and its Gini; ✓ where both the distance and the Gini target are met against the weekly "
           "optimum. After them: the default plan's distance over the least-distance matching of its own input "
           "(round by round) and over the offline optimum's; the Gini the plan would have at exactly 1.10× the "
           "weekly and the offline optimum's distance (interpolated between the load penalties on either side); "
           "and the Gini the offline optimum itself reaches at 1.10× its least distance, with the load penalty over "
           "the whole replay (knowing the future).", "",
           "| seed | requests | matched: weekly, offline optimum | " + " | ".join(f"plan at {lab}" for lab in labels)
           + " | default ÷ own input's optimum | default ÷ offline optimum"
           + " | plan's Gini at 1.10× weekly, offline | offline optimum's Gini at 1.10×"
           + " | ranking: coverage, Gini | nearest-first: coverage, Gini | targets met (defaults) |",
           "|---:|---:|---:|" + "---:|" * len(labels) + "---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        cells = []
        for p in r["plans"]:
            both = p["targetsMet"][1] and p["targetsMet"][2]
            cells.append(f"{p['distanceOverOptimum']:.3f}×, {p['gini']:.3f}{' ✓' if both else ''}")
        out.append(f"| {r['seed']} | {r['requests']} | {r['optimumMatched']}, {r['offlineMatched']} | " + " | ".join(cells)
                   + f" | {fmt(r.get('defaultOverSameInputOptimum'), '{:.3f}×')} | {fmt(r['defaultOverOffline'], '{:.3f}×')}"
                   + f" | {fmt(r['giniAtTargetDistance'], '{:.3f}')}, {fmt(r['giniAtTargetOfflineDistance'], '{:.3f}')}"
                   + f" | {fmt(r['offlineGiniAtTargetDistance'], '{:.3f}')}"
                   + f" | {100 * r['ranking']['coverage']:.1f}%, {r['ranking']['gini']:.3f}"
                   + f" | {100 * r['nearest']['coverage']:.1f}%, {r['nearest']['gini']:.3f}"
                   + f" | {sum(r['targetsMetWithDefaults'])} of {len(r['targetsMetWithDefaults'])} |")
    s = doc["summary"]
    out += ["", f"Over the {len(rows)} cities, with the defaults: " + "; ".join(
        f"{name} met in {k} of {len(rows)}" for name, k in s["targetMetIn"].items())
        + f". The plan's Gini at 1.10× the weekly optimum's distance: median {s['medianGiniAtTargetDistance']:.3f}, "
        f"from {s['minGiniAtTargetDistance']:.3f} to {s['maxGiniAtTargetDistance']:.3f}; at 1.10× the offline "
        f"optimum's: median {fmt(s['medianGiniAtTargetOfflineDistance'], '{:.3f}')}; the offline optimum's own at "
        f"1.10×: median {fmt(s['medianOfflineGiniAtTargetDistance'], '{:.3f}')}.", "", END]
    return "\n".join(out)


NAMES = ["≥ 98% of the weekly optimum's matches", "≤ 1.10× the weekly optimum's distance", "Gini ≤ 0.35",
         "the ranking's coverage above nearest-first's", "the ranking's Gini below nearest-first's",
         "≥ 98% of the offline optimum's matches", "≤ 1.10× the offline optimum's distance"]


def median_of(rows, key):
    values = [r[key] for r in rows if r[key] is not None]
    return round(statistics.median(values), 3) if values else None


def main():
    out_json, md, command, *runs = sys.argv[1:]
    docs = [json.load(open(p)) for p in runs]
    rows = sorted((seed_row(d) for d in docs), key=lambda r: r["seed"])
    at = [r["giniAtTargetDistance"] for r in rows if r["giniAtTargetDistance"] is not None]
    doc = {"evaluation": "issue 10: the matching evaluation over several synthetic cities (seeds)",
           "command": command, "date": docs[0]["date"], "machine": docs[0]["machine"],
           "configuration": docs[0]["configuration"],
           "wallSeconds": round(sum(d["wallSeconds"] for d in docs)),
           "seeds": rows,
           "summary": {"targetMetIn": {name: sum(r["targetsMetWithDefaults"][i] for r in rows)
                                       for i, name in enumerate(NAMES)},
                       "medianGiniAtTargetDistance": round(statistics.median(at), 3) if at else None,
                       "minGiniAtTargetDistance": min(at) if at else None,
                       "maxGiniAtTargetDistance": max(at) if at else None,
                       "medianGiniAtTargetOfflineDistance": median_of(rows, "giniAtTargetOfflineDistance"),
                       "medianOfflineGiniAtTargetDistance": median_of(rows, "offlineGiniAtTargetDistance")}}
    with open(out_json, "w") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")
    replace_section(md, START, END, render(doc))


if __name__ == "__main__":
    main()
