#!/usr/bin/env python3
"""Compiles rules/orgs/gazetteer/government.tsv: ministries, departments, agencies,
regulators, councils and other public bodies of several countries and of the EU, by
name and by the initials they are known by ("HM Revenue and Customs", "HMRC").

Columns are those of the other gazetteers (see compile_org_gazetteers.py):
    name  type  country  aliases  flags  context_forms
Type: the type of the name's last head word in rules/orgs/heads.tsv ("Council" is
government, "College" university, "Museum" center); `government` when it has none.
Country: the list's jurisdiction (ISO 3166-1 alpha-2); empty for the EU's bodies and
for names made only of head words and everyday words ("Department of Commerce"),
which many countries' bodies share.

What is taken, mechanically:
- the body's name, with initials in brackets at its end moved to its aliases
  ("Bureau of Indian Affairs (BIA)"); a name whose brackets hold anything else
  ("Trustee Program (Justice Department)") or that holds a comma is left out, as a
  list's label and not the name news writes; so is a one-word everyday word ("Budget"
  of the EU's directorates-general), and a name with no Latin letter, as the
  extractor reads English text only; so is an office a person holds, whose words
  before any "of" hold a person's title (rules/orgs/person_titles.txt: "Minister of
  Education", "Chief Dental Officer of the Scottish Administration");
- the list's abbreviation, only when its letters are the name's initials in order
  ("HMRC" of "HM Revenue and Customs", "EU-OSHA"): abbreviations that are fragments
  or slugs of the name are not initials and are dropped;
- a form that two bodies share names neither: a shared name keeps one body with no
  country, a shared alias is dropped.
Context forms, taken only with a cue (see rules/orgs/context_cues.tsv): one- and
two-word forms of everyday words, given names, surnames or places ("Natural
England", "Ofsted" is not one), proper words of the dictionary, initials of three
letters or fewer ("CAP", "ONS") and initials that spell a word ("PUSH").

Source (fetched copy; not committed):
  --publicbodies  github.com/datasets/publicbodies, its data/ folder: one CSV a
                  jurisdiction (id, name, abbreviation, ..., jurisdiction_code). Data
                  licence ODC-PDDL-1.0 (datapackage.json); code MIT, Copyright (c) 2021
                  Open Knowledge Foundation. Fetch: git clone --depth 1
                  https://github.com/datasets/publicbodies
Commonness evidence: as for scripts/compile_world_companies.py (--words, --names,
--cities, --countries, --surnames); --skip gazetteers (and rules/orgs/known.tsv)
whose forms are left to them.

Usage:
    scripts/compile_public_bodies.py --publicbodies publicbodies/data \\
        --heads rules/orgs/heads.tsv --titles rules/orgs/person_titles.txt --iso rules/places/countries.tsv \\
        --words /usr/share/dict/american-english --names maxoccurances.txt \\
        --cities world-cities.csv --countries rules/places/country_names.tsv \\
        --surnames Names_2010Census.csv \\
        --skip rules/orgs/known.tsv --skip rules/orgs/gazetteer/international.tsv ... \\
        --out rules/orgs/gazetteer/government.tsv
"""

import argparse
import collections
import csv
import datetime
import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compile_org_gazetteers as base  # noqa: E402
import compile_world_companies as world  # noqa: E402

csv.field_size_limit(1 << 24)

# Words that join a name's parts and give no initial ("Department of the Interior").
JOINERS = {"of", "the", "and", "for", "in", "on", "to", "at", "de", "da", "do", "dos", "das", "du", "des", "la",
           "le", "del", "der", "die", "den", "und", "für", "och", "i", "&", "-"}


def load_titles(path):
    with open(path, encoding="utf-8") as f:
        return {line.strip() for line in f if line.strip() and not line.startswith("#")}


def looks_like_initials(form):
    letters = form.replace(".", "").replace("-", "").replace("&", "")
    return (2 <= len(letters) <= 10 and letters.isalnum() and " " not in form
            and sum(c.isupper() for c in letters) >= 2 and form[0].isupper())


def initials_of(abbr, name):
    """Whether the letters of `abbr` are, in order, initials of `name`'s words or the
    letters that open them ("HMRC" of "HM Revenue and Customs", "Ofsted" of "Office for
    Standards in Education"): each letter takes the next letter of the word it is in
    or the first letter of a later word; joiners may be skipped, other words not."""
    letters = [c.lower() for c in abbr if c.isalpha()]
    words = [w for w in re.split(r"[\s\-/]+", name) if w]

    def match(i, w, p):
        # i: next letter of abbr; w, p: the word and position the last letter matched.
        if i == len(letters):
            return all(x.lower() in JOINERS for x in words[w + 1:])
        c = letters[i]
        if w >= 0 and p + 1 < len(words[w]) and words[w][p + 1].lower() == c and match(i + 1, w, p + 1):
            return True
        for k in range(w + 1, len(words)):
            if words[k][0].lower() == c and match(i + 1, k, 0):
                return True
            if words[k].lower() not in JOINERS:
                break
        return False

    return match(0, -1, 0)


def body_forms(row):
    """The body's name and aliases, or None when the list's name is a label."""
    name = re.sub(r"\s+", " ", row.get("name", "")).strip()
    aliases = []
    m = re.fullmatch(r"(.+?) \(([^()]+)\)", name)
    if m:
        if not looks_like_initials(m.group(2)):
            return None
        name = m.group(1)
        aliases.append(m.group(2))
    if not name or "," in name or "(" in name or "—" in name or len(name.split()) > 12 or not base.plain(name):
        return None
    # The extractor reads English text: a name with no Latin letter is never matched.
    if not re.search(r"[A-Za-z]", name):
        return None
    abbr = re.sub(r"\s+", " ", row.get("abbreviation", "")).strip()
    if abbr and looks_like_initials(abbr) and abbr not in aliases:
        aliases.append(abbr)
    aliases = [a for a in aliases if initials_of(a, name) and a != name]
    return name, aliases


def kind_of(name, heads):
    kind = "government"
    for word in name.split():
        if word in heads:
            kind = heads[word]
    return kind


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for a in ("publicbodies", "heads", "titles", "iso", "words", "names", "cities", "countries", "surnames", "out"):
        p.add_argument("--" + a, required=True)
    p.add_argument("--skip", action="append", default=[])
    p.add_argument("--name-floor", type=int, default=500)
    args = p.parse_args()
    common = base.Commonness(base.load_words(args.words), base.load_first_names(args.names, args.name_floor),
                             world.load_places(args.cities, args.countries))
    proper = world.load_proper(args.words)
    heads = base.two_columns(args.heads, 0, 1)
    titles = load_titles(args.titles)
    codes = set(base.two_columns(args.iso, 0, 1))
    skip = base.known_forms(args.skip)
    files = sorted(glob.glob(os.path.join(args.publicbodies, "*.csv")))
    if not files:
        sys.exit(f"no jurisdiction files (*.csv) in {args.publicbodies}")
    bodies, sources = [], []
    for path in files:
        with open(path, encoding="utf-8", newline="") as f:
            taken = 0
            for row in csv.DictReader(f):
                forms = body_forms(row)
                # A one-word everyday word ("Budget", "Energy") is a list's label for a
                # portfolio, not the name a body goes by.
                if forms is None or (" " not in forms[0] and forms[0].lower() in common.words):
                    continue
                # "Minister of Education", "Chief Dental Officer of ...": an office held
                # by a person, whose title news writes before the person's name.
                if any(w in titles for w in forms[0].split(" of ")[0].split()):
                    continue
                country = row.get("jurisdiction_code", "").strip().upper()
                bodies.append((forms[0], forms[1], country if country in codes else ""))
                taken += 1
            if taken:
                sources.append(f"{os.path.basename(path)} {taken}")
    countries_of = collections.defaultdict(set)
    for name, aliases, country in bodies:
        for form in [name] + aliases:
            countries_of[form.lower()].add((name, country))
    rows, taken = [], set()
    for name, aliases, country in bodies:
        if name.lower() in skip or name.lower() in taken:
            continue
        shared_name = len({c for _, c in countries_of[name.lower()]}) > 1
        aliases = [a for a in aliases
                   if len(countries_of[a.lower()]) == 1 and a.lower() not in skip and a.lower() not in taken]
        taken.update(f.lower() for f in [name] + aliases)
        context = [f for f in [name] + aliases
                   if common.is_common(f) and not (looks_like_initials(f) and len(f) >= 4)
                   or (world.all_words(f, common) and len(f.split()) == 2) or f in proper
                   or (looks_like_initials(f) and (len(f) <= 3 or f.lower() in common.words))]
        # "Department of Commerce", "Ministry of Finance": a name of head words and
        # everyday words only is one many countries' bodies share; it names no country.
        generic = all(w.lower() in common.words or w in heads or w.lower() in JOINERS for w in name.split())
        country = "" if shared_name or generic else country
        rows.append((name, kind_of(name, heads), country, aliases, context))
    rows = base.reflag(rows, base.load_surnames(args.surnames), club=False)
    rows.sort(key=lambda r: r[0])
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(base.HEADER.replace("compile_org_gazetteers.py", "compile_public_bodies.py").format(
            title="Public bodies (ministries, departments, agencies, regulators, councils) of "
                  + ", ".join(x.split(".")[0].upper() for x in sources),
            date=datetime.date.today().isoformat(),
            source="github.com/datasets/publicbodies (data/*.csv; bodies taken: " + ", ".join(sources) + ")",
            licence="ODC-PDDL-1.0 (data, per its datapackage.json); code MIT, Copyright (c) 2021 Open Knowledge "
                    "Foundation"))
        base.write_rows(f, rows)
    print(f"{args.out}: {len(rows)} entries", file=sys.stderr)


if __name__ == "__main__":
    main()
