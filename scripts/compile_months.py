#!/usr/bin/env python3
"""Regenerates rules/months.tsv (month names and abbreviations of the languages
gleaner reads dates in) and, with --weekdays, rules/weekdays.txt (their weekday
names), from the Unicode CLDR as packaged by Babel.

Source: Unicode CLDR (Unicode License v3), through the `babel` package of PyPI
(`pip install babel`; tested with 2.19.0), whose locale data is CLDR's. Format
and stand-alone forms, wide and abbreviated, are taken (the format forms carry
the genitive of Slavic languages: "25 липня 2023"). Names are lower-cased and a
trailing dot dropped. A name that means different months in two languages is
left out, as is any name shorter than three letters.

Weekdays: the same forms and languages, lower-cased, a trailing dot dropped,
names shorter than three letters left out.

    python3 scripts/compile_months.py > rules/months.tsv
    python3 scripts/compile_months.py --weekdays > rules/weekdays.txt
"""

import datetime
import sys

from babel import Locale, __version__ as babel_version

LOCALES = ["en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "pl", "cs",
           "ro", "hu", "tr", "id", "ru", "uk", "el"]


def names_of(locale):
    loc = Locale.parse(locale)
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for month, name in loc.months[context][width].items():
                yield name.lower().rstrip("."), month


def weekdays_of(locale):
    loc = Locale.parse(locale)
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for _, name in sorted(loc.days[context][width].items()):
                yield name.lower().rstrip(".")


def write_weekdays(out):
    names = []
    for locale in LOCALES:
        for name in weekdays_of(locale):
            if len(name) >= 3 and " " not in name and name not in names:
                names.append(name)
    out.write("# Weekday names and abbreviations (lower-case): a byline that runs on into\n")
    out.write("# \"Thursday, November 9\" ends before the weekday.\n")
    out.write(f"# Source: Unicode CLDR via Babel {babel_version} (Unicode License v3), "
              f"languages {' '.join(LOCALES)}; compiled {datetime.date.today().isoformat()} "
              "by scripts/compile_months.py --weekdays.\n")
    for name in names:
        out.write(name + "\n")


def main():
    if "--weekdays" in sys.argv[1:]:
        write_weekdays(sys.stdout)
        return
    seen = {}
    clashes = set()
    for locale in LOCALES:
        for name, month in names_of(locale):
            if len(name) < 3 or " " in name:
                continue
            if name in seen and seen[name] != month:
                clashes.add(name)
            seen.setdefault(name, month)
    out = sys.stdout
    out.write("# Month names and abbreviations (lower-case) and their numbers.\n")
    out.write(f"# Source: Unicode CLDR via Babel {babel_version} (Unicode License v3), "
              f"languages {' '.join(LOCALES)}; compiled {datetime.date.today().isoformat()} "
              "by scripts/compile_months.py.\n")
    out.write("# name\tmonth\n")
    english = dict(names_of("en"))
    # English first, in calendar order, then the rest by month and name.
    rows = sorted(seen.items(), key=lambda kv: (kv[0] not in english, kv[1], kv[0]))
    for name, month in rows:
        if name not in clashes:
            out.write(f"{name}\t{month}\n")
    # "sept" is English usage CLDR does not list.
    if "sept" not in seen:
        out.write("sept\t9\n")


if __name__ == "__main__":
    main()
