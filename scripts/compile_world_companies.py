#!/usr/bin/env python3
"""Compiles rules/orgs/gazetteer/world_companies.tsv: listed companies of the world's
stock exchanges beyond the US lists that companies.tsv already holds.

Columns are those of the other gazetteers (see compile_org_gazetteers.py):
    name  type  country  aliases  flags  context_forms
The name is the short form the news writes ("Novartis", "Wizz Air", "Land
Securities"); the alias is the listed name without its security class ("Novartis AG",
"Wizz Air Holdings Plc"). Context forms are the forms that are also an everyday English
word, a given name, a surname or a place, a proper word of the dictionary
("Lancashire"), or made of everyday words only ("Blue Moon"): the extractor takes
them only with context.
Nothing is dropped for being common; it is flagged.

Source (fetched copy; not committed):
  --equities  github.com/JerBouma/FinanceDatabase, folder database/equities/ (one CSV per
              exchange: symbol, name, country, market_cap, delisted, ...). MIT licence,
              Copyright (c) 2023 Jeroen Bouma. Only listings still trading and of mid cap
              or larger are taken (--sizes), so the list holds the companies news reports
              on, not every shell; a company listed on several exchanges is one row (ISIN).
Commonness evidence:
  --words     a system word list (Debian wamerican: /usr/share/dict/american-english)
  --names     hackerb9/ssa-baby-names, maxoccurances.txt (US SSA counts, public domain)
  --cities    datasets/world-cities, data/world-cities.csv (GeoNames, CC BY 4.0)
  --countries rules/places/country_names.tsv of this repository (also maps country
              names to ISO 3166 codes)
  --surnames  US Census 2010 surnames, Names_2010Census.csv (public domain)
  --skip      gazetteers already compiled (e.g. rules/orgs/gazetteer/companies.tsv):
              a company whose short form one of them holds is left to it

Usage:
    scripts/compile_world_companies.py --equities FinanceDatabase/database/equities \\
        --words /usr/share/dict/american-english --names maxoccurances.txt \\
        --cities world-cities.csv --countries rules/places/country_names.tsv \\
        --surnames Names_2010Census.csv --skip rules/orgs/gazetteer/companies.tsv \\
        --out rules/orgs/gazetteer/world_companies.tsv
"""

import argparse
import csv
import datetime
import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compile_org_gazetteers as base  # noqa: E402

# Legal forms of many jurisdictions, as they end a listed name. A name is cut at the
# first of these that leaves at least one word, so "Hyundai Autoever Corporation" is
# "Hyundai Autoever" and "Bank Leumi le-Israel B.M." is "Bank Leumi le-Israel".
LEGAL_TAILS = [
    "Public Company Limited", "Public Joint Stock Company", "Joint Stock Company", "Aktiengesellschaft",
    "Kommanditgesellschaft auf Aktien", "S.A.B. de C.V.", "S. A. B. de C. V.", "SAB de CV", "S.A. de C.V.",
    "Company Limited", "Co., Ltd.", "Co., Ltd", "Co.,Ltd.", "Co.,Ltd", "Co.Ltd", "Co. Ltd.", "Co. Ltd",
    "Corporation Limited", "Corp., Ltd.", "Group Co.", "Holdings Limited", "Holdings Ltd.", "Holdings Ltd",
    "Holdings plc", "Holdings Plc", "Holdings PLC", "Holdings Inc.", "Holdings, Inc.", "Holdings Corp.",
    "Holding AG", "Holding SE", "Holdings", "Holding", "Group Limited", "Group Ltd.", "Group plc", "Group PLC",
    "Group AG", "Group SE", "Group SA", "Group Inc.", "Group, Inc.", "Group",
    "Limited", "Ltd.", "Ltd", "LTD", "Inc.", "Inc", "Incorporated", "Corporation", "Corp.", "Corp", "Company",
    "Co.", "Co", "plc", "Plc", "PLC", "p.l.c.", "AG", "SE", "S.A.", "SA", "S.p.A.", "SpA", "N.V.", "NV", "B.V.", "A/S",
    "ASA", "AS", "AB (publ)", "AB", "Oyj", "Abp", "KGaA", "GmbH", "Berhad", "Bhd", "Bhd.", "Tbk", "Tbk.", "PCL",
    "PJSC", "OJSC", "JSC", "PAO", "OAO", "B.M.", "Ltda.", "Ltda", "S.A.A.", "S.A.C.", "K.K.", "Pte. Ltd.", "L.P.",
    "LP", "LLC", "S.C.A.", "SCA", "SGPS", "S.G.P.S.", "d.d.", "a.s.", "S.A.E.", "Q.S.C.", "Q.P.S.C.", "P.J.S.C.",
    "SAOG", "K.S.C.P.", "(publ)", "Tbk PT",
]
LEGAL_HEADS = ["PT ", "AB ", "The ", "Public Joint Stock Company ", "Joint Stock Company ", "PJSC ", "OJSC ", "JSC "]
SIZES = ("Mega Cap", "Large Cap", "Mid Cap")


def cut_legal(name):
    """The name without the legal forms at its end (and "PT" or "PJSC" before it)."""
    changed = True
    while changed:
        changed = False
        for head in LEGAL_HEADS:
            if name.startswith(head) and len(name) > len(head) + 2:
                name, changed = name[len(head):].strip(), True
        for tail in LEGAL_TAILS:
            for sep in (", ", " ", ","):
                if name.endswith(sep + tail) and len(name) > len(sep + tail) + 1:
                    name, changed = name[: -len(sep + tail)].strip(" ,"), True
    return name


def clean_listed(name):
    """The listed name without its security class, brackets and doubled spaces; or None
    where the exchange's copy is an all-capitals abbreviation ("PARAMOUNT RES LTD")."""
    name = re.sub(r"\s+", " ", name.replace("\u00a0", " ")).strip()
    name = re.sub(r"\s*\((Group|Holdings|Holding|The|publ|China|Hong Kong|HK)\)", "", name)
    name = base.clean_company(name)
    letters = [c for c in name if c.isalpha()]
    if len(name) > 6 and letters and all(c.isupper() for c in letters):
        return None
    if not base.plain(name) or base.SKIP_LISTING.search(name):
        return None
    return name


def all_words(form, common):
    """A name of everyday words only ("Blue Moon", "Land Securities"): news from far
    from the company's home uses it as a phrase more often than as its name."""
    words = form.split()
    return len(words) > 1 and all(w.lower() in common.words for w in words)


def load_proper(path):
    """Proper words of the dictionary ("Lancashire", "Muslim"): places, peoples and faiths
    that a one-word name would be read as as often as the organisation."""
    with open(path, encoding="utf-8", errors="replace") as f:
        return {w.strip() for w in f if w.strip()[:1].isupper() and "'" not in w}


def load_places(cities_path, countries_path):
    out = set()
    with open(cities_path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.add(row["name"])
            out.add(row["subcountry"])
    with open(countries_path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#") and line.strip():
                out.add(line.split("\t")[0])
    out.discard("")
    return out


def skipped_forms(paths):
    out = set()
    for path in paths:
        _, rows = base.read_compiled(path)
        for name, _, _, aliases, _ in rows:
            out.update(f.lower() for f in [name] + aliases)
    return out


def rows(args, common, codes, skip, proper):
    by_key, seen_short = {}, set()
    files = sorted(glob.glob(os.path.join(args.equities, "*.csv")))
    if not files:
        sys.exit(f"no exchange files (*.csv) in {args.equities}")
    for path in files:
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row.get("delisted") == "True" or row.get("market_cap") not in args.sizes:
                    continue
                listed = clean_listed(row.get("name", ""))
                if not listed:
                    continue
                short = cut_legal(listed.replace(" ,", ","))
                short = short.replace(",", "")
                if not base.plain(short) or short.lower() in skip or short.lower() in seen_short:
                    continue
                if len(short) < 3 and not short.isupper():
                    continue
                key = row.get("isin") or listed
                if key in by_key:
                    continue
                seen_short.add(short.lower())
                full = listed.replace(",", "")
                aliases = [full] if full != short else []
                country = codes.get(row.get("country", ""), "")
                context = [f for f in [short] + aliases if common.is_common(f) or all_words(f, common) or f in proper]
                by_key[key] = (short, "company", country, aliases, context)
    return list(by_key.values())


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for a in ("equities", "words", "names", "cities", "countries", "surnames", "out"):
        p.add_argument("--" + a, required=True)
    p.add_argument("--skip", action="append", default=[])
    p.add_argument("--sizes", nargs="+", default=list(SIZES))
    p.add_argument("--name-floor", type=int, default=500, help="least babies a year for a given name to count")
    args = p.parse_args()
    common = base.Commonness(base.load_words(args.words), base.load_first_names(args.names, args.name_floor),
                             load_places(args.cities, args.countries))
    out = base.reflag(rows(args, common, base.two_columns(args.countries, 0, 1), skipped_forms(args.skip), load_proper(args.words)),
                      base.load_surnames(args.surnames), club=False)
    out = sorted(out, key=lambda r: r[0])
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(base.HEADER.format(
            title="Listed companies of the world's exchanges (" + ", ".join(args.sizes).lower() + ")",
            date=datetime.date.today().isoformat(),
            source="github.com/JerBouma/FinanceDatabase (database/equities/*.csv); forms that are "
                   "places by datasets/world-cities (GeoNames, CC BY 4.0)",
            licence="MIT, Copyright (c) 2023 Jeroen Bouma"))
        base.write_rows(f, out)
    print(f"{args.out}: {len(out)} entries", file=sys.stderr)


if __name__ == "__main__":
    main()
