"""Disclosure attacks on Conduit's published statistical releases, from outside: an attacker
with nothing but the public pages tries to work out the hidden (`c`) figures.

    python3 e2e/disclosure_attacks.py --self-test
    python3 e2e/disclosure_attacks.py --url http://127.0.0.1:8097      (default: $CONDUIT_URL)
    python3 e2e/disclosure_attacks.py --releases-dir DIR                (DIR: releases.json, <id>.json)
    python3 e2e/disclosure_attacks.py --differencing --url http://127.0.0.1:8111 \
        --database /tmp/rel/c.sqlite [--binary .build/debug/conduit]    (writes: approves returns)

Reads /figures/releases.json and every release's figures.json, and for each table family
(source, category, financial year) writes what the releases say as an integer linear
programme: one unknown count >= 0 per partnership-quarter (a new one from each release that
marks it revised), every published figure the sum of its counts, every `c` at least 1. Each
hidden figure is then minimised and maximised (scipy.optimize.milp); one whose feasible
range spans less than 5 is determined, which DESIGN.md ("Disclosure control") rules out.
Against a server it also checks that the live figures page answers two overlapping ranges
the same, so that no reader can subtract one range from another.

Exit status 1 when a hidden figure is determined, when there is no release, or when a
release is malformed or contradicts the others (no counts fit). `--self-test` shows the
attack can fail: it protects a synthetic year naively, table by table, and must find
figures determined there.

`--differencing` attacks instead what signed-in readers are shown live (issue 14: readers of
figures beyond what they may open get adjusted figures, so that two overlapping tables
subtracted give noise). With API tokens from `conduit user token` (the analyst, the Camden
adviser, the coordinator) it subtracts: statistics up to a day less up to the day before;
London's table less every other partnership's; the adviser's all-partnerships table less
Camden's; on the returns dashboard London less every other partnership, and a partnership's
total to a quarter less to the quarter before; London's totals after a return is approved
less before (this one approves the returns waiting, so it runs last). Each difference is
compared with the truth in the database (read only). Per attack it prints the targets, how
many came out exactly right, and the share among true values 1-5; exit status 1 when more
than half come out right in any attack. Today's per-table suppression fails it; cell key
perturbation must pass it. At most 3000 requests, to this machine only.
"""
import argparse
import datetime
import json
import math
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter, defaultdict

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import lil_matrix

MIN_SPAN = 5  # DESIGN.md: every hidden figure's feasible range spans at least 5
SOLVE_SECONDS = 10.0
BUDGET_SECONDS = 300.0


class Check:
    def __init__(self, failing="FAIL "):
        self.failures, self.failing = [], failing

    def expect(self, condition, message):
        print(("ok   " if condition else self.failing) + message, flush=True)
        if not condition:
            self.failures.append(message)


# Reading the releases.

def fetch_json(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.loads(response.read().decode())


def releases_from_server(url):
    """Every release's figures.json, in the order releases.json lists them."""
    index = fetch_json(url.rstrip("/") + "/figures/releases.json")
    return [fetch_json(urllib.parse.urljoin(url.rstrip("/") + "/", entry["figures"].lstrip("/"))) for entry in index["releases"]]


def releases_from_directory(directory):
    with open(os.path.join(directory, "releases.json")) as file:
        index = json.load(file)
    releases = []
    for entry in index["releases"]:
        with open(os.path.join(directory, entry["id"] + ".json")) as file:
            releases.append(json.load(file))
    return releases


def in_publication_order(releases):
    # A stable sort: releases of the same day keep the order releases.json gives them.
    return sorted(releases, key=lambda release: release["publishedOn"])


def format_problems(release):
    """What in a release does not follow the published format (the attack cannot read it)."""
    missing = [key for key in ("id", "title", "period", "quarters", "publishedOn", "figures") if key not in release]
    if missing:
        return [f"lacks {missing}"]
    problems, seen = [], set()
    year = release["period"].split()[0]
    quarters = release.get("quarters") or []
    if not quarters or any(quarter.split()[0] != year for quarter in quarters):
        problems.append(f"quarters {quarters} are not all in the financial year of period {release['period']!r}")
    for figure in release.get("figures", []):
        missing = [key for key in ("source", "category", "partnership", "quarter", "value", "symbol") if key not in figure]
        if missing or not isinstance(figure.get("source"), str) or not isinstance(figure.get("category"), str):
            problems.append(f"a figure lacks {missing or 'a source or category'}: {json.dumps(figure)[:200]}")
            continue
        where = describe(figure)
        key = (figure["source"], figure["category"], figure["partnership"], figure["quarter"])
        if key in seen:
            problems.append(f"{where}: published twice")
        seen.add(key)
        if figure.get("quarter") is not None and figure["quarter"] not in quarters:
            problems.append(f"{where}: quarter not among the release's quarters")
        if (figure.get("value") is None) == (figure.get("symbol") is None):
            problems.append(f"{where}: needs either a value or a symbol, has value {figure.get('value')!r}, symbol {figure.get('symbol')!r}")
        elif figure.get("symbol") not in (None, "c", "x"):
            problems.append(f"{where}: unknown symbol {figure['symbol']!r}")
        elif figure.get("value") is not None and (not isinstance(figure["value"], int) or figure["value"] < 0):
            problems.append(f"{where}: value {figure['value']!r} is not a count")
    return problems


def describe(figure):
    return (f"{figure['source']} {figure['category']} {figure.get('partnershipName') or figure.get('partnership') or 'London'} "
            f"{figure.get('quarter') or 'period'}")


# The integer linear programme of one table family.

class Family:
    """One table family, (source, category, financial year), across every release of that year:
    its unknown counts and the sums the releases publish of them."""

    def __init__(self, key):
        self.key = key
        self.units = {}    # (partnership, quarter, version) -> column
        self.version = {}  # (partnership, quarter) -> the version the latest release publishes
        self.rows = []     # (columns, low, high, release index)
        self.notes = []
        self.shown = {}    # (partnership, quarter) -> the value its latest release shows, None if hidden
        self.ruled_out = {}  # column -> a value it cannot have: the shown one it was revised from

    def unit(self, partnership, quarter):
        key = (partnership, quarter, self.version.get((partnership, quarter), 0))
        return self.units.setdefault(key, len(self.units))

    def add(self, release, figures, release_index):
        """The release's figures of this family as rows; returns (figure, columns) of each `c`."""
        quarters = release["quarters"]
        cells = {(f["partnership"], f["quarter"]): f for f in figures if f["partnership"] is not None and f["quarter"] is not None}
        totals = {f["partnership"]: f for f in figures if f["partnership"] is not None and f["quarter"] is None}
        partnerships = list(dict.fromkeys(f["partnership"] for f in figures if f["partnership"] is not None))
        # A revised partnership-quarter is a new unknown from this release on, for every figure in it.
        for (partnership, quarter), figure in cells.items():
            if figure.get("revised") and figure["symbol"] != "x":
                self.version[(partnership, quarter)] = self.version.get((partnership, quarter), 0) + 1
                # "revised" says it differs from the figure before: if that one was shown, its
                # value is ruled out for the new one, perhaps at an end of its range.
                if self.shown.get((partnership, quarter)) is not None:
                    self.ruled_out[self.unit(partnership, quarter)] = self.shown[(partnership, quarter)]
            if figure["symbol"] != "x":
                self.shown[(partnership, quarter)] = figure["value"]
        counted = {quarter: self.counted(release, quarter, partnerships, cells, totals) for quarter in quarters}
        if not partnerships:
            self.notes.append(f"{release['title']}: London's figures with no partnership's: taken as the sum over none")
        hidden = []
        for figure in figures:
            if figure["symbol"] == "x":
                continue  # not available: says nothing
            columns = self.columns(figure, quarters, counted)
            if figure["symbol"] == "c":
                self.rows.append((columns, 1, math.inf, release_index))  # true zeros are shown, so a c is at least 1
                hidden.append((figure, tuple(sorted(columns))))
            else:
                self.rows.append((columns, figure["value"], figure["value"], release_index))
        return hidden

    def counted(self, release, quarter, partnerships, cells, totals):
        """The partnerships in London's total for the quarter: those whose figure for it is not x."""
        counted = []
        for partnership in partnerships:
            cell = cells.get((partnership, quarter))
            if cell is not None:
                if cell["symbol"] != "x":
                    counted.append(partnership)
            elif partnership in totals and totals[partnership]["symbol"] != "x":
                counted.append(partnership)  # not published by quarter, but its period total says every quarter is approved
            else:
                self.notes.append(f"{release['title']}: {partnership} {quarter} is not published; taken as not in London's total")
        return counted

    def columns(self, figure, quarters, counted):
        partnership, quarter = figure["partnership"], figure["quarter"]
        in_period = [quarter] if quarter is not None else quarters
        if partnership is not None:
            return [self.unit(partnership, q) for q in in_period]
        return [self.unit(p, q) for q in in_period for p in counted[q]]

    def programme(self, last_release=None):
        return Programme(len(self.units), [row[:3] for row in self.rows if last_release is None or row[3] <= last_release])

    def first_contradiction(self, releases):
        """The first release (in publication order) after which no counts fit the figures."""
        for index in sorted({row[3] for row in self.rows}):
            if not self.programme(index).feasible():
                return releases[index]["title"]
        return None


def presolve(rows):
    """The counts the rows fix outright (a shown cell; a zero total's parts), substituted into
    the other rows: done once per family, it leaves each solve a far smaller programme.
    Returns (fixed {column: count}, remaining rows, whether the rows contradict each other)."""
    rows = [(Counter(columns), low, high) for columns, low, high in rows]
    fixed, changed = {}, True
    while changed:
        changed = False
        for columns, low, high in rows:
            free = {column: times for column, times in columns.items() if column not in fixed}
            known = sum(times * fixed[column] for column, times in columns.items() if column in fixed)
            low, high = low - known, high - known
            if high < 0 or (not free and low > 0):
                return fixed, [], True
            if free and low == high == 0:
                fixed.update(dict.fromkeys(free, 0))  # counts are never negative: every part of a zero is zero
                changed = True
            elif len(free) == 1 and low == high:
                (column, times), = free.items()
                if low % times:
                    return fixed, [], True
                fixed[column] = low // times
                changed = True
    remaining = {}
    for columns, low, high in rows:
        known = sum(times * fixed[column] for column, times in columns.items() if column in fixed)
        free = tuple(sorted((column, times) for column, times in columns.items() if column not in fixed))
        if free and not (low - known <= 0 and high == math.inf):  # a sum of counts is never below 0 anyway
            before = remaining.get(free, (-math.inf, math.inf))
            remaining[free] = (max(before[0], low - known), min(before[1], high - known))
    if any(low > high for low, high in remaining.values()):
        return fixed, [], True
    return fixed, [(dict(free), low, high) for free, (low, high) in remaining.items()], False


class Programme:
    """A family's rows as one integer programme over the counts that presolve left free."""

    def __init__(self, units, rows):
        self.fixed, rows, self.contradiction = presolve(rows)
        self.free = {column: index for index, column in enumerate(c for c in range(units) if c not in self.fixed)}
        matrix = lil_matrix((max(len(rows), 1), max(len(self.free), 1)))
        for index, (columns, _, _) in enumerate(rows):
            for column, times in columns.items():
                matrix[index, self.free[column]] = times
        self.constraint = LinearConstraint(matrix.tocsr(), [row[1] for row in rows] or [0], [row[2] for row in rows] or [0])
        self.solves, self.point = 0, None

    def solve(self, objective, seconds):
        self.solves += 1
        return milp(objective, constraints=[self.constraint], integrality=np.ones(len(objective)), bounds=Bounds(0, np.inf),
                    options={"time_limit": max(seconds, 0.01)})

    def feasible(self):
        if self.contradiction:
            return False
        if not self.free:
            return True
        result = self.solve(np.zeros(len(self.free)), SOLVE_SECONDS)
        self.point = result.x  # a first witness
        return result.status not in (2, 4)  # with no objective, 4 ("infeasible or unbounded") is infeasible

    def expression(self, columns):
        """A hidden figure as (coefficients over the free counts, the part fixed counts make)."""
        vector = np.zeros(max(len(self.free), 1))
        for column in columns:
            if column in self.free:
                vector[self.free[column]] += 1
        return vector, sum(self.fixed.get(column, 0) for column in columns)

    def extreme(self, vector, sense, deadline):
        """The minimum (sense +1) or maximum (-1) of vector . counts: (value, exact, a feasible point or None)."""
        result = self.solve(sense * vector, min(SOLVE_SECONDS, deadline - time.monotonic()))
        point = result.x if result.x is not None else None
        if result.status == 0:
            return round(sense * result.fun), True, point
        if result.status in (3, 4):
            return (math.inf, True, point) if sense < 0 else (0, False, point)  # the family is feasible: unbounded
        dual = getattr(result, "mip_dual_bound", None)
        if dual is None or not math.isfinite(dual):
            return (math.inf if sense < 0 else 0), False, point
        # The bound is on the minimised objective: a lower bound on a minimum, an upper one on a maximum.
        return (math.ceil(dual - 1e-6) if sense > 0 else math.floor(-dual + 1e-6)), False, point


# The attack.

def build_families(releases):
    """Families keyed (source, category, year), and per release the list of its hidden figures."""
    families, hidden = {}, []
    for index, release in enumerate(releases):
        year = release["period"].split()[0]
        grouped = defaultdict(list)
        for figure in release["figures"]:
            grouped[(figure["source"], figure["category"])].append(figure)
        found = []
        for (source, category), figures in grouped.items():
            family = families.setdefault((source, category, year), Family((source, category, year)))
            found += [(family, figure, columns) for figure, columns in family.add(release, figures, index)]
        hidden.append(found)
    return families, hidden


def ranges_of(programme, expressions, deadline):
    """{columns: (low, high, kind)} for each hidden sum of one family. kind "exact": its minimum
    and maximum; "bounds": a solve hit its time limit, the true range lies within; "witnesses":
    two feasible sets of counts already give it values 5 or more apart, so it is not determined
    and needs no solve of its own (most hidden figures of a good protection end so)."""
    vectors = [programme.expression(columns) for columns in expressions]
    matrix = np.array([vector for vector, _ in vectors])
    constant = np.array([known for _, known in vectors], dtype=float)
    seen_low, seen_high = np.full(len(expressions), math.inf), np.full(len(expressions), -math.inf)

    def witness(point):
        if point is not None:
            values = matrix @ np.round(point) + constant
            np.minimum(seen_low, values, out=seen_low)
            np.maximum(seen_high, values, out=seen_high)

    def apart(index):
        return seen_high[index] - seen_low[index] >= MIN_SPAN

    def witnessed(index, high=None):
        low = seen_low[index]
        return (int(low) if math.isfinite(low) else 1, high if high is not None else int(seen_high[index]), "witnesses")

    witness(programme.point)
    ranges = {}
    for index, columns in enumerate(expressions):
        vector, known = vectors[index]
        if not vector.any():
            ranges[columns] = (known, known, "exact")  # every count in it is published elsewhere
            continue
        if apart(index):
            ranges[columns] = witnessed(index)
            continue
        if time.monotonic() >= deadline:
            continue  # out of time: not attacked (the two cheap verdicts above still go on)
        high, high_exact, point = programme.extreme(vector, -1, deadline)
        witness(point)
        if high == math.inf or apart(index):
            ranges[columns] = witnessed(index, math.inf if high == math.inf else None)
            continue
        low, low_exact, point = programme.extreme(vector, +1, deadline)
        witness(point)
        ranges[columns] = (max(low + known, 1), high + known, "exact" if low_exact and high_exact else "bounds")
    return ranges


def attack(releases, budget=BUDGET_SECONDS):
    """Every hidden figure's range: a report dict."""
    started = time.monotonic()
    deadline = started + budget
    families, hidden = build_families(releases)
    inconsistent, ranges, solves = [], {}, 0
    for key, family in families.items():
        for note in dict.fromkeys(family.notes):
            print(f"note {'/'.join(key)}: {note}")
        programme = family.programme()
        if not programme.feasible():
            inconsistent.append((key, family.first_contradiction(releases)))
            continue
        # The same sum published twice (a quarter's cell in the quarter's and the year's release) is attacked once.
        expressions = list(dict.fromkeys(columns for found in hidden for owner, _, columns in found if owner is family))
        found = ranges_of(programme, expressions, deadline)
        # A hidden figure of one revised count loses the value it was revised from, if that is an end.
        for columns in expressions:
            if len(columns) == 1 and columns[0] in family.ruled_out and columns in found:
                vector, known = programme.expression(columns)
                low, low_exact, _ = programme.extreme(vector, +1, deadline) if vector.any() else (0, True, None)
                high, high_exact, _ = programme.extreme(vector, -1, deadline) if vector.any() else (0, True, None)
                low, high, excluded = max(low + known, 1), high + known, family.ruled_out[columns[0]]
                if low == excluded:
                    low += 1
                if high == excluded:
                    high -= 1
                found[columns] = (low, high, "exact" if low_exact and high_exact else "bounds")
        ranges.update({(key, columns): range_ for columns, range_ in found.items()})
        solves += programme.solves
    results = [{"release": index, "figure": figure, "family": family.key, "range": ranges.get((family.key, columns))}
               for index, found in enumerate(hidden) for family, figure, columns in found
               if family.key not in {key for key, _ in inconsistent}]
    return {"results": results, "inconsistent": inconsistent, "families": len(families), "solves": solves,
            "seconds": time.monotonic() - started, "budget_hit": time.monotonic() >= deadline}


def determined(found):
    return found is not None and found[2] != "witnesses" and found[1] - found[0] < MIN_SPAN


def shown(found):
    low, high, kind = found
    span = "exactly %d" % low if low == high else f"between {low} and {'infinity' if math.isinf(high) else high}"
    return span + ("" if kind == "exact" else " (a solve stopped at its time limit: the range lies within)")


def report(releases, outcome, check):
    results = outcome["results"]
    for index, release in enumerate(releases):
        mine = [r for r in results if r["release"] == index]
        found = sum(determined(r["range"]) for r in mine)
        share = f"{100 * found / len(mine):.1f}%" if mine else "-"
        print(f"     release {release['title']!r} ({release['period']}, published {release['publishedOn']}): "
              f"{len(release['figures'])} figures, {len(mine)} hidden, {found} determined ({share} of hidden)")
    hits = [r for r in results if determined(r["range"])]
    for r in hits[:20]:
        release = releases[r["release"]]
        print(f"       {release['period']} ({release['publishedOn']}) {describe(r['figure'])}: {shown(r['range'])}")
    if len(hits) > 20:
        print(f"       … and {len(hits) - 20} more")
    for key, release in outcome["inconsistent"]:
        check.expect(False, f"the figures of {'/'.join(key)} contradict each other (no counts fit them), first after release {release!r}")
    unattacked = sum(r["range"] is None for r in results)
    undecided = sum(r["range"] is not None and r["range"][2] == "bounds" and not determined(r["range"]) for r in results)
    print(f"     {outcome['families']} table families, {outcome['solves']} solves in {outcome['seconds']:.1f} s")
    if outcome["budget_hit"] or unattacked or undecided:
        print(f"WARN the time budget or a solve's time limit was reached: {unattacked} hidden figures not attacked, "
              f"{undecided} with ranges only bounded")
    check.expect(not hits, f"no hidden figure determined: {len(hits)} of {len(results)} hidden figures have a range under {MIN_SPAN}"
                 + (f" ({100 * len(hits) / len(results):.1f}%)" if results else "")
                 + (f", {unattacked} of them not attacked" if unattacked else ""))
    return hits


def attack_releases(releases, check, budget):
    check.expect(bool(releases), f"there is at least one release to attack: {len(releases)}")
    if not releases:
        return None
    problems = [(release.get("title", release.get("id")), problem) for release in releases for problem in format_problems(release)]
    for title, problem in problems[:20]:
        check.expect(False, f"release {title!r}: {problem}")
    if problems:
        return None
    releases = in_publication_order(releases)
    outcome = attack(releases, budget)
    report(releases, outcome, check)
    return dict(outcome, releases=releases)


# The live page: the same answer whatever range is asked for.

def page(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")
    except OSError as error:
        return f"no answer ({error})", ""


def without_tokens(body):
    """The page less what changes on every request: CSP nonces and CSRF tokens."""
    body = re.sub(r'\snonce="[^"]*"', "", body)
    return re.sub(r'<[^>]*\bname="csrf[^"]*"[^>]*>', lambda tag: re.sub(r'\b(value|content)="[^"]*"', r'\1=""', tag.group(0)), body)


def first_difference(one, other):
    at = next((i for i, (a, b) in enumerate(zip(one, other)) if a != b), min(len(one), len(other)))
    return f"at character {at}: {one[max(at - 40, 0):at + 40]!r} / {other[max(at - 40, 0):at + 40]!r}"


def check_ranges(url, check):
    base = url.rstrip("/") + "/figures?from=" + urllib.parse.quote("2023-24 Q3") + "&to="
    one_status, one = page(base + urllib.parse.quote("2023-24 Q4"))
    other_status, other = page(base + urllib.parse.quote("2024-25 Q1"))
    one, other = without_tokens(one), without_tokens(other)
    # Any HTTP answer will do (a refusal of ranges too), so long as both ranges get the same one.
    check.expect(isinstance(one_status, int) and one_status == other_status and one == other,
                 f"/figures answers from=2023-24 Q3 to=2023-24 Q4 and to=2024-25 Q1 the same ({one_status}, {other_status}"
                 + (")" if one == other else f"; differ {first_difference(one, other)})"))


# The self-test: a naive protection, table by table, which the attack must break.

PARTNERSHIPS = [("camden", "Camden"), ("hackney", "Hackney"), ("brent", "Brent"), ("lambeth", "Lambeth"),
                ("newham", "Newham"), ("southwark", "Southwark"), ("croydon", "Croydon"), ("ealing", "Ealing")]
YEAR = "2025-26"
QUARTERS = [f"{YEAR} Q{n}" for n in range(1, 5)]
CATEGORIES = [("police", "22A"), ("police", "21B")]
NOT_APPROVED = {("ealing", f"{YEAR} Q4")}  # one late return: x, and outside London's Q4


def synthetic_counts(rng):
    """Counts mostly 0-10, now and then larger, per (source, category, partnership, quarter)."""
    def count():
        return 0 if rng.random() < 0.25 else rng.randint(1, 10) if rng.random() < 0.9 else rng.randint(11, 30)
    return {(source, category, code, quarter): count() for source, category in CATEGORIES for code, _ in PARTNERSHIPS for quarter in QUARTERS}


def table(counts, source, category, quarters):
    """One release's table of a family: {(partnership or None, quarter or None): value or 'x'}, and its lines."""
    cells = {}
    for code, _ in PARTNERSHIPS:
        for quarter in quarters:
            cells[(code, quarter)] = "x" if (code, quarter) in NOT_APPROVED else counts[(source, category, code, quarter)]
        row = [cells[(code, q)] for q in quarters]
        cells[(code, None)] = "x" if "x" in row else sum(row)
    for quarter in quarters:
        cells[(None, quarter)] = sum(v for (p, q), v in cells.items() if p is not None and q == quarter and v != "x")
    cells[(None, None)] = sum(cells[(None, q)] for q in quarters)
    lines = [([(p, q) for p, _ in PARTNERSHIPS if cells[(p, q)] != "x"], (None, q)) for q in quarters]
    if len(quarters) > 1:  # a one-quarter release's period totals are its quarter's figures again
        lines += [([(p, q) for q in quarters], (p, None)) for p, _ in PARTNERSHIPS if cells[(p, None)] != "x"]
        lines.append(([(None, q) for q in quarters], (None, None)))
    return cells, lines


def naive_suppression(cells, lines, quarters):
    """Cells 1-5 hidden; then, in each line with exactly one hidden figure, the smallest other
    non-zero figure too, until no line has one. Each table on its own: the flaw under test."""
    hidden = {key for key, value in cells.items() if value != "x" and 1 <= value <= 5}
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            line = members + [total]
            if sum(key in hidden for key in line) == 1:
                others = [key for key in line if key not in hidden and cells[key] != 0]
                if others:
                    hidden.add(min(others, key=lambda key: cells[key]))
                    changed = True
    if len(quarters) == 1:
        hidden |= {(p, None) for p, q in hidden if q is not None}
    return hidden


def synthetic_release(rng, counts, title, period, quarters, published, following):
    figures, truth = [], {}
    names = dict(PARTNERSHIPS)
    for source, category in CATEGORIES:
        cells, lines = table(counts, source, category, quarters)
        hidden = naive_suppression(cells, lines, quarters)
        for (partnership, quarter), value in cells.items():
            symbol = "x" if value == "x" else "c" if (partnership, quarter) in hidden else None
            figures.append({"source": source, "category": category, "partnership": partnership,
                            "partnershipName": names.get(partnership, "London"), "quarter": quarter,
                            "value": value if symbol is None else None, "symbol": symbol, "revised": False})
            truth[(source, category, partnership, quarter)] = value
    release = {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "title": title, "period": period, "quarters": quarters,
               "publishedOn": published, "nextReleaseOn": following, "note": "Synthetic figures for the disclosure self-test.",
               "revises": None, "symbols": {"c": "hidden to protect confidentiality", "x": "not available"}, "figures": figures}
    return release, truth


def synthetic_year(seed=20260521):
    """Four quarterly releases and the year's release, as Conduit publishes them, with the true figures."""
    rng = random.Random(seed)
    counts = synthetic_counts(rng)
    dates = ["2025-08-20", "2025-11-19", "2026-02-18", "2026-05-20", "2026-05-21"]
    releases, truths = [], []
    for n, quarter in enumerate(QUARTERS):
        release, truth = synthetic_release(rng, counts, f"Safeguarding referrals, {quarter}", quarter, [quarter], dates[n], dates[n + 1])
        releases.append(release)
        truths.append(truth)
    release, truth = synthetic_release(rng, counts, f"Safeguarding referrals, {YEAR}", YEAR, QUARTERS, dates[4], None)
    return releases + [release], truths + [truth]


def write_releases(directory, releases):
    index = {"releases": [{key: release[key] for key in ("id", "title", "period", "quarters", "publishedOn")}
                          | {"revises": None, "figures": f"/figures/releases/{release['id']}/figures.json"} for release in releases]}
    with open(os.path.join(directory, "releases.json"), "w") as file:
        json.dump(index, file, indent=1)
    for release in releases:
        with open(os.path.join(directory, release["id"] + ".json"), "w") as file:
            json.dump(release, file, indent=1)


def self_test(budget):
    check = Check()
    releases, truths = synthetic_year()
    with tempfile.TemporaryDirectory(prefix="conduit-disclosure-") as directory:
        write_releases(directory, releases)
        print(f"     the naive protection of a synthetic {YEAR}: {len(PARTNERSHIPS)} partnerships x 4 quarters x {len(CATEGORIES)} categories, "
              f"{len(releases)} releases, written to {directory}")
        attacked = Check(failing="hit  ")  # the attack's own verdict: failing here is what the self-test wants
        outcome = attack_releases(releases_from_directory(directory), attacked, budget)
    if outcome is None:
        check.expect(False, "the attack ran on the synthetic releases")
        return check
    results = outcome["results"]
    hits = [r for r in results if determined(r["range"])]
    check.expect(bool(hits), f"the attack determines hidden figures of the naive protection: {len(hits)} of {len(results)} "
                 f"({100 * len(hits) / max(len(results), 1):.1f}%)")
    # Sound: the true figures satisfy everything published, so each lies within its range.
    truth_of = {release["id"]: truth for release, truth in zip(releases, truths)}
    outside = []
    for r in results:
        figure = r["figure"]
        true = truth_of[outcome["releases"][r["release"]]["id"]][(figure["source"], figure["category"], figure["partnership"], figure["quarter"])]
        if r["range"] is not None and r["range"][2] != "witnesses" and not r["range"][0] <= true <= r["range"][1]:
            outside.append(f"{describe(figure)}: true {true}, range {r['range'][:2]}")
    check.expect(not outside and not outcome["inconsistent"], f"every true hidden figure lies within its range: {outside[:5] or 'yes'}")
    return check


# Differencing: what signed-in readers are shown live, subtracted (issue 14).
#
# Readers beyond what they may open (an analyst for every partnership; an adviser reading
# London-wide) are to get adjusted figures, so that the difference of two overlapping
# tables is noise. Each attack below asks for two such tables, subtracts, and compares with
# the truth read from the database; a target counts as recovered only when the result is
# exactly right. More than half right in any attack fails (the bar).

MAX_REQUESTS = 3000
REQUEST_SECONDS = 30
SHARE_BAR = 0.5
MAX_DAYS = 40
HIDDEN_UP_TO = 5  # counts 1-5 are shown as c: the figures an attacker most wants, reported apart
GROUPINGS = ["ethnicity", "gender", "age_band", "role"]
# Each grouping's key as AttendanceStatistics groups it, so the truth has the server's keys.
COLUMNS = {"ethnicity": "COALESCE(a.ethnicity_code, '')", "gender": "a.gender", "age_band": "a.age_band", "role": "a.role"}


class Api:
    """One reader's bearer token against the server: counted requests, each with a timeout."""
    sent = 0  # across every reader, so the whole run stays within MAX_REQUESTS

    def __init__(self, url, token, who):
        self.url, self.token, self.who, self.cache = url.rstrip("/"), token, who, {}

    def call(self, method, path, params=None, body=None):
        if Api.sent >= MAX_REQUESTS:
            raise RuntimeError(f"more than {MAX_REQUESTS} requests: the attacks are not bounded as intended")
        Api.sent += 1
        query = "?" + urllib.parse.urlencode(params) if params else ""
        request = urllib.request.Request(self.url + path + query, method=method, data=None if body is None else json.dumps(body).encode(),
                                         headers={"Authorization": "Bearer " + self.token, "Accept": "application/json",
                                                  **({"Content-Type": "application/json"} if body is not None else {})})
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_SECONDS) as response:
                return response.status, json.loads(response.read().decode() or "null")
        except urllib.error.HTTPError as error:
            text = error.read().decode(errors="replace")
            try:
                return error.code, json.loads(text)
            except ValueError:
                return error.code, text

    def get(self, path, cached=True, **params):
        """A GET; the same question is asked once unless `cached` is off (when the answer is to change)."""
        key = (path, tuple(sorted(params.items())))
        if not cached or key not in self.cache:
            self.cache[key] = self.call("GET", path, params)
        return self.cache[key]

    def figures(self, path, cached=True, **params):
        status, answer = self.get(path, cached, **params)
        if status != 200:
            raise RuntimeError(f"{self.who}: GET {path} {params} answered {status}: {json.dumps(answer)[:300]}")
        return answer


def number(text):
    """A published figure as an int; None when hidden ("c") or anything else not a count."""
    return int(text) if isinstance(text, str) and text.isdigit() else None


def difference(plus, minus):
    """sum(plus) - sum(minus), or None when a figure on either side is hidden."""
    values = [number(t) for t in plus], [number(t) for t in minus]
    return None if None in values[0] or None in values[1] else sum(values[0]) - sum(values[1])


class Tally:
    """Targets of one attack and how many came out exactly right, overall and among true values 1-5;
    `wrong` counts differences that were numbers yet not the truth (noise, not a `c`)."""

    def __init__(self, name):
        self.name, self.targets, self.recovered, self.small, self.small_recovered, self.wrong = name, 0, 0, 0, 0, 0
        self.skipped = None  # why the attack does not apply, when it does not

    def add(self, true, found):
        right = found is not None and found == true
        self.targets += 1
        self.recovered += right
        self.wrong += found is not None and not right
        if 1 <= true <= HIDDEN_UP_TO:
            self.small += 1
            self.small_recovered += right

    def share(self):
        return self.recovered / self.targets if self.targets else None



def percent(part, whole):
    return f"{100 * part / whole:.1f}%" if whole else "-"


def statistics(api, **params):
    """A statistics table as {key: figure text}, the total under "total"; a group not listed is a known 0."""
    answer = api.figures("/api/v1/training/statistics", **params)
    return {line["key"]: line["count"] for line in answer["lines"]} | {"total": answer["total"]}, answer


def figure_of(table, key):
    return table.get(key, "0")


class Truth:
    """The database, read only: what the figures really are."""

    def __init__(self, path):
        if not os.path.exists(path):
            raise RuntimeError(f"no database at {path}")
        self.db = sqlite3.connect(f"file:{urllib.parse.quote(path)}?mode=ro", uri=True, timeout=REQUEST_SECONDS)

    def rows(self, sql, *args):
        return self.db.execute(sql, args).fetchall()

    def partnerships(self):
        """{lower-case id: name} of the partnerships (not regions)."""
        return {id.lower(): name for id, name in self.rows("SELECT id, name FROM partnerships WHERE kind = 'partnership' ORDER BY name")}

    def session_days(self):
        return [day for day, in self.rows("""SELECT DISTINCT s.session_on FROM training_sessions s JOIN attendances a ON a.session_id = s.id
                                             WHERE a.status = 'attended' ORDER BY 1""")]

    def attended(self, grouping, first, last, partnerships=None):
        """{group key: attended participants}, with "total", of sessions from first to last (ISO days)."""
        where, args = "", [first, last]
        if partnerships is not None:
            where = f" AND lower(s.partnership_id) IN ({','.join('?' * len(partnerships))})"
            args += list(partnerships)
        found = dict(self.rows(f"""SELECT {COLUMNS[grouping]}, COUNT(*) FROM attendances a JOIN training_sessions s ON s.id = a.session_id
                                   WHERE a.status = 'attended' AND s.session_on >= ? AND s.session_on <= ?{where} GROUP BY 1""", *args))
        return found | {"total": sum(found.values())}

    def approved(self):
        """{(source, category, partnership id, quarter key): figure} of approved returns."""
        return {(source, category, partnership.lower(), period): count for source, category, partnership, period, count in self.rows(
            """SELECT r.source, c.category, r.partnership_id, r.period_key, c.count FROM returns r JOIN return_cells c ON c.return_id = r.id
               WHERE r.status = 'approved' AND c.breakdown = 'total'""")}

    def submitted(self):
        """[(id, partnership id, quarter key, source, {category: figure})] of returns waiting for approval."""
        found = []
        for id, partnership, period, source in self.rows("SELECT id, partnership_id, period_key, source FROM returns WHERE status = 'submitted' ORDER BY period_key, id"):
            cells = dict(self.rows("SELECT category, count FROM return_cells WHERE return_id = ? AND breakdown = 'total'", id))
            found.append((id.lower(), partnership.lower(), period, source, cells))
        return found


def iso(day):
    return day.isoformat()


def year_before(day):
    return day.replace(year=day.year - 1, day=min(day.day, 28) if day.month == 2 else day.day)


def evenly(items, most):
    """At most `most` of the items, evenly spaced and always the same ones (the first and last kept)."""
    if len(items) <= most:
        return list(items)
    return [items[round(i * (len(items) - 1) / (most - 1))] for i in range(most)]


def date_differencing(analyst, truth):
    """1. table(S..day) - table(S..day-1) is the day's sessions alone, across every partnership."""
    tally = Tally("date differencing, training statistics (analyst, all partnerships)")
    days = evenly(truth.session_days(), MAX_DAYS)
    start = iso(year_before(datetime.date.fromisoformat(days[0])))  # before every session: the first day has a "before" too
    print(f"     {len(days)} session days from {days[0]} to {days[-1]}, tables from {start}")
    for day in days:
        before = iso(datetime.date.fromisoformat(day) - datetime.timedelta(days=1))
        totals = []  # the day's total as each grouping's pair of tables gives it
        for grouping in GROUPINGS:
            after_table, _ = statistics(analyst, **{"from": start, "to": day, "by": grouping})
            before_table, _ = statistics(analyst, **{"from": start, "to": before, "by": grouping})
            true = truth.attended(grouping, day, day)
            for key, count in true.items():
                found = difference([figure_of(after_table, key)], [figure_of(before_table, key)])
                if key == "total":
                    totals.append(found)
                elif count:
                    tally.add(count, found)
        # Every grouping repeats the total line: the attacker takes the first pair that shows it on both sides.
        tally.add(truth.attended(GROUPINGS[0], day, day)["total"], next((t for t in totals if t is not None), None))
    return tally


def partnership_filter(analyst, truth, partnerships, today):
    """2. table(all) - the sum of table(Q) over every other Q is P's own table."""
    tally = Tally("partnership filter against the whole (analyst, by ethnicity, last 12 months)")
    window = {"from": iso(year_before(today)), "to": iso(today), "by": "ethnicity"}
    whole, _ = statistics(analyst, **window)
    each = {id: statistics(analyst, partnership=id, **window)[0] for id in partnerships}
    for id in partnerships:
        for key, count in truth.attended("ethnicity", window["from"], window["to"], [id]).items():
            if count:
                others = [figure_of(each[other], key) for other in partnerships if other != id]
                tally.add(count, difference([figure_of(whole, key)], others))
    return tally


def own_partnership(adviser, truth, partnerships, today):
    """3. The adviser's table of every partnership they may read less their own (exact to them) is the others'."""
    tally = Tally("own partnership subtracted (Camden adviser, by ethnicity, last 12 months)")
    window = {"from": iso(year_before(today)), "to": iso(today), "by": "ethnicity"}
    camden = next(id for id, name in partnerships.items() if name == "Camden")
    # What the adviser may ask for: each partnership by its filter (a refusal is 422 "Select a partnership").
    readable = [id for id in partnerships if adviser.get("/api/v1/training/statistics", partnership=id, **window)[0] == 200]
    whole, answer = statistics(adviser, **window)
    own, _ = statistics(adviser, partnership=camden, **window)
    dashboard = adviser.figures("/api/v1/returns/dashboard")
    same = "the same as Camden's" if whole == own else "not Camden's"
    print(f"     the adviser may read the statistics of {[partnerships[id] for id in readable]}; their all-partnerships table is "
          f"{'suppressed' if answer['suppressed'] else 'exact'} and {same}; their returns dashboard shows "
          f"{[line['label'] for line in dashboard['partnerships']]}")
    others = [id for id in readable if id != camden]
    if not others and whole != own:
        # Wider than Camden without a filter for the others (London-wide only): then it is taken to be every partnership.
        others = [id for id in partnerships if id != camden]
    if not others:
        tally.skipped = "the adviser's all-partnerships figures cover Camden only: there is nothing beyond Camden to subtract down to"
        return tally
    for key, count in truth.attended("ethnicity", window["from"], window["to"], others).items():
        if count:
            tally.add(count, difference([figure_of(whole, key)], [figure_of(own, key)]))
    return tally


def quarters_between(first, last):
    """Quarter keys like 2023Q3, first to last."""
    (year, n), found = (int(first[:4]), int(first[5])), []
    while f"{year}Q{n}" <= last:
        found.append(f"{year}Q{n}")
        year, n = (year, n + 1) if n < 4 else (year + 1, 1)
    return found


def quarter_before(key, times=1):
    year, n = int(key[:4]), int(key[5])
    for _ in range(times):
        year, n = (year, n - 1) if n > 1 else (year - 1, 4)
    return f"{year}Q{n}"


def dashboard_lines(api, cached=True, **params):
    """{category: (per-quarter figure texts, total text)} of a dashboard's totals over the partnerships asked for."""
    answer = api.figures("/api/v1/returns/dashboard", cached, **params)
    return {line["key"]: (line["counts"], line["total"]) for line in answer["categories"]}, answer["periods"]


def returns_partnership_differencing(analyst, truth, partnerships, approved, quarters):
    """4a. London's quarter total less every other partnership's (each asked for alone) is P's figure."""
    tally = Tally("partnership differencing, returns dashboard (analyst)")
    span = {"from": quarters[0], "to": quarters[-1]}
    for source in sorted({key[0] for key in approved}):
        whole, periods = dashboard_lines(analyst, source=source, **span)
        each = {id: dashboard_lines(analyst, source=source, partnership=id, **span)[0] for id in partnerships}
        for id in partnerships:
            for category, (counts, _) in whole.items():
                for index, quarter in enumerate(periods):
                    true = approved.get((source, category, id, quarter), 0)
                    if true >= 1:
                        others = [each[other][category][0][index] for other in partnerships if other != id]
                        tally.add(true, difference([counts[index]], others))
    return tally


def returns_quarter_differencing(analyst, truth, partnerships, approved, quarters):
    """4b. One partnership's total over [A..q] less [A..q-1] is its figure for q (A: a year before any return)."""
    tally = Tally("quarter differencing, returns dashboard (analyst, one partnership at a time)")
    first = quarter_before(quarters[0], 4)
    for source in sorted({key[0] for key in approved}):
        for id in partnerships:
            for quarter in quarters:
                after, _ = dashboard_lines(analyst, source=source, partnership=id, **{"from": first, "to": quarter})
                before, _ = dashboard_lines(analyst, source=source, partnership=id, **{"from": first, "to": quarter_before(quarter)})
                for category in after:
                    true = approved.get((source, category, id, quarter), 0)
                    if true >= 1:
                        tally.add(true, difference([after[category][1]], [before[category][1]]))
    return tally


def before_and_after_approval(analyst, coordinator, truth, partnerships):
    """5. London's totals for a quarter just before and just after one return is approved differ by that return."""
    tally = Tally("before and after an approval, returns dashboard (analyst; coordinator approves)")
    waiting = truth.submitted()[:4]
    if not waiting:
        tally.skipped = "no return is waiting for approval in the database (an earlier run approved them?)"
        return tally
    for id, partnership, quarter, source, cells in waiting:
        ask = {"source": source, "from": quarter, "to": quarter}
        before, _ = dashboard_lines(analyst, cached=False, **ask)
        status, answer = coordinator.get(f"/api/v1/returns/{id}", cached=False)
        if status == 200:
            status, answer = coordinator.call("POST", f"/api/v1/returns/{id}/approve", body={"version": answer["version"]})
        if status != 200:
            print(f"WARN return {id} ({partnerships.get(partnership)} {quarter} {source}) was not approved: {status} {json.dumps(answer)[:300]}")
            continue
        after, _ = dashboard_lines(analyst, cached=False, **ask)
        print(f"     approved {partnerships.get(partnership)} {quarter} {source}")
        for category, count in cells.items():
            if count:
                tally.add(count, difference([after[category][0][0]], [before[category][0][0]]))
    return tally


def bearer_token(binary, database, email):
    """A fresh API token from the command line (`conduit user token`), its last line."""
    done = subprocess.run([binary, "user", "token", "--email", email, "--name", "attack"], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, CONDUIT_DATABASE_PATH=database))
    lines = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"`{binary} user token --email {email}` failed ({done.returncode}): {(done.stderr or done.stdout)[-300:]}")
    return lines[-1]


def differencing(url, database, binary):
    check = Check()
    host = urllib.parse.urlparse(url).hostname
    # The approval attack writes to the server's database: never against anything but this machine.
    if host not in ("127.0.0.1", "localhost", "::1"):
        check.expect(False, f"--differencing runs against a server on this machine only, not {host}")
        return check
    started = time.monotonic()
    truth = Truth(database)
    readers = {role: Api(url, bearer_token(binary, database, f"{role}@conduit.example"), role) for role in ("analyst", "adviser", "coordinator")}
    partnerships = truth.partnerships()
    approved = truth.approved()
    quarters = quarters_between(min(key[3] for key in approved), max(key[3] for key in approved))
    today = datetime.date.today()
    attacks = [lambda: date_differencing(readers["analyst"], truth),
               lambda: partnership_filter(readers["analyst"], truth, partnerships, today),
               lambda: own_partnership(readers["adviser"], truth, partnerships, today),
               lambda: returns_partnership_differencing(readers["analyst"], truth, partnerships, approved, quarters),
               lambda: returns_quarter_differencing(readers["analyst"], truth, partnerships, approved, quarters),
               lambda: before_and_after_approval(readers["analyst"], readers["coordinator"], truth, partnerships)]  # writes: last
    tallies = []
    for attack_one in attacks:
        tally = attack_one()
        tallies.append(tally)
        if tally.skipped:
            print(f"skip {tally.name}: {tally.skipped}")
            continue
        share = tally.share()
        check.expect(share is not None and share <= SHARE_BAR,
                     f"{tally.name}: {tally.targets} targets, {tally.recovered} recovered exactly ({percent(tally.recovered, tally.targets)}); "
                     f"true 1-5: {tally.small_recovered} of {tally.small} ({percent(tally.small_recovered, tally.small)}); "
                     f"{tally.wrong} came out a number but not the true one"
                     + ("" if tally.targets else " — no targets, so nothing was measured"))
    run = [t for t in tallies if not t.skipped]
    print(f"     summary: {sum(t.share() is not None and t.share() > SHARE_BAR for t in run)} of {len(run)} attacks recover more than "
          f"{SHARE_BAR:.0%} of their targets exactly; {sum(t.recovered for t in run)} of {sum(t.targets for t in run)} targets overall, "
          f"{sum(t.small_recovered for t in run)} of {sum(t.small for t in run)} with true values 1-5; "
          f"{Api.sent} requests in {time.monotonic() - started:.1f} s")
    return check


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default=os.environ.get("CONDUIT_URL", "http://127.0.0.1:8097"))
    parser.add_argument("--releases-dir", help="attack the JSON files in this directory instead of a server")
    parser.add_argument("--self-test", action="store_true", help="show that the attack breaks a naive protection")
    parser.add_argument("--budget", type=float, default=BUDGET_SECONDS, help="seconds for all the solves (default %(default)s)")
    parser.add_argument("--differencing", action="store_true", help="subtract signed-in readers' live tables (approves waiting returns)")
    parser.add_argument("--database", default=os.environ.get("CONDUIT_DATABASE_PATH"), help="the server's SQLite file, for the truth and the tokens")
    parser.add_argument("--binary", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "debug", "conduit"),
                        help="the conduit executable, for `user token` (default %(default)s)")
    arguments = parser.parse_args()
    if arguments.self_test:
        check = self_test(arguments.budget)
    elif arguments.differencing:
        check = Check()
        try:
            if not arguments.database:
                raise RuntimeError("--differencing needs --database PATH (or $CONDUIT_DATABASE_PATH)")
            check = differencing(arguments.url, arguments.database, arguments.binary)
        except (OSError, ValueError, KeyError, TypeError, RuntimeError, sqlite3.Error, subprocess.SubprocessError) as error:
            check.expect(False, f"the differencing attacks ran: {type(error).__name__} {error}")
    else:
        check = Check()
        where = arguments.releases_dir or arguments.url + "/figures/releases.json"
        try:
            releases = releases_from_directory(arguments.releases_dir) if arguments.releases_dir else releases_from_server(arguments.url)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            check.expect(False, f"the releases are read from {where}: {type(error).__name__} {error}")
            releases = None
        if releases is not None:
            attack_releases(releases, check, arguments.budget)
        if not arguments.releases_dir:
            check_ranges(arguments.url, check)
    print(f"\n{len(check.failures)} failed" if check.failures else "\nall passed")
    sys.exit(1 if check.failures else 0)


if __name__ == "__main__":
    main()
