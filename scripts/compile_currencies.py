#!/usr/bin/env python3
"""Compile rules/counts/currency_names.tsv from ISO 4217 and Unicode CLDR.

What it writes (text, code, position, as rules/counts/currencies.tsv reads them):
  - every ISO 4217 currency's English names from CLDR, singular and plural, with
    and without the country adjective: "Kuwaiti dinar", "Kuwaiti dinars", "dinars";
  - currencies CLDR lists as used in a territory until a date after 1950 (the
    peseta, the mark, the French franc), reported by their ISO 4217 code;
  - lower-case codes ("usd", "rmb" is CLDR's variant), after an amount only, and
    never a code that is an English word ("cup", "all", "try");
  - currency signs: CLDR's English symbols, then the symbols of every CLDR locale
    that all name the same currency ("zł", "Kč", "元"), then every character of
    Unicode's currency-symbol class (Sc) not yet placed, by the currency its
    Unicode name names ("KIP SIGN" -> LAK).
A noun that several current currencies share ("dinars": Kuwait, Iraq, Algeria...)
is written with the noun itself as its code, lower case ("dinar"): the amount is
money, and which country's is not said. The hand-written rules/counts/currencies.tsv
is read first and wins: its conventions ("dollars" is USD, "pounds" GBP) stand.

Where the fetched copies come from (none is committed):
  - CLDR: the JSON release, github.com/unicode-org/cldr-json (this run: commit
    b08a82b582f1120d630d623f9e5073316741574d, CLDR 47), files
    cldr-json/cldr-numbers-full/main/*/currencies.json and
    cldr-json/cldr-core/supplemental/currencyData.json. Licence Unicode-3.0.
  - ISO 4217: ../shared/reference/iso_4217.json (Debian iso-codes), LGPL-2.1+ data.
  - English words: /usr/share/dict/words (Debian wamerican, SCOWL), to keep
    lower-case codes that are words out.
  - The Sc class and character names: Python's unicodedata.

Usage: python3 scripts/compile_currencies.py CLDR_JSON_ROOT ISO_4217_JSON > rules/counts/currency_names.tsv
"""
import collections
import datetime
import glob
import json
import os
import sys
import unicodedata

WORDS = "/usr/share/dict/words"
# Codes CLDR keeps for funds, metals and testing, not money anyone pays with.
NOT_MONEY = {"XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX",
             "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW"}
HISTORIC_SINCE = "1950-01-01"
# Last words of currency names that are common English words or peoples' names
# ("two real problems", "3 marks", "five Afghanis"): named only with their country.
NOT_BARE = {"real", "reals", "mark", "marks", "won", "sol", "soles", "kip", "kips", "afghani", "afghanis",
            "guarani", "guaranis", "dram", "drams", "lek", "pound", "pounds", "dollar", "dollars", "unit",
            "units", "tala", "mill", "crown", "crowns", "rupee", "rupees", "new", "old", "leone", "leones",
            "dollar)", "coin", "coins", "cash", "note", "notes", "franc", "francs", "peso", "pesos"}


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def english_words():
    try:
        with open(WORDS, encoding="utf-8") as f:
            return {w.strip().lower() for w in f if w.strip()}
    except OSError:
        sys.exit("need %s (Debian package wamerican) to keep English words out of the codes" % WORDS)


def currencies_in_use(cldr):
    """ISO codes used in a territory now, and those used until after HISTORIC_SINCE."""
    regions = load(os.path.join(cldr, "cldr-core/supplemental/currencyData.json"))["supplemental"]["currencyData"]["region"]
    current, historic = set(), set()
    for uses in regions.values():
        for use in uses:
            for code, span in use.items():
                if span.get("_tender") == "false":
                    continue
                if "_to" not in span:
                    current.add(code)
                elif span["_to"] >= HISTORIC_SINCE:
                    historic.add(code)
    return current, historic - current


def letters(symbol):
    """Only ASCII letters and dots: "RM", "Ft", "Bs."."""
    return all(c.isascii() and (c.isalpha() or c == ".") for c in symbol)


def readable(symbol):
    """Latin letters, CJK, currency signs and ASCII punctuation only: no spaces or
    invisible characters, no other script's abbreviation."""
    def ok(c):
        name = unicodedata.name(c, "")
        category = unicodedata.category(c)
        return category == "Sc" or name.startswith(("LATIN", "CJK")) or (c.isascii() and category.startswith("P"))
    return all(ok(c) for c in symbol)


def name_forms(entry):
    """The English names of one currency, as written, without bracketed dates."""
    names = []
    for key in ("displayName", "displayName-count-one", "displayName-count-other"):
        name = entry.get(key)
        if name and "(" not in name and name not in names:
            names.append(name)
    return names


def bare_noun(name):
    """'Kuwaiti dinars' -> 'dinars': the last word of a name of two or more words,
    unless it is also a common English word or a people's name (see NOT_BARE)."""
    words = name.split(" ")
    noun = words[-1].lower()
    if len(words) < 2 or noun in NOT_BARE:
        return None
    return noun


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    cldr, iso_path = sys.argv[1], sys.argv[2]
    iso = {c["alpha_3"] for c in load(iso_path)["4217"]} - NOT_MONEY
    english = load(os.path.join(cldr, "cldr-numbers-full/main/en/currencies.json"))["main"]["en"]["numbers"]["currencies"]
    current, historic = currencies_in_use(cldr)
    current = (current & iso) - NOT_MONEY
    historic = {c for c in historic if c in english and c not in NOT_MONEY}
    words = english_words()
    rows = {}  # text -> (code, position)

    def put(text, code, position):
        if text and text not in rows:
            rows[text] = (code, position)

    # Names, with the adjective ("Kuwaiti dinars") and without it ("dinars").
    nouns = collections.defaultdict(set)
    for code in sorted(current | historic):
        for name in name_forms(english.get(code, {})):
            put(name, code, "after")
            noun = bare_noun(name)
            if noun and code in current:
                nouns[noun].add(code)
            elif noun and code in historic:
                nouns.setdefault(noun, set())
                nouns[noun + "\thistoric"].add(code)
    singular_of = {}
    for code in sorted(current | historic):
        entry = english.get(code, {})
        one, other = entry.get("displayName-count-one"), entry.get("displayName-count-other")
        if one and other:
            b1, b2 = bare_noun(one), bare_noun(other)
            if b1 and b2:
                singular_of[b2] = b1
                singular_of[b1] = b1
    for noun in sorted(n for n in nouns if "\t" not in n):
        codes = nouns[noun]
        if len(codes) == 1:
            put(noun, next(iter(codes)), "after")
        elif codes:
            put(noun, singular_of.get(noun, noun), "after")
        else:
            old = nouns.get(noun + "\thistoric", set())
            if len(old) == 1:
                put(noun, next(iter(old)), "after")
            elif old:
                put(noun, singular_of.get(noun, noun), "after")

    # Lower-case codes, after an amount, unless the code is an English word.
    for code in sorted(current):
        if code.lower() not in words:
            put(code.lower(), code, "after")

    # Signs: English symbols first, then what every locale agrees on.
    def is_sign(symbol, code):
        return symbol and symbol != code and not (symbol.isascii() and symbol.isalpha() and len(symbol) < 2)

    placed = collections.defaultdict(set)
    for code in sorted(current):
        entry = english.get(code, {})
        for key in ("symbol", "symbol-alt-narrow", "symbol-alt-variant"):
            placed[entry.get(key)].add((key, code))
    for symbol, uses in sorted((s, u) for s, u in placed.items() if s):
        codes = {c for _, c in uses}
        main = {c for k, c in uses if k == "symbol"}
        code = next(iter(codes)) if len(codes) == 1 else (next(iter(main)) if len(main) == 1 else None)
        if code and is_sign(symbol, code):
            # "KM 5" is marks, "5 KM" kilometres: letters alone only before the amount.
            put(symbol, code, "before" if letters(symbol) else "both")
    in_locales = collections.defaultdict(set)
    for path in glob.glob(os.path.join(cldr, "cldr-numbers-full/main/*/currencies.json")):
        locale_data = load(path)["main"]
        for data in locale_data.values():
            for code, entry in data["numbers"]["currencies"].items():
                if code in current:
                    for key in ("symbol", "symbol-alt-narrow"):
                        if entry.get(key):
                            in_locales[entry[key]].add(code)
    for symbol in sorted(in_locales):
        codes = in_locales[symbol]
        # Letters alone ("Ft", "DA") are words or abbreviations in English text, and
        # other scripts' abbreviations do not stand in it.
        if len(codes) == 1 and is_sign(symbol, next(iter(codes))) and not letters(symbol) and readable(symbol):
            put(symbol, next(iter(codes)), "both")

    # Every Sc character not placed yet, by the currency word in its Unicode name.
    by_word = collections.defaultdict(set)
    for code in current | historic:
        for name in name_forms(english.get(code, {})):
            for word in name.split(" "):
                plain = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().upper()
                by_word[plain].add(code)
    for cp in range(0x110000):
        char = chr(cp)
        if unicodedata.category(char) != "Sc" or char in rows:
            continue
        folded = unicodedata.normalize("NFKC", char)
        if folded != char and folded in rows:
            put(char, rows[folded][0], "both")
            continue
        name = unicodedata.name(char, "").replace(" SIGN", "").replace(" MARK", "").split(" ")
        candidates = [by_word[w] for w in name if w in by_word]
        codes = set.intersection(*candidates) if candidates else set()
        if len(codes) == 1:
            put(char, next(iter(codes)), "both")

    version = load(os.path.join(cldr, "cldr-core/package.json")).get("cldrVersion", "?")
    print("# Currency names, plurals, country-adjective forms, lower-case codes and signs,")
    print("# compiled by scripts/compile_currencies.py (do not edit by hand; edit")
    print("# currencies.tsv, which is read first and wins, or the script).")
    print("# Sources: Unicode CLDR %s (cldr-json: currencies.json of every locale," % version)
    print("# supplemental/currencyData.json), licence Unicode-3.0; ISO 4217 codes from Debian")
    print("# iso-codes (LGPL-2.1-or-later data); Unicode %s's currency-symbol class (Sc)." % unicodedata.unidata_version)
    print("# Compiled %s. A lower-case code column (\"dinar\") is a noun several" % datetime.date.today().isoformat())
    print("# currencies share: money, country not said.")
    print("# text\tcode\tposition")
    for text in sorted(rows, key=lambda t: (rows[t][1], t)):
        code, position = rows[text]
        print("%s\t%s\t%s" % (text, code, position))


if __name__ == "__main__":
    main()
