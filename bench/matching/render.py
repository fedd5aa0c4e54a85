#!/usr/bin/env python3
"""Renders docs/benchmarks/matching-evaluation.json into the marked section of docs/matching.md.

    python3 bench/matching/render.py JSON MARKDOWN [COMMAND]

Replaces everything between <!-- evaluation:start --> and <!-- evaluation:end --> (the markers
stay); records COMMAND in the JSON as the command that made it.
"""
import json
import sys

START, END = "<!-- evaluation:start -->", "<!-- evaluation:end -->"
LABELS = {
    "nearest": "nearest-first (baseline)",
    "ranking": "ranking, top candidate per request",
    "city-wide": "city-wide suggestion (plan)",
    "optimum": "weekly optimum (max. matching, least distance each week)",
}


def pct(x):
    return f"{100 * x:.1f}%"


def strategy_table(strategies):
    rows = [
        "| strategy | matched | coverage | median distance | mean distance | skill fit "
        "| via an offer | Gini | helpers with a match | most for one helper | matched in arrival week "
        "| proposals declined | wall time |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, s in strategies.items():
        rows.append(
            f"| {LABELS.get(name, name)} | {s['matched']} of {s['requests']} | {pct(s['coverage'])} "
            f"| {s['medianDistanceMetres']:.0f} m | {s['meanDistanceMetres']:.0f} m | {s['fit']:.3f} "
            f"| {pct(s['viaOfferShare'])} | {s['gini']:.3f} "
            f"| {s['helpersWithAMatch']} of {s['activeHelpers']} | {s['mostMatchesOfOneHelper']} "
            f"| {pct(s['matchedInArrivalWeek'])} | {s['declinedProposals']} | {s['wallSeconds']:.1f} s |")
    return rows


def variant_table(sc):
    rows = ["", "Other settings (the evaluation's own configuration, `--variant`; nearest-first and the optimum do "
            "not depend on them); targets in the order of the table above:", "",
            "| settings | strategy | matched | mean distance | via an offer | Gini "
            "| most for one helper | proposals declined | targets |",
            "|---|---|---:|---:|---:|---:|---:|---:|---|"]
    variants = {"defaults": {"settings": {}, "strategies": {k: sc["strategies"][k] for k in ("ranking", "city-wide")},
                             "targets": sc["targets"]}}
    variants.update(sc["variants"])
    for vname, v in variants.items():
        settings = ", ".join(f"`{k}` {val}" for k, val in v["settings"].items())
        title = f"**{vname}**: {settings}" if settings else f"**{vname}**"
        verdicts = " ".join("✓" if t["pass"] else "✗" for t in v["targets"])
        for i, (name, s) in enumerate(v["strategies"].items()):
            rows.append(f"| {title if i == 0 else ''} | {LABELS.get(name, name).split(',')[0].split(' (')[0]} "
                        f"| {s['matched']} | {s['meanDistanceMetres']:.0f} m "
                        f"| {pct(s['viaOfferShare'])} | {s['gini']:.3f} | {s['mostMatchesOfOneHelper']} "
                        f"| {s['declinedProposals']} "
                        f"| {verdicts if i == 0 else ''} |")
    return rows


def offline_table(sc):
    offline = sc["offlineOptimum"]
    least = offline[0]["meanDistanceMetresExact"]
    weekly = sc["strategies"]["optimum"]["meanDistanceMetresExact"] if "optimum" in sc["strategies"] else None
    rows = ["", "The offline optimum (not a strategy anyone can run; `OfflineOptimum`, test sources): every request of "
            "the twelve weeks known in advance, each matched in a week of its choosing from its arrival on, with "
            "every week's capacity as in the replay (a one-off match holds its helper's place for its week, a "
            "recurring one to the end), over every candidate within both radii free at an asked time "
            f"({offline[0]['pairs']} pairs, not a pool of the nearest), solved as a minimum-cost flow (exact in what it "
            "matches, its distances to a few millimetres a pair); "
            "with a load penalty, each match a helper already has in it costs that many metres more, over the "
            "whole replay:", "",
            "| load penalty | matched | median distance | mean distance | × the least-distance offline optimum's "
            "| × the weekly optimum's | Gini | most for one helper |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for h in offline:
        rows.append(f"| {h['loadPenaltyMetres']:.0f} m | {h['matched']} | {h['medianDistanceMetres']:.0f} m "
                    f"| {h['meanDistanceMetres']:.0f} m | {h['meanDistanceMetresExact'] / least:.3f} "
                    f"| {'–' if weekly is None else format(h['meanDistanceMetresExact'] / weekly, '.3f')} "
                    f"| {h['gini']:.3f} | {h['mostMatchesOfOneHelper']} |")
    return rows


def yardstick_table(sc):
    """The plan beside three optima: of its own input, the weekly optimum's replay, and the offline optimum."""
    plan = sc["strategies"]["city-wide"]
    same = plan["sameInput"]
    weekly = sc["strategies"]["optimum"]
    rows = ["", "The plan beside three optima (\"the optimum\" of the targets above is the second, \"the offline "
            "optimum\" the third):", "",
            "| yardstick | its matches | its mean distance | the plan's matches | the plan's mean distance | "
            "distance × the yardstick's |",
            "|---|---:|---:|---:|---:|---:|",
            f"| the least-distance maximum matching of the plan's own input, round by round ({same['rounds']} "
            f"rounds: the same waiting requests, the same state) | {same['optimumMatched']} "
            f"| {same['optimumMeanDistanceMetres']:.0f} m | {same['planMatched']} | {same['planMeanDistanceMetres']:.0f} m "
            f"| {same['distanceRatio']:.3f} |",
            f"| the weekly optimum, replayed on its own state (the table above) | {weekly['matched']} "
            f"| {weekly['meanDistanceMetresExact']:.0f} m | {plan['matched']} | {plan['meanDistanceMetresExact']:.0f} m "
            f"| {plan['meanDistanceMetresExact'] / weekly['meanDistanceMetresExact']:.3f} |"]
    if sc.get("offlineOptimum"):
        h = sc["offlineOptimum"][0]
        rows.append(f"| the offline optimum, least distance (below: every request known in advance; where it matches "
                    f"more, its mean is over more matches) | {h['matched']} "
                    f"| {h['meanDistanceMetresExact']:.0f} m | {plan['matched']} | {plan['meanDistanceMetresExact']:.0f} m "
                    f"| {plan['meanDistanceMetresExact'] / h['meanDistanceMetresExact']:.3f} |")
    return rows


def target_table(targets):
    rows = ["| target | measure | value | threshold | verdict |", "|---|---|---:|---|---|"]
    for t in targets:
        rows.append(f"| {t['target']} | {t['measure']} | {t['value']:.4g} | {t['op']} {t['threshold']:g} "
                    f"| **{'PASS' if t['pass'] else 'FAIL'}** |")
    return rows


def render(doc, command):
    m = doc["machine"]
    conf = doc["configuration"]
    scenarios = doc["scenarios"]
    main = scenarios["haarlem"]
    c = main["city"]
    out = [
        START,
        "## Evaluation (issue 10)",
        "",
        f"Reproduce with `{command}` (figures: "
        f"[`docs/benchmarks/matching-evaluation.json`](benchmarks/matching-evaluation.json), {doc['date']}; "
        f"the whole run took {doc['wallSeconds']:.0f} s on {m['cores']} cores, {m['postgres']}, {m['java']}). "
        "The script creates the database `noaber_eval` afresh, builds, and runs "
        "`nl.noaber.bench.MatchingEvaluation` (test sources) against the real services: Flyway and the "
        "reference loader set up Haarlem's 21 neighbourhoods and the PC4 centroids, and every strategy gets "
        "its candidates from `CandidateRepository.helpersFor`, the ranking from `RankingService.score`, the "
        "plan from `PlanService.plan`, all with the default `noaber.matching.*` settings unless a variant says "
        "otherwise.",
        "",
        f"**The city** (seed {c['seed']}): {c['participants']} participants living in Haarlem's postcode "
        f"areas {c['postcodeAreas'][0]}–{c['postcodeAreas'][-1]} (spread evenly over each area's territory: the "
        "part of the city, inside the real wijken, nearer its centroid than any other's, up to 1.5 km; in "
        f"{c['neighbourhoodsWithParticipants']} of the wijken), {pct(c['offlineShare'])} of the people without an "
        f"account (brokered by a makelaar), {c['organisations']} organisations (capacity 10–20, radius 5–8 km); "
        f"{c['helpers']} helpers ({pct(c['helperShare'])}) with skills weighted as in the demo city, Dutch mostly "
        "and Arabic, Berber, Turkish, Polish, Somali, Sranan, English…, free on 2–6 day-parts, within 1–5 km, for "
        f"1–3 running matches; {c['openOffers']} open offers. **The replay**: {c['requests']} requests over "
        f"{c['weeks']} weeks ({', '.join(str(n) for n in c['requestsPerWeek'])} a week), by the demo's category "
        f"weights, {pct(c['recurringShare'])} recurring, the rest a window of a few hours (or a few days) in "
        "their week. Each week the strategy proposes a helper for every waiting request (the week's and those "
        f"left over), in {c['proposalsPerWeek']} rounds one after another (a proposal waits for the helper's "
        "answer): the helper accepts when free at one of the asked day-parts (or when the request asks no "
        "particular time or the helper gave no availability) and declines otherwise, as someone who said they "
        "are not free then would; a declined request goes into the next round without that helper (the "
        "service excludes them; the no does not count against the helper's reliability, as they were asked "
        "for a time they said they are not free). An accepted match "
        "takes a unit of the helper's capacity; one-off matches are completed at the end of their week "
        "(capacity back, history built), recurring ones run to the end; requests still without a helper wait "
        "for the next week. Every strategy starts from the same state (matches emptied, requests not yet "
        "arrived).",
        "",
        "- **nearest-first**: per request in arrival order, the nearest candidate with room;",
        "- **ranking**: per request in arrival order, the top candidate of the score;",
        "- **city-wide**: per week, the plan over all waiting requests: only helpers free at an asked time, each "
        f"pair priced at its distance plus {conf['plan-metres-per-point']:g} m per score point it misses "
        f"(`plan-metres-per-point`), plus {conf['plan-load-penalty-metres']:g} m (`plan-load-penalty-metres`) for "
        f"every match the helper carries (running, or completed in the last {conf['fairness-memory-days']} days) "
        "or gets from the plan before this one;",
        "- **weekly optimum**: per week, the most requests matched at the least total distance over the plan's "
        f"pairs (the nearest {conf['plan-candidate-pool']} candidates of each request), capacities and constraints "
        "(helpers free at an asked time; `CityPlanner`, cost = metres, no load penalty, no memory), replayed on "
        "its own state. It is the yardstick of the first five targets below. It is not the offline optimum of "
        "the whole replay, which knows the weeks ahead: that one is computed exactly (the table *offline "
        "optimum* under each city), and the last two targets measure the plan against it.",
        "",
        "Distances are from the helper's home to the request. Skill fit is the mean fit share (1 for an open "
        "offer in the category, 0.8 for a profile skill); every accepted match has a helper free at an asked "
        "time (the others decline). The Gini coefficient is over the matches of all "
        f"{strategies_any(main)['activeHelpers']} active helpers (skills or an open offer), zeros included. "
        f"A request has {c['meanCandidatesPerRequest']:.0f} candidates on average, and all but "
        f"{c['helpersNeverACandidate']} helpers are a candidate for some request, so the city itself forces "
        f"no inequality (the Gini floor from helpers who can never be matched is {c['giniFloor']:.3f}; "
        f"{c['helpersNeverAPlanCandidate']} helpers are never free when one of their requests asks, which "
        f"puts the floor for the plan and the optimum at {c['planGiniFloor']:.3f}). "
        + (f"A request has {c['meanFreeCandidatesPerRequest']:.0f} candidates free at an asked time on average; "
           f"{c['requestsWithoutAFreeCandidate']} of the {c['requests']} requests "
           f"{'has' if c['requestsWithoutAFreeCandidate'] == 1 else 'have'} none."
           if "requestsWithoutAFreeCandidate" in c else ""),
        "",
    ]
    for name, sc in scenarios.items():
        if name == "haarlem":
            out += ["### The issue's city", ""]
        else:
            sc_c = sc["city"]
            factor = sc["requestsPerWeekBase"] / main["requestsPerWeekBase"]
            out += [f"### The same city, {factor:.0f}× as busy ({name})", "",
                    f"The same participants with {sc_c['requests']} requests (from {sc_c['requestsPerWeek'][0]} to "
                    f"{sc_c['requestsPerWeek'][-1]} a week): a stress test outside the issue's numbers, where "
                    "capacity runs short and coverage can tell the strategies apart.", ""]
        out += strategy_table(sc["strategies"])
        if sc.get("targets"):
            out += ["", "Targets with the default settings (\"the optimum\": the weekly optimum; \"the offline "
                    "optimum\": the least-distance offline optimum below):", ""]
            out += target_table(sc["targets"])
            if "sameInput" in sc["strategies"]["city-wide"]:
                out += yardstick_table(sc)
        if sc.get("variants"):
            out += variant_table(sc)
        if sc.get("offlineOptimum"):
            out += offline_table(sc)
        out.append("")
    out.append(END)
    return "\n".join(out)


def strategies_any(scenario):
    return next(iter(scenario["strategies"].values()))


def main():
    path, md = sys.argv[1], sys.argv[2]
    doc = json.load(open(path))
    if len(sys.argv) > 3:
        doc["command"] = sys.argv[3]
        with open(path, "w") as f:
            json.dump(doc, f, indent=2, ensure_ascii=False)
            f.write("\n")
    command = doc.get("command", "bash bench/matching/evaluate.sh")
    replace_section(md, START, END, render(doc, command))


def replace_section(md, start, end, section):
    """Replaces the text from START to END in the file md (markers included) by section."""
    text = open(md).read()
    if start not in text or end not in text:
        sys.exit(f"{md}: no {start} … {end} section")
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    open(md, "w").write(before + section + after)
    print("updated", md)


if __name__ == "__main__":
    main()
