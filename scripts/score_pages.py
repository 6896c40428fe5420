#!/usr/bin/env python3
"""Scores gleaner's metadata and main text on open page collections with truth.

Collections (fetch the repository, point --root at its tests/ folder; nothing of
them is kept in this repository):

- `mediacloud`: htmldate's eval_mediacloud_2020.json, 200 news pages worldwide
  (files in test_set/), annotated with the publication day.
  https://github.com/adbar/htmldate (Apache-2.0)
- `bbaw`: htmldate's eval_default.json, 800 pages of the BBAW collection (files
  in eval/ or cache/), publication day.
- `trafilatura`: trafilatura's evaldata.json, 990 pages (files in eval/ or
  cache/) with title, author(s), publication day and text snippets that the main
  text must contain ("with") or not ("without").
  https://github.com/adbar/trafilatura (Apache-2.0)

Measures, each over the pages whose truth gives the field: `date` (the first ten
characters of `published` equal the day), `title` (exact, whitespace collapsed),
`author` (the authors joined by "; " equal the truth, case and whitespace aside),
`with` and `without` (share of snippets found, resp. absent, in the text).
Pages are split by position in the sorted list of their URLs: even positions are
the part errors may be read from, odd ones are only scored.

    scripts/score_pages.py --root /path/to/htmldate/tests --set mediacloud
    scripts/score_pages.py --root /path/to/trafilatura/tests --set trafilatura --misses date
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

SETS = {
    "mediacloud": ("eval_mediacloud_2020.json", ["test_set"]),
    "bbaw": ("eval_default.json", ["eval", "cache"]),
    "trafilatura": ("evaldata.json", ["eval", "cache"]),
}


def norm(text):
    return re.sub(r"\s+", " ", text or "").strip()


def load_truth(root, name):
    index, folders = SETS[name]
    with open(os.path.join(root, index), encoding="utf-8") as f:
        entries = json.load(f)
    truth = {}
    for url, entry in sorted(entries.items()):
        for folder in folders:
            path = os.path.join(root, folder, entry["file"])
            if os.path.isfile(path):
                truth[url] = dict(entry, path=os.path.abspath(path))
                break
    return truth


def run_gleaner(binary, truth):
    """Records by URL of the truth, read from symlinks in one folder."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = os.path.join(tmp, "pages")
        os.mkdir(folder)
        by_name = {}
        for i, url in enumerate(truth):
            name = f"{i:05}.html"
            os.symlink(truth[url]["path"], os.path.join(folder, name))
            by_name[name] = url
        out = os.path.join(tmp, "out.jsonl")
        subprocess.run([binary, "extract", "--quiet", folder, "-o", out], check=False)
        records = {}
        with open(out, encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                url = by_name.get(os.path.basename(record["source"].get("path") or ""))
                if url:
                    records[url] = record
        return records


def judge(entry, record):
    """(measure, right 0..1, got, want) for each measure the entry's truth gives."""
    record = record or {}
    out = []
    if entry.get("date"):
        got = record.get("published")
        out.append(("date", float(bool(got) and got[:10] == entry["date"]), got, entry["date"]))
    if entry.get("title"):
        got = norm(record.get("title"))
        out.append(("title", float(got == norm(entry["title"])), got, entry["title"]))
    if entry.get("author"):
        want = entry["author"]
        want = "; ".join(want) if isinstance(want, list) else want
        got = "; ".join(record.get("authors") or [])
        out.append(("author", float(norm(got).lower() == norm(want).lower()), got, want))
    text = norm(record.get("text"))
    if entry.get("with"):
        share = sum(norm(w) in text for w in entry["with"]) / len(entry["with"])
        out.append(("with", share, None, None))
    if entry.get("without"):
        share = sum(norm(w) not in text for w in entry["without"]) / len(entry["without"])
        out.append(("without", share, None, None))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", required=True)
    parser.add_argument("--set", choices=sorted(SETS), default="mediacloud")
    parser.add_argument("--gleaner", default="target/release/gleaner")
    parser.add_argument("--misses", help="print the even part's misses of this measure")
    args = parser.parse_args()

    truth = load_truth(args.root, args.set)
    records = run_gleaner(args.gleaner, truth)
    totals = {}
    for i, url in enumerate(truth):
        part = "even" if i % 2 == 0 else "odd"
        for measure, right, got, want in judge(truth[url], records.get(url)):
            tally = totals.setdefault((measure, part), [0.0, 0])
            tally[0] += right
            tally[1] += 1
            if part == "even" and measure == args.misses and right < 1:
                print(f"MISS {truth[url]['file']} got={got!r} want={want!r}", file=sys.stderr)
    for measure in ["date", "title", "author", "with", "without"]:
        cells = [f"{part} {totals[(measure, part)][0] / totals[(measure, part)][1]:.3f} "
                 f"(n={totals[(measure, part)][1]})"
                 for part in ("even", "odd") if (measure, part) in totals]
        if cells:
            print(f"{args.set} {measure}: " + "; ".join(cells))


if __name__ == "__main__":
    main()
