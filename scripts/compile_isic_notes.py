#!/usr/bin/env python3
"""Compile rules/industries/isic_terms.tsv: industry terms derived from the explanatory
notes of ISIC Rev.4 itself (the inclusion bullets of each class), coded to that class.

What it does
- Reads each class's inclusion note (ExplanatoryNoteInclusion) and only that: the
  exclusion note (ExplanatoryNoteExclusion) is never read, and an inclusion bullet
  that speaks of excluding ("excluding sugar beet seeds") is dropped.
- Takes the bullets ("- manufacture of semiconductor devices") and, under a bullet of
  a goods-producing activity that ends in "such as:" or ":", its sub-bullets
  ("* wheat").
- Rewrites a bullet "<activity> of <object>" into the word order of the NAICS index,
  and then derives terms from it with the very rules of compile_naics_terms.py
  (its derive(), imported):
    manufacture of X           -> "X manufacturing"
    mining of X / quarrying of X -> "X mining" / "X quarrying" ("ores" left out, as there)
    growing of X               -> "X growing" (a product trigger only, as there)
    publishing of X            -> "X publishing"
    construction of X          -> "X construction"
    renting/leasing of X       -> "X leasing" (NAICS's own rename of "rental or leasing")
  so "manufacture of tyres" gives the field "tyres manufacturing" and the trigger
  terms "tyres", "tyre". A bullet with no "of" ("fish farming") goes to derive() as it
  stands. The object of production, extraction, raising and breeding bullets (and the
  sub-bullets under goods-producing bullets) is a product trigger term only, and only
  when it has two words: one-word products ("suppliers of the keyboards", "anchor",
  "router") were wrong fields on the AEB pages.
  An activity field also takes the singular of a one-word plural object, the form
  of a noun before another ("tyres manufacturing" -> "tyre manufacturing").
- Codes each term with its class, or the lowest ISIC level that holds every class it
  arises in. A term whose classes share no division is dropped, never guessed. So is
  every term an earlier lexicon already holds (terms.tsv, sector_names.tsv,
  naics_terms.tsv), and every term compile_naics_terms.usable() refuses: more than
  two words, filler words (not_field_words.txt), digits, parentheses, "except",
  coordination, one-word generic products, homographs and proper names of the system
  word list. Objects holding a comma, "and", "or", "such as", "e.g.", "n.e.c." or a
  preposition ("lighting equipment for vehicles") give nothing.

Source: UNSD, International Standard Industrial Classification of All Economic
Activities, Revision 4, English database (ISIC4_english.mdb), table
tblTitles_English_ISICRev4, as held in the public GitHub repository
openregister/industrial-classification-data (lists/united-nations/ISIC4_english.mdb;
the repository's code is MIT, Crown copyright/GDS; the data is the United Nations',
reusable with attribution). Fetch and export (Debian package mdbtools):
  git clone https://github.com/openregister/industrial-classification-data
  git -C industrial-classification-data show HEAD:lists/united-nations/ISIC4_english.mdb \
      > ISIC4_english.mdb
  mdb-export ISIC4_english.mdb tblTitles_English_ISICRev4 > ISIC4_english_titles.csv

Usage (from the repository root):
  python3 scripts/compile_isic_notes.py --titles ISIC4_english_titles.csv \
      > rules/industries/isic_terms.tsv
Standard library only; output is sorted and deterministic.
"""
import argparse
import collections
import csv
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compile_naics_terms import (  # noqa: E402
    HOMOGRAPHS, RULES, common_level, derive, read_isic, read_words, singular, usable,
)

# Product words of the notes that more often mean something else in news (a verb, an
# anchor of a TV show, a network router, the spotlight), added to the NAICS list: not
# a term alone, nor the object of an activity field ("felt manufacturing").
NOTE_HOMOGRAPHS = HOMOGRAPHS | {
    "felt", "match", "matches", "label", "labels", "monitor", "monitors", "proof", "proofs",
    "buffer", "buffers", "router", "routers", "anchor", "anchors", "hop", "hops", "dates",
    "tank", "tanks", "bells", "planer", "planers", "grinder", "grinders", "globe", "globes",
    "spotlight", "spotlights",
}

# "<activity> of <object>" -> the NAICS-index phrase derive() reads.
REWRITES = {
    "manufacture": "{} manufacturing",
    "mining": "{} mining",
    "quarrying": "{} quarrying",
    "growing": "{} growing",
    "publishing": "{} publishing",
    "construction": "{} construction",
    "renting": "{} leasing",
    "leasing": "{} leasing",
}
# Activities whose object is a product: a trigger term, no field.
PRODUCT_ONLY = {"production", "extraction", "raising", "breeding"}
# Activities whose sub-bullets ("such as: * wheat") are products of the class.
GOODS = {"manufacture", "mining", "quarrying", "growing", "production", "extraction",
         "raising", "breeding"}
BULLET = re.compile(r"^(\w+) of (.+?)(?:,? such as)?:?$")
# An object that is not one noun phrase: coordination, lists, hedges, prepositions.
NOT_ONE_PHRASE = re.compile(
    r"[,;:()\d/]|\b(?:and|or|such as|e\.g\.|i\.e\.|n\.e\.c\.|etc|except|excluding|for|of|"
    r"in|on|with|from|by|to|into|at|as|via|used|made|including|other)\b"
)
DICTIONARY = set()  # lower-case words of the system word list, filled by main()
ORES = re.compile(r"\s+(?:ores?|lode|placer)$")


def clean(text):
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip().lower()


def bullets(note):
    """(activity, object or whole bullet, is_sub) of one inclusion note."""
    parent = None
    for line in note.splitlines():
        line = clean(line)
        if re.search(r"\bexclu", line):
            parent = None
            continue
        if line.startswith("- "):
            text = line[2:].strip()
            m = BULLET.match(text)
            parent = m.group(1) if m and m.group(1) in GOODS and text.endswith(":") else None
            if m:
                yield m.group(1), m.group(2), False
            else:
                yield None, text, False
        elif line.startswith("* ") and parent:
            yield parent, line[2:].strip(), True
        elif not line.startswith("* "):
            parent = None


def terms_of(activity, obj, sub):
    """(field terms, trigger terms) of one bullet."""
    if activity is None:
        fields, triggers = derive(obj)
        # "supervising banking": a gerund before the activity word is an act, not a field.
        return {f for f in fields if not f.split()[0].endswith("ing")}, triggers
    if NOT_ONE_PHRASE.search(obj):
        return set(), set()
    if sub or activity in PRODUCT_ONLY:
        return set(), {obj}
    if activity not in REWRITES:
        return set(), set()
    if activity == "mining":
        obj = ORES.sub("", obj)
    fields, triggers = derive(REWRITES[activity].format(obj))
    if obj in NOTE_HOMOGRAPHS:
        return set(), set()
    words = obj.split()
    if len(words) == 1 and singular(obj) != obj and singular(obj) in DICTIONARY:
        fields |= {f.replace(obj, singular(obj), 1) for f in fields if f.startswith(obj + " ")}
    return fields, triggers


def singular_form(term, dictionary):
    """The term with its last word in the singular, when that singular is a word of
    the system word list ("tomatoes" -> "tomato", never "tomatoe")."""
    *before, last = term.split()
    one = singular(last)
    return " ".join(before + [one]) if one != last and one in dictionary else None


def main():
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--titles", required=True, help="tblTitles_English_ISICRev4 exported as CSV")
    args.add_argument("--words", default="/usr/share/dict/american-english",
                      help="a word list whose capitalised entries are proper names (Debian wamerican)")
    opts = args.parse_args()
    listed = [w.strip() for w in open(opts.words, encoding="utf-8")]
    proper_names = {w.lower() for w in listed if w[:1].isupper()}
    dictionary = {w for w in listed if w[:1].islower()}
    DICTIONARY.update(dictionary)
    parents = read_isic(f"{RULES}/isic4.tsv")
    earlier = set()
    for name in ("terms.tsv", "sector_names.tsv", "naics_terms.tsv"):
        earlier |= read_words(f"{RULES}/{name}")
    fillers = read_words(f"{RULES}/not_field_words.txt")

    classes = {"field": collections.defaultdict(set), "trigger": collections.defaultdict(set)}
    notes = 0
    with open(opts.titles, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["Code"].strip()
            if not re.fullmatch(r"\d{4}", code) or code not in parents:
                continue
            notes += 1
            for activity, obj, sub in bullets(row["ExplanatoryNoteInclusion"] or ""):
                fields, triggers = terms_of(activity, obj, sub)
                for term in fields:
                    classes["field"][term].add(code)
                for term in triggers:
                    # One-word products ("keyboards", "anchor", "router") read as a
                    # product bought or supplied as often as a field: two words only.
                    if term in NOTE_HOMOGRAPHS or " " not in term:
                        continue
                    classes["trigger"][term].add(code)
                    form = singular_form(term, dictionary)
                    if form:
                        classes["trigger"][form].add(code)

    out = {}
    for use in ("field", "trigger"):
        for term, isic in classes[use].items():
            if not usable(term, earlier, fillers, proper_names) or term in out:
                continue
            code = common_level(isic, parents)
            # A term whose classes meet only at a section, or nowhere, is dropped.
            if code is None or len(code) == 1:
                continue
            out[term] = (code, use)

    fields = sum(1 for v in out.values() if v[1] == "field")
    print("# Industry terms compiled from the explanatory notes (inclusions) of ISIC Rev.4;")
    print("# same columns as terms.tsv. terms.tsv, sector_names.tsv and naics_terms.tsv win")
    print("# where they hold a term.")
    print("# Source: United Nations Statistics Division, ISIC Rev.4 English database")
    print("# (ISIC4_english.mdb, table tblTitles_English_ISICRev4), via the GitHub repository")
    print("# openregister/industrial-classification-data (code MIT, Crown copyright/GDS);")
    print("# ISIC Rev.4 (c) United Nations, reused with attribution.")
    print(f"# Compiled 2026-12-04 from the inclusion notes of {notes} classes by")
    print("# scripts/compile_isic_notes.py, which says how to fetch and export the source and")
    print("# how terms are derived; do not edit by hand.")
    print(f"# {fields} field terms, {len(out) - fields} trigger terms.")
    print("# term\tisic4\tuse")
    for term in sorted(out):
        print(f"{term}\t{out[term][0]}\t{out[term][1]}")


if __name__ == "__main__":
    sys.exit(main())
