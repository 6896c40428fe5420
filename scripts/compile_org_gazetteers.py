#!/usr/bin/env python3
"""Compiles the organisation gazetteers under rules/orgs/gazetteer/ from open lists.

Each output file has the columns of rules/orgs/known.tsv plus one:
    name  type  country  aliases  flags  context_forms
where context_forms ("|"-separated) are the forms (the name or aliases) that are also
an everyday word, a given name or a place: the extractor takes them only with
supporting context. Nothing is dropped for being common; it is flagged.

Sources (fetched copies; none of them is committed):
  --sp500     datasets/s-and-p-500-companies, data/constituents.csv (ODC-PDDL-1.0)
  --nasdaq    datasets/nasdaq-listings, data/nasdaq-listed.csv (ODC-PDDL-1.0)
  --nyse      datasets/nyse-other-listings, data/nyse-listed.csv (ODC-PDDL-1.0)
  --unis      Hipo/university-domains-list, world_universities_and_domains.json (MIT)
  --clubs     openfootball/clubs, a checkout folder (CC0-1.0); every *.clubs.txt
  --intl      confirmordeny/supraverden, data/general_list.yaml (CC BY-SA 4.0)
Commonness evidence:
  --words     a system word list (Debian wamerican: /usr/share/dict/american-english)
  --names     hackerb9/ssa-baby-names, maxoccurances.txt (US SSA data, public domain)
  --cities    GeoNames cities15000.txt (CC BY 4.0), unzipped
  --countries rules/places/country_names.tsv of this repository
  --surnames  US Census 2010 surnames, Names_2010Census.csv (US government work, public
              domain; e.g. via github.com/DinaAbrahim/MarriageInTexas, its top 1,000)

Two rules apply on top of the evidence above: a one-word alias of a football club
("Mainz", "Chicago", "Saturn") is the club's town or nickname, so it is taken only with
context; a form that is only an article ("The") is no form at all.

`--reflag DIR` applies the surname and club-alias rules to gazetteers already compiled
in DIR (the sources need not be fetched again), rewriting their context forms.

Each of the repositories above is a public GitHub repository; a shallow clone (or the
single file) is all that is needed, e.g.
    git clone --depth 1 https://github.com/openfootball/clubs
Usage: scripts/compile_org_gazetteers.py --sp500 ... --out rules/orgs/gazetteer
"""

import argparse
import csv
import datetime
import json
import os
import re
import sys

LEGAL = {
    "Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "Ltd", "Ltd.", "LLC", "L.L.C.", "PLC", "Plc", "plc", "AG", "SA",
    "S.A.", "NV", "N.V.", "SE", "GmbH", "Group", "Holdings", "Holding", "Company", "Corporation", "Limited",
    "Incorporated", "LP", "L.P.", "Trust", "Bancorp", "ASA", "AB", "A/S", "S.p.A.", "SpA", "Technologies",
}
# Security classes and instruments after a company's name in the exchange lists.
INSTRUMENT = re.compile(
    r"\s*(-\s*)?(\b(Class [A-Z]\b.*|Common Stock.*|Common Shares.*|Ordinary Shares.*|American Depositary.*|"
    r"Depositary Shares.*|Subordinate Voting.*|Series [A-Z0-9]+\b.*|Units?\b.*|Warrants?\b.*|Rights?\b.*|"
    r"\d+(\.\d+)?% .*|Preferred.*|Senior Notes.*|Notes due.*|New\b.*|Beneficial Interest.*|Shares of .*|"
    r"Sponsored ADR.*|ADS.*|Capital Stock.*|Voting Stock.*))$"
)
SKIP_LISTING = re.compile(r"\b(ETF|ETN|Fund|Funds|Index|Notes|Warrant|Warrants|Acquisition|SPAC|Trust|Portfolio|"
                          r"Strategy|Leveraged|Shares Trust|Income|Municipal|Bond|Treasury|Daily|2X|3X)\b")


def load_words(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return {w.strip() for w in f if w.strip() and w.strip()[0].islower() and "'" not in w}


def load_first_names(path, least):
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.strip().split(",")
            if len(parts) >= 3 and parts[2].isdigit() and int(parts[2]) >= least:
                out.add(parts[0])
    return out


def load_places(cities_path, countries_path, least):
    out = set()
    with open(cities_path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 14 and cols[14].isdigit() and int(cols[14]) >= least:
                out.add(cols[1])
                out.add(cols[2])
    with open(countries_path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            out.add(line.split("\t")[0])
    return out


def load_surnames(path):
    with open(path, encoding="utf-8") as f:
        return {row["name"].strip().title() for row in csv.DictReader(f) if row.get("name", "").strip()}


NOT_FORMS = {"The", "A", "An"}

# The fifty US states (US Census Bureau): a form that is a state's name names the
# state at least as often as any company listed under it ("Louisiana").
US_STATES = {
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
    "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
    "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska",
    "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio",
    "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee",
    "Texas", "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
}


def reflag(rows, surnames, club):
    """Context forms by the surname, US state and club-alias rules; forms that are articles go."""
    out = []
    for name, kind, country, aliases, context in rows:
        aliases = [a for a in aliases if a not in NOT_FORMS]
        context = [c for c in context if c not in NOT_FORMS]
        for form in [name] + aliases:
            one_word = " " not in form
            by_word = one_word and (form in surnames or (club and form != name))
            if (by_word or form in US_STATES) and form not in context:
                context.append(form)
        out.append((name, kind, country, aliases, context))
    return out


def read_compiled(path):
    header, rows = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                header.append(line)
                continue
            cols = line.rstrip("\n").split("\t") + [""] * 6
            split = lambda c: [x for x in c.split("|") if x]  # noqa: E731
            rows.append((cols[0], cols[1], cols[2], split(cols[3]), split(cols[5])))
    return header, rows


def reflag_compiled(folder, surnames):
    for file in ("companies.tsv", "universities.tsv", "clubs.tsv", "international.tsv"):
        path = os.path.join(folder, file)
        header, rows = read_compiled(path)
        rows = reflag(rows, surnames, club=file == "clubs.tsv")
        note = (f"# Context forms re-flagged on {datetime.date.today().isoformat()} by --reflag: one-word forms "
                "that are US Census 2010 surnames (public domain),\n# forms that are US state names, and one-word "
                "aliases of clubs.\n")
        header = [h for h in header if "re-flagged" not in h and "aliases of clubs." not in h]
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(header[:-1] + [note, header[-1]])
            for name, kind, country, aliases, context in rows:
                f.write("\t".join([name, kind, country, "|".join(aliases), "", "|".join(context)]) + "\n")
        print(f"{path}: {len(rows)} entries re-flagged", file=sys.stderr)


class Commonness:
    def __init__(self, words, first_names, places):
        self.words, self.first_names, self.places = words, first_names, places

    def is_common(self, form):
        """A form that may stand in text without naming the organisation."""
        if form in self.places:
            return True
        words = form.split()
        if len(words) == 1:
            w = words[0]
            # Short capitals are as often abbreviations of something else ("AGM", "APA").
            short_caps = w.isupper() and len(w) <= 4
            return w.lower() in self.words or w in self.first_names or len(w) < 3 or short_caps
        # "American Express" is distinctive; "North Carolina" (a place) was caught above.
        return all(w.lower() in self.words or w in self.first_names for w in words) and len(words) == 2 and \
            all(w.lower() in SHORT_COMMON for w in words)


# Two-word names made of these words only are phrases as often as names ("First Street").
SHORT_COMMON = {"first", "general", "national", "united", "american", "new", "best", "public", "royal", "global",
                "international", "capital", "western", "eastern", "southern", "northern", "central", "home", "big",
                "great", "one", "world", "the", "data", "health", "energy", "service", "services", "group"}


def clean_company(name):
    name = re.sub(r"\s*\((The|Class [A-Z]|New)\)\s*$", "", name.strip())
    name = re.sub(r"\s+", " ", name)
    prev = None
    while prev != name:
        prev = name
        name = INSTRUMENT.sub("", name).strip(" ,-")
    return name


def short_form(name):
    """The name without its legal endings: "Agilent Technologies, Inc." -> "Agilent"."""
    words = name.replace(",", "").split()
    while len(words) > 1 and words[-1] in LEGAL:
        words.pop()
    while len(words) > 1 and words[-1] in {"&", "and", "of", "The"}:
        words.pop()
    return " ".join(words)


def plain(name):
    return (bool(name) and not re.search(r"[\"();:/\[\]]|\d{3,}| - ", name) and name[0].isalnum() and len(name) >= 2
            and name.lower() not in {"null", "none", "n/a"})


def company_rows(args, common):
    rows = {}

    def add(full, source_priority):
        full = clean_company(full)
        if not plain(full) or SKIP_LISTING.search(full):
            return
        if full.isupper() and len(full) > 6:
            full = " ".join(w if len(w) <= 3 else w.title() for w in full.split())
        bare = full.replace(",", "")
        short = short_form(bare)
        forms = [bare]
        if short != bare:
            forms.append(short)
        key = short.lower()
        if key in rows:
            return
        rows[key] = (forms, source_priority)

    with open(args.sp500, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            add(row["Security"], 0)
    with open(args.nyse, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            add(row["Company Name"], 1)
    with open(args.nasdaq, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = row["Security Name"].split(" - ")[0]
            add(name, 2)
    out = []
    for forms, _ in rows.values():
        name = forms[-1]  # the short form is what the news writes
        aliases = [f for f in forms if f != name]
        out.append((name, "company", "", aliases, [f for f in forms if common.is_common(f)]))
    return out


def university_rows(args, common):
    with open(args.unis, encoding="utf-8") as f:
        data = json.load(f)
    out, seen = [], set()
    for u in data:
        name = re.sub(r"\s+", " ", u.get("name", "")).strip()
        if not plain(name) or name.lower() in seen or not re.search(r"[A-Za-z]", name):
            continue
        if not any(ord(c) < 0x250 for c in name):
            continue
        seen.add(name.lower())
        out.append((name, "university", "", [], [name] if common.is_common(name) else []))
    return out


CLUB_LINE = re.compile(r"^([^|#=][^,#]*?)\s*(,|$|#)")


def club_rows(args, common):
    out, seen = [], set()
    for root, _, files in os.walk(args.clubs):
        for fn in sorted(files):
            if not fn.endswith(".clubs.txt"):
                continue
            with open(os.path.join(root, fn), encoding="utf-8") as f:
                current = None
                for line in f:
                    raw = line.rstrip("\n")
                    text = raw.strip()
                    if not text or text.startswith(("#", "=", "@")):
                        continue
                    if text.startswith("|"):
                        if current is None:
                            continue
                        for alt in text.strip("| ").split("|"):
                            alt = alt.split("#")[0].strip()
                            if plain(alt) and alt not in current[1] and alt != current[0]:
                                current[1].append(alt)
                        continue
                    m = CLUB_LINE.match(text)
                    if not m:
                        current = None
                        continue
                    name = re.sub(r"\s*\(.*\)\s*$", "", m.group(1)).strip()
                    if not plain(name) or name.lower() in seen:
                        current = None
                        continue
                    seen.add(name.lower())
                    current = (name, [])
                    out.append(current)
    rows = []
    for name, alts in out:
        # Abbreviated or bare article forms ("The", "Man U.") name no club by themselves.
        alts = [a for a in alts if len(a) >= 4 and not a.endswith(".") and "  " not in a and a.split()[0] != "The"]
        forms = [name] + alts
        rows.append((name, "other", "", alts, [f for f in forms if common.is_common(f)]))
    return rows


def intl_rows(args, common):
    out, cur = [], {}

    def flush():
        name = cur.get("Name_en")
        if name and plain(name):
            aliases = [cur[k] for k in ("Abbreviation_en", "Name_other_en", "Name_other_2_en") if cur.get(k)]
            aliases = [a for a in aliases if plain(a) and a != name]
            forms = [name] + aliases
            out.append((name, "international", "", aliases, [f for f in forms if common.is_common(f)]))

    with open(args.intl, encoding="utf-8") as f:
        for line in f:
            if line and not line.startswith(" ") and line.rstrip().endswith(":"):
                flush()
                cur = {}
            m = re.match(r"^  (Name_en|Abbreviation_en|Name_other_en|Name_other_2_en): (.+)$", line.rstrip("\n"))
            if m:
                cur[m.group(1)] = m.group(2).strip().strip("'\"")
    flush()
    return out


HEADER = """# {title}, compiled by scripts/compile_org_gazetteers.py on {date}.
# Source: {source}
# Licence of the source: {licence}
# Columns: name, type, country (empty: the list does not say), aliases ("|"),
# flags (unused here), context forms ("|"): forms that are also everyday words,
# given names or places, taken only with supporting context.
# name\ttype\tcountry\taliases\tflags\tcontext_forms
"""


def two_columns(path, key, value):
    """A TSV rule file's column `key` mapped to its column `value`, comments skipped."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) > max(key, value):
                out.setdefault(cols[key], cols[value])
    return out


def known_forms(paths):
    """Every name and alias (lower-case) of rule files in known.tsv's columns (known.tsv
    and the compiled gazetteers): forms a new gazetteer leaves to them."""
    out = set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                cols = line.rstrip("\n").split("\t") + [""] * 4
                out.update(x.lower() for x in [cols[0]] + cols[3].split("|") if x)
    return out


def write_rows(f, rows):
    """Gazetteer rows, one a line; a row whose forms hold the column or list separator is left out."""
    for name, kind, country, aliases, context in rows:
        if "\t" in name or any("|" in a or "\t" in a for a in aliases + context):
            continue
        f.write("\t".join([name, kind, country, "|".join(aliases), "", "|".join(context)]) + "\n")


def write(path, title, source, licence, rows):
    rows = sorted(rows, key=lambda r: r[0])
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER.format(title=title, date=datetime.date.today().isoformat(), source=source, licence=licence))
        write_rows(f, rows)
    print(f"{path}: {len(rows)} entries", file=sys.stderr)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--reflag", metavar="DIR", help="only re-flag the compiled gazetteers in DIR (needs --surnames)")
    p.add_argument("--surnames", required=True)
    if "--reflag" in sys.argv:
        args = p.parse_args()
        reflag_compiled(args.reflag, load_surnames(args.surnames))
        return
    for a in ("sp500", "nasdaq", "nyse", "unis", "clubs", "intl", "words", "names", "cities", "countries"):
        p.add_argument("--" + a, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--name-floor", type=int, default=500, help="least babies a year for a given name to count")
    p.add_argument("--city-floor", type=int, default=15000, help="least population for a place to count")
    args = p.parse_args()
    common = Commonness(load_words(args.words), load_first_names(args.names, args.name_floor),
                        load_places(args.cities, args.countries, args.city_floor))
    surnames = load_surnames(args.surnames)
    os.makedirs(args.out, exist_ok=True)
    write(os.path.join(args.out, "companies.tsv"), "Listed companies (S&P 500, NYSE, NASDAQ)",
          "github.com/datasets/s-and-p-500-companies, datasets/nyse-other-listings, datasets/nasdaq-listings",
          "ODC-PDDL-1.0 (public domain dedication)", reflag(company_rows(args, common), surnames, club=False))
    write(os.path.join(args.out, "universities.tsv"), "Universities of the world",
          "github.com/Hipo/university-domains-list (world_universities_and_domains.json)",
          "MIT, Copyright (c) 2014-2025 Hipo", reflag(university_rows(args, common), surnames, club=False))
    write(os.path.join(args.out, "clubs.tsv"), "Football clubs", "github.com/openfootball/clubs (*.clubs.txt)",
          "CC0-1.0 (public domain)", reflag(club_rows(args, common), surnames, club=True))
    write(os.path.join(args.out, "international.tsv"), "International organisations",
          "github.com/confirmordeny/supraverden (data/general_list.yaml)", "CC BY-SA 4.0",
          intl_rows(args, common))


if __name__ == "__main__":
    main()
