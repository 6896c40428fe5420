#!/usr/bin/env python3
"""Scores the organisations stage on halves of the development gold, and lists the
errors of the half meant for reading only.

Every gold set is split by document position (sorted by name): even positions form
the `read` half, whose errors a rule author may look at, odd positions the `score`
half, which is only ever scored. A rule that lifts `read` and not `score` is tuning.

Sets: ../shared/gold/gum-news and ../shared/gold/aeb-entities (scored with the
shared scorers), plus any converted corpus under DEVDATA (default /work/devdata,
written by scripts/convert_ner_dev.py) that already holds `read/` and `score/`;
a set with no `docs/` folder is gold over the AEB pages in the shared AEB gold's
format, scored with its scorer (organisations and industries both).

Usage (from the project root, after `cargo build --release`):
    scripts/org_dev.py                 # one line per set and half
    scripts/org_dev.py --errors 40     # and up to 40 misses/false hits of read halves
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def halves(gold_path, tmp, tag):
    docs = [json.loads(line) for line in open(gold_path, encoding="utf-8") if line.strip()]
    key = "doc" if "doc" in docs[0] else "id"
    docs.sort(key=lambda d: d[key])
    out = {}
    for name, part in (("read", docs[0::2]), ("score", docs[1::2])):
        path = os.path.join(tmp, f"{tag}-{name}.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for d in part:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        out[name] = (path, part)
    return out


def org_summary(scorer_out):
    line = scorer_out.strip().splitlines()[-1]
    return line.replace("SUMMARY ", "")


def errors(gold_docs, pred_path, limit, text_key="text"):
    """Missed and spurious organisation mentions, by overlap, with context."""
    preds = {}
    for line in open(pred_path, encoding="utf-8"):
        r = json.loads(line)
        stem = os.path.splitext(os.path.basename((r.get("source") or {}).get("path", "")))[0]
        preds[stem] = r
    shown = 0
    for d in gold_docs:
        r = preds.get(d["doc"])
        if r is None:
            continue
        text = d[text_key]
        gold = [(m["start"], m["end"]) for m in d["mentions"] if m["type"] == "organization"]
        pred = []
        for o in r.get("organizations", []):
            for m in o["mentions"]:
                pred.append((m["start"], m["end"], o["name"], o["type"]))
        for s, e in gold:
            if not any(ps < e and s < pe for ps, pe, *_ in pred):
                print(f"  MISS  {d['doc']}: {text[s:e]!r}  ...{text[max(0, s - 40):e + 40]!r}".replace("\n", " "))
                shown += 1
        for ps, pe, name, kind in pred:
            if not any(ps < e and s < pe for s, e in gold):
                ctx = r["text"][max(0, ps - 40):pe + 40]
                print(f"  FALSE {d['doc']}: {r['text'][ps:pe]!r} ({kind})  ...{ctx!r}".replace("\n", " "))
                shown += 1
        if shown >= limit:
            return


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "gleaner"))
    ap.add_argument("--devdata", default="/work/devdata")
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args()
    if not os.path.isdir(SHARED):
        sys.exit(f"no shared gold at {SHARED}")
    tmp = tempfile.mkdtemp()
    scorer = os.path.join(SHARED, "eval", "entity_score.py")

    gum_pred = os.path.join(tmp, "gum.jsonl")
    with open(gum_pred, "w") as f:
        subprocess.run([args.bin, "extract", os.path.join(SHARED, "gold", "gum-news", "docs")], stdout=f,
                       stderr=subprocess.DEVNULL, check=True)
    for name, (path, part) in halves(os.path.join(SHARED, "gold", "gum-news", "gold.jsonl"), tmp, "gum").items():
        out = run([sys.executable, scorer, path, gum_pred, "--types", "organization", "--quiet"])
        print(f"gum-news {name:5} {org_summary(out)}")
        if name == "read" and args.errors:
            errors(part, gum_pred, args.errors)

    aeb_pred = os.path.join(tmp, "aeb.jsonl")
    with open(aeb_pred, "w") as f:
        subprocess.run([args.bin, "extract", os.path.join(SHARED, "corpus", "aeb", "html")], stdout=f,
                       stderr=subprocess.DEVNULL, check=True)
    aeb_scorer = os.path.join(SHARED, "eval", "aeb_entities_score.py")
    for name, (path, _) in halves(os.path.join(SHARED, "gold", "aeb-entities", "gold.jsonl"), tmp, "aeb").items():
        out = run([sys.executable, aeb_scorer, aeb_pred, "--gold", path, "--quiet"])
        print(f"aeb      {name:5} {org_summary(out)}")

    if os.path.isdir(args.devdata):
        for corpus in sorted(os.listdir(args.devdata)):
            for name in ("read", "score"):
                base = os.path.join(args.devdata, corpus, name)
                if not os.path.isfile(os.path.join(base, "gold.jsonl")):
                    continue
                if not os.path.isdir(os.path.join(base, "docs")):
                    # Gold over AEB pages (ids and offsets into their true text),
                    # scored like the shared AEB gold.
                    out = run([sys.executable, aeb_scorer, aeb_pred, "--gold", os.path.join(base, "gold.jsonl"),
                               "--quiet"])
                    print(f"{corpus[:8]:8} {name:5} {org_summary(out)}")
                    continue
                pred = os.path.join(tmp, f"{corpus}-{name}.jsonl")
                with open(pred, "w") as f:
                    subprocess.run([args.bin, "extract", os.path.join(base, "docs")], stdout=f,
                                   stderr=subprocess.DEVNULL, check=True)
                out = run([sys.executable, scorer, os.path.join(base, "gold.jsonl"), pred, "--types",
                           "organization", "--quiet"])
                print(f"{corpus[:8]:8} {name:5} {org_summary(out)}")
                if name == "read" and args.errors:
                    gold = [json.loads(line) for line in open(os.path.join(base, "gold.jsonl"), encoding="utf-8")]
                    errors(gold, pred, args.errors)


if __name__ == "__main__":
    main()
