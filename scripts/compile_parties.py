#!/usr/bin/env python3
"""Compiles rules/orgs/gazetteer/parties.tsv: the world's political parties, by their
English names, their names in their own language and their initials.

Columns are those of the other gazetteers (see compile_org_gazetteers.py):
    name  type  country  aliases  flags  context_forms
Type `other` (the record's types have no party). The name is the party's first English
name; aliases are its other English names, its own-language name and its initials.
A form that several countries' parties share ("Labour Party", "PSD") names no one
country's party: a shared name keeps the party with no country, a shared alias is
dropped. Context forms, taken only with a political or business cue, are forms that
are everyday words, given names, surnames or places, proper words of the dictionary
("Muslim"), and short initials ("PP").

Source (fetched copy; not committed):
  --parties  github.com/hdigital/partyfactsdata, import/elecglob/partyfacts-core-parties.csv
             (Party Facts core parties: country ISO 3166 alpha-3, name_short, name,
             name_english with " / " between alternatives, year_last, technical).
             Repository licence MIT, Copyright (c) 2022 Party Facts authors; cite
             Döring and Regel (2019), Party Politics 25(2): 97-109.
             Parties dissolved before --since are left out, and so are the technical
             rows ("independent", "other").
Commonness evidence: as for scripts/compile_world_companies.py (--words, --names,
--cities, --countries, --surnames); --skip gazetteers (and rules/orgs/known.tsv)
whose forms are left to them.

Usage:
    scripts/compile_parties.py --parties partyfacts-core-parties.csv \\
        --words /usr/share/dict/american-english --names maxoccurances.txt \\
        --cities world-cities.csv --countries rules/places/country_names.tsv \\
        --iso rules/places/countries.tsv --surnames Names_2010Census.csv \\
        --skip rules/orgs/known.tsv --out rules/orgs/gazetteer/parties.tsv
"""

import argparse
import collections
import csv
import datetime
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compile_org_gazetteers as base  # noqa: E402
import compile_world_companies as world  # noqa: E402


def clean(form):
    form = re.sub(r"\s+", " ", form.replace("\u00a0", " ")).strip(" ,;")
    form = re.sub(r"\s*\([^)]*\)$", "", form)  # "(Khmer)", "(1990-1994)"
    return form


def usable(form):
    return (len(form) >= 2 and form[0].isupper() and base.plain(form) and "?" not in form
            and not any(c.isdigit() for c in form[:1]) and len(form.split()) <= 12)


def initials(short):
    return bool(re.fullmatch(r"[A-ZÀ-Ý][A-Za-zÀ-ÿ0-9-]{1,7}", short)) and sum(c.isupper() for c in short) >= 2


def party_rows(args, iso):
    parties = []
    with open(args.parties, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row.get("technical"):
                continue
            last = row.get("year_last", "")
            if last.isdigit() and int(last) < args.since:
                continue
            english = [clean(x) for x in row.get("name_english", "").split(" / ")]
            native = [clean(x) for x in row.get("name", "").split(" / ")]
            forms = [x for x in english + native if usable(x)]
            short = row.get("name_short", "").strip()
            if initials(short):
                forms.append(short)
            forms = list(dict.fromkeys(forms))
            if not forms:
                continue
            parties.append((forms, iso.get(row.get("country", ""), "")))
    return parties


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for a in ("parties", "words", "names", "cities", "countries", "iso", "surnames", "out"):
        p.add_argument("--" + a, required=True)
    p.add_argument("--skip", action="append", default=[])
    p.add_argument("--since", type=int, default=1980, help="leave out parties dissolved before this year")
    p.add_argument("--name-floor", type=int, default=500)
    args = p.parse_args()
    common = base.Commonness(base.load_words(args.words), base.load_first_names(args.names, args.name_floor),
                             world.load_places(args.cities, args.countries))
    proper = world.load_proper(args.words)
    skip = base.known_forms(args.skip)
    parties = party_rows(args, {v: k for k, v in base.two_columns(args.iso, 0, 1).items()})
    countries_of = collections.defaultdict(set)
    for forms, country in parties:
        for form in forms:
            countries_of[form.lower()].add(country)
    rows, taken = [], set()
    for forms, country in parties:
        name = forms[0]
        if name.lower() in skip or name.lower() in taken:
            continue
        shared_name = len(countries_of[name.lower()]) > 1
        aliases = [f for f in forms[1:]
                   if len(countries_of[f.lower()]) == 1 and f.lower() not in skip and f.lower() not in taken]
        taken.update(f.lower() for f in [name] + aliases)
        if len(name) <= 3 and not aliases:
            continue  # initials alone ("PR") name nothing for certain
        # Everyday words only, in a two-word name ("One Nation"); longer names of
        # everyday words hold a party's head or read as a name ("Five Star Movement").
        context = [f for f in [name] + aliases
                   if common.is_common(f) or (world.all_words(f, common) and len(f.split()) == 2) or f in proper
                   or (f.isupper() and len(f) <= 3)]
        rows.append((name, "other", "" if shared_name else country, aliases, context))
    rows = base.reflag(rows, base.load_surnames(args.surnames), club=False)
    rows.sort(key=lambda r: r[0])
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(base.HEADER.format(
            title=f"Political parties of the world (still active in {args.since} or later)",
            date=datetime.date.today().isoformat(),
            source="github.com/hdigital/partyfactsdata (import/elecglob/partyfacts-core-parties.csv), "
                   "Party Facts: Döring and Regel (2019), Party Politics 25(2): 97-109",
            licence="MIT, Copyright (c) 2022 Party Facts authors"))
        base.write_rows(f, rows)
    print(f"{args.out}: {len(rows)} entries", file=sys.stderr)


if __name__ == "__main__":
    main()
