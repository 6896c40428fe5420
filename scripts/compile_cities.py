#!/usr/bin/env python3
"""Compiles rules/places/cities.txt: names of the world's towns and cities of 15,000
people or more and of their first-level subdivisions (states, provinces), one per line,
each also without its accents and without a closing " City" ("New York City"), as evidence that a capitalised word names a place
("Boston" in "Boston Bruins"). Names that are also an everyday English word in lower
case ("Reading", "Mobile", "Bath") are left out: as evidence they would mislead more
often than help.

Sources (fetched copies; not committed):
  --cities  github.com/datasets/world-cities, data/world-cities.csv (name, country,
            subcountry, geonameid): GeoNames' cities of 15,000 people or more,
            CC BY 4.0 (credit: GeoNames, www.geonames.org)
  --words   a system word list (Debian wamerican: /usr/share/dict/american-english)

Usage: scripts/compile_cities.py --cities world-cities.csv \\
           --words /usr/share/dict/american-english --out rules/places/cities.txt
"""

import argparse
import csv
import datetime
import unicodedata


def folded(name):
    """The name without its accents ("Montréal" -> "Montreal"), as English news writes many."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--cities", required=True)
    p.add_argument("--words", required=True)
    p.add_argument("--out", required=True)
    args = p.parse_args()
    with open(args.words, encoding="utf-8", errors="replace") as f:
        words = {w.strip() for w in f if w.strip() and w.strip()[0].islower()}
    names = set()
    with open(args.cities, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for name in (row["name"].strip(), row["subcountry"].strip()):
                forms = {name, folded(name)}
                if name.endswith(" City"):
                    forms |= {f[: -len(" City")] for f in list(forms)}
                for form in forms:
                    if len(form) < 3 or not form[0].isupper() or "\t" in form:
                        continue
                    if " " not in form and form.lower() in words:
                        continue
                    names.add(form)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(f"# Towns and cities of 15,000 people or more and their states and provinces, compiled by scripts/compile_cities.py on "
                f"{datetime.date.today().isoformat()}.\n"
                "# Source: github.com/datasets/world-cities (data/world-cities.csv), from GeoNames "
                "(www.geonames.org)\n"
                "# Licence of the source: CC BY 4.0 (credit: GeoNames)\n"
                "# Names that are also an everyday English word in lower case are left out.\n"
                "# name\n")
        for name in sorted(names):
            f.write(name + "\n")
    print(f"{args.out}: {len(names)} names")


if __name__ == "__main__":
    main()
