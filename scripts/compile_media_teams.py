#!/usr/bin/env python3
"""Compiles rules/orgs/gazetteer/media.tsv and teams.tsv from open lists.

Both files have the columns of the other gazetteers (see compile_org_gazetteers.py):
    name  type  country  aliases  flags  context_forms
where context_forms ("|"-separated) are the forms (the name or aliases) that are also
an everyday English word, a given name, a surname or a place: the extractor takes them
only with supporting context. Every context form is also the name or an alias.

Sources (fetched copies; none of them is committed):
  --newspapers  github.com/patrickswickard/international_newspapers, commit
                0d8b4a34764914490583a603d2a5d12ad175ecbd, full_list_of_newspapers.json:
                a Wikidata query result (instances of newspaper, Q11032, with an official
                website; label, country, place of publication). Wikidata's data is CC0-1.0.
  --freebie     github.com/savkov/freebie, commit ece4dd58b16ee9abbe83da2a416a376505e165ca,
                freebie/websources.csv: news web sites (newspapers, broadcasters, agencies,
                magazines, news sites) with ISO country (MIT, Copyright (c) 2017 Sasho Savkov).
                Its rows that are not news outlets (NGOs, UN bodies) are left out by name.
  --localnews   github.com/yinleon/LocalNewsDataset, commit
                d97f2f86aa7da3813f6e388e637f9e7350e53178, data/local_news_dataset_2018.csv:
                US newspapers, college newspapers, magazines and TV stations by state
                (MIT, Copyright (c) 2018 Leon Yin).
  --teams       (optional; teams.tsv is not shipped, since this source's licence is the
                GPL: it waits for a permissive one) github.com/beanumber/teamcolors, commit
                18d8bf6efee074d9f1485a199521b172de8a8cf3, folder data-csv/ (teamcolors_bigfour.csv:
                NFL, NBA, MLB, NHL, MLS; teamcolors_wnba.csv; teamcolors_cfl.csv) (GPL, per the
                package's DESCRIPTION; team names are facts).
Commonness evidence:
  --words       Debian wamerican, /usr/share/dict/american-english
  --names       rules/orgs/given_names.txt of this repository (US SSA counts, public domain)
  --surnames    US Census 2010 surnames, Names_2010Census.csv (public domain), via
                github.com/DinaAbrahim/MarriageInTexas (commit eaaa2405d3e82e899311107262aff6f7034939f8)
  --countries   rules/places/country_names.tsv of this repository
  --iso         ISO 3166-1 codes: shared/reference/iso_3166-1.json
  --clubs       rules/orgs/gazetteer/clubs.tsv: MLS teams it already lists are left out
Places are the country names, the Wikidata places of publication, US state names and the
teams' own cities: a place is never a team's form and is a context form of an outlet.

Usage: scripts/compile_media_teams.py --newspapers ... --out rules/orgs/gazetteer
"""

import argparse
import csv
import io
import json
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compile_org_gazetteers  # noqa: E402  (its US state names)

DATE = "2026-12-03"

# Two-word names made of these words only are phrases as often as names ("Daily News").
PHRASE_WORDS = {
    "first", "general", "national", "united", "american", "new", "best", "public", "royal", "global",
    "international", "capital", "western", "eastern", "southern", "northern", "central", "home", "big",
    "great", "one", "world", "data", "health", "energy", "daily", "news", "times", "post", "star", "sun",
    "herald", "journal", "record", "press", "mail", "tribune", "local", "nation", "today", "weekly",
    "sunday", "morning", "evening", "examiner", "observer", "gazette", "courier", "sentinel", "chronicle",
    "review", "voice", "standard", "express", "independent", "guardian", "mirror", "globe", "leader",
    "free", "city", "county", "community", "business", "report", "reporter", "online", "radio", "tv",
    "magazine", "people", "week", "life", "living", "advocate", "monitor", "messenger", "citizen",
}
# Names in the news-site list that are not news outlets.
NOT_MEDIA = re.compile(
    r"\b(Greenpeace|Amnesty|UNICEF|Oxfam|Human Rights Watch|Transparency International|United Nations|"
    r"Council|Commission|Organi[sz]ation|Foundation|Campaign|Platform|Movement|Watch|Conservation|"
    r"Conservancy|Fund|Survival International|BirdLife|Flora|Earthrights|BankTrack|International Rivers|"
    r"Clean Clothes|Tax Justice|Action Aid|McKinsey|Nielsen|White House|Medium|Yahoo|Privacy International|"
    r"Reporters Without Borders|Center for|Centre for|Agency$|Red Cross|ICRC|IAEA|WWF|Wildlife|Earthshare|"
    r"Nature Conservancy|Doctors Without Borders|MSF|Care2|EEOC|Equal Employment|Government|Ministry)\b")
# Call signs of US TV stations: K or W and two or three letters, with a service suffix.
CALL_SIGN = re.compile(r"^([KW][A-Z]{2,3})(-(TV|DT|CD|LP|CA|LD))?$")
# The part of a team's name that is its nickname when two words long ("Red Sox").
NICK_FIRST = {"Red", "White", "Blue", "Maple", "Golden", "Trail"}
# Places a team or an outlet may be named after, beyond the states: team regions.
US_STATES = compile_org_gazetteers.US_STATES | {
    "New England", "Carolina", "Tampa Bay", "Golden State", "Green Bay", "Bay Area",
}


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower()


def clean(name):
    name = re.sub(r"\s+", " ", name).strip()
    name = re.sub(r"\s*\((en|English|[A-Z]{2})\)$", "", name)
    if name.islower():  # "cnbc", "business insider" in the news-site list
        name = name.upper() if len(name) <= 5 and " " not in name else name.title()
    return name


def plain(name):
    """A name as news text writes it: Latin script, no markup or mojibake."""
    if not name or len(name) < 3 or re.search(r"[\"();:/\[\]|\t_\ufffd]|\u0331|\u0329|Ã|Â", name):
        return False
    # Wikidata labels that are a title or a description, not a name ("A review of ...").
    if re.fullmatch(r"Q\d+", name) or not name[0].isalnum() or len(name.split()) > 6:
        return False
    return all(ord(c) < 0x250 or c in "\u2019\u2013" for c in name)


class Evidence:
    def __init__(self, args):
        with open(args.words, encoding="utf-8", errors="replace") as f:
            self.words = {w.strip() for w in f if w.strip() and w.strip()[0].islower() and "'" not in w}
        self.names = set()
        with open(args.names, encoding="utf-8") as f:
            self.names = {ln.strip() for ln in f if ln.strip() and not ln.startswith("#")}
        with open(args.surnames, encoding="utf-8") as f:
            self.surnames = {r["name"].strip().title() for r in csv.DictReader(f) if r.get("name", "").strip()}
        self.places = set(US_STATES)
        self.country_codes = {}
        with open(args.countries, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                cols = line.rstrip("\n").split("\t")
                self.places.add(cols[0])
                if len(cols) > 2 and cols[2] in ("name", "former"):
                    self.country_codes.setdefault(fold(cols[0]), cols[1])
        with open(args.iso, encoding="utf-8") as f:
            iso = json.load(f)["3166-1"]
        self.iso = {c["alpha_2"] for c in iso}
        for c in iso:
            for k in ("name", "official_name", "common_name"):
                if c.get(k):
                    self.country_codes.setdefault(fold(c[k]), c["alpha_2"])
                    self.places.add(c[k])
        self.country_codes.setdefault("united states of america", "US")
        self.country_codes.setdefault("people's republic of china", "CN")
        self.country_codes.setdefault("kingdom of the netherlands", "NL")
        self.country_codes.setdefault("kingdom of denmark", "DK")

    def code(self, country_label):
        return self.country_codes.get(fold(country_label), "")

    def common_word(self, w):
        return w.lower() in self.words or w in self.names or w in self.surnames or len(w) < 3

    def is_common(self, form, short_caps=True):
        """A form that may stand in text without naming the organisation."""
        if form in self.places:
            return True
        words = form.split()
        if words and words[0] == "The":
            # "The Sun", "The Hill": a short everyday word; "The Verge", "The Nation" are names.
            if len(words) == 2 and len(words[1]) <= 4 and words[1].lower() in self.words:
                return True
            words = words[1:]
            if len(words) == 1 and not words[0].isupper():
                return words[0] in self.places
        if not words:
            return True
        if len(words) == 1:
            w = words[0]
            if w.isupper() and len(w) >= 3:
                return short_caps and len(w) <= 4
            return self.common_word(w) or w in self.places or len(w) < 3
        return len(words) == 2 and all(w.lower() in PHRASE_WORDS for w in words)


def media_forms(name):
    """The name as written and, for "The X", the bare "X"."""
    forms = [name]
    if name.startswith("The ") and len(name) > 6:
        forms.append(name[4:])
    if name.endswith(" Magazine") and len(name) > 12:  # "Time Magazine" -> "Time"
        forms.append(name[:-len(" Magazine")])
    return forms


def media_rows(args, ev):
    rows = {}  # folded name -> [name, country, aliases, call_sign]

    def add(name, country, call_sign=False):
        name = clean(name)
        if not plain(name):
            return
        if country and country not in ev.iso:
            country = ""
        key = fold(name)
        bare = fold(name[4:]) if name.startswith("The ") else None
        for k in (key, bare, "the " + key):
            if k and k in rows:
                if country and not rows[k][1]:
                    rows[k][1] = country
                return
        rows[key] = [name, country, call_sign]

    with open(args.freebie, encoding="utf-8", errors="replace") as f:
        for r in csv.DictReader(f):
            if r.get("ignore", "FALSE").upper() == "TRUE" or NOT_MEDIA.search(r["name"]):
                continue
            add(r["name"], (r.get("cca") or "").strip().upper())
    with open(args.newspapers, encoding="utf-8") as f:
        bindings = json.load(f)["results"]["bindings"]
    seen = set()
    for b in bindings:
        item = b["item"]["value"]
        place = b.get("placeLabel", {}).get("value", "")
        if place and plain(place):
            ev.places.add(place)
        if item in seen:
            continue
        seen.add(item)
        add(b["itemLabel"]["value"], ev.code(b.get("countryLabel", {}).get("value", "")))
    with open(args.localnews, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            name = r["name"].strip()
            if r["medium"] == "TV station":
                m = CALL_SIGN.match(name)
                if not m:
                    continue
                add(m.group(1), "US", call_sign=True)
            elif r["medium"] in ("Newspapers", "College Newspapers", "Magazines"):
                add(name, "US")
    out = []
    for name, country, call_sign in rows.values():
        forms = media_forms(name)
        context = [f for f in forms if ev.is_common(f, short_caps=call_sign)]
        # The bare form of "The X" is taken only with context.
        if name.startswith("The ") and len(forms) > 1 and forms[1] not in context:
            context.append(forms[1])
        out.append((name, "media", country, forms[1:], context))
    return out


def read_csv_text(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(io.StringIO(f.read())))


def team_rows(args, ev):
    clubs = set()
    with open(args.clubs, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                clubs.add(fold(line.split("\t")[0]))
    teams = []
    for r in read_csv_text(os.path.join(args.teams, "teamcolors_bigfour.csv")):
        if r["league"] in ("nfl", "nba", "mlb", "nhl", "mls"):
            teams.append((r["name"].strip(), r["league"], ""))
    for r in read_csv_text(os.path.join(args.teams, "teamcolors_wnba.csv")):
        teams.append((r["name"].strip(), "wnba", ""))
    for r in read_csv_text(os.path.join(args.teams, "teamcolors_cfl.csv")):
        teams.append((r["name"].strip(), "cfl", r.get("location", "").strip()))
    canadian = {"Toronto", "Montreal", "Montréal", "Vancouver", "Calgary", "Edmonton", "Ottawa", "Winnipeg"}
    parsed = []
    for name, league, city in teams:
        words = name.split()
        if league == "mls":
            if fold(name) in clubs:
                continue
            # "Chicago Fire": a place and a nickname; "FC Dallas", "Real Salt Lake" have none.
            nick = words[-1] if len(words) > 1 and words[-1] not in ("FC", "SC", "CF", "United", "City") else ""
            place = " ".join(words[:-1]) if nick else ""
            if nick and not (place in ev.places or place in canadian):
                nick, place = "", ""
        elif len(words) == 1:
            nick, place = "", ""
        else:
            n = 2 if len(words) > 2 and words[-2] in NICK_FIRST else 1
            nick, place = " ".join(words[-n:]), " ".join(words[:-n])
        if place:
            ev.places.add(place)
        if city:
            ev.places.add(city)
        country = "CA" if league == "cfl" or place in canadian or city in canadian else "US"
        parsed.append((name, league, nick, country))
    nick_count = {}
    for _, _, nick, _ in parsed:
        if nick:
            nick_count[nick] = nick_count.get(nick, 0) + 1
    out = []
    for name, league, nick, country in parsed:
        aliases = [nick] if nick and nick not in ev.places else []
        forms = [name] + aliases
        # A nickname two teams share ("Giants", "Cardinals") or that is an everyday word, a
        # name or the plural of a surname ("Browns") is taken only with context.
        context = []
        for f in forms:
            stem = f[:-1] if f.endswith("s") else f
            if ev.is_common(f) or nick_count.get(f, 0) > 1 or (" " not in f and stem in ev.surnames):
                context.append(f)
        out.append((name, "other", country, aliases, context, league))
    return out


HEADER = """# {title}, compiled by scripts/compile_media_teams.py on {date}.
# Source: {source}
# Licence of the source: {licence}
# Columns: name, type, country (empty: the list does not say), aliases ("|"),
# flags (unused here), context forms ("|"): forms that are also everyday words,
# given names, surnames or places, taken only with supporting context.
# name\ttype\tcountry\taliases\tflags\tcontext_forms
"""


def write(path, title, source, licence, rows):
    seen, kept = set(), []
    for row in sorted(rows, key=lambda r: (r[0].lower(), r[0])):
        name, kind, country, aliases, context = row[:5]
        if name.lower() in seen or "\t" in name or any("|" in a or "\t" in a for a in aliases + context):
            continue
        seen.add(name.lower())
        kept.append((name, kind, country, aliases, context))
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER.format(title=title, date=DATE, source=source, licence=licence))
        for name, kind, country, aliases, context in kept:
            f.write("\t".join([name, kind, country, "|".join(aliases), "", "|".join(context)]) + "\n")
    n_context = sum(len(r[4]) for r in kept)
    n_forms = sum(1 + len(r[3]) for r in kept)
    print(f"{path}: {len(kept)} entries, {n_forms} forms, {n_context} context forms", file=sys.stderr)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for a in ("newspapers", "freebie", "localnews", "words", "names", "surnames", "countries", "iso",
              "clubs", "out"):
        p.add_argument("--" + a, required=True)
    p.add_argument("--teams", help="also write teams.tsv (not shipped: its source is GPL)")
    args = p.parse_args()
    ev = Evidence(args)
    # First: the teams' cities are places for the outlets too.
    teams = team_rows(args, ev) if args.teams else None
    media = media_rows(args, ev)
    os.makedirs(args.out, exist_ok=True)
    write(os.path.join(args.out, "media.tsv"), "News media (newspapers, broadcasters, agencies, magazines, news sites)",
          "github.com/savkov/freebie @ece4dd58b16ee9abbe83da2a416a376505e165ca (freebie/websources.csv); "
          "github.com/patrickswickard/international_newspapers @0d8b4a34764914490583a603d2a5d12ad175ecbd "
          "(full_list_of_newspapers.json, a Wikidata query); github.com/yinleon/LocalNewsDataset "
          "@d97f2f86aa7da3813f6e388e637f9e7350e53178 (data/local_news_dataset_2018.csv)",
          "freebie: MIT, Copyright (c) 2017 Sasho Savkov; Wikidata: CC0-1.0; "
          "LocalNewsDataset: MIT, Copyright (c) 2018 Leon Yin", media)
    if teams is None:
        return
    write(os.path.join(args.out, "teams.tsv"), "North American pro sports teams (NFL, NBA, MLB, NHL, MLS, WNBA, CFL)",
          "github.com/beanumber/teamcolors @18d8bf6efee074d9f1485a199521b172de8a8cf3 (data-csv/teamcolors_bigfour.csv, "
          "teamcolors_wnba.csv, teamcolors_cfl.csv); MLS teams that clubs.tsv lists are left out",
          "GPL (the teamcolors R package's DESCRIPTION); team names are facts", teams)


if __name__ == "__main__":
    main()
