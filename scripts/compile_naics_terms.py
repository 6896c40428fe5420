#!/usr/bin/env python3
"""Compile rules/industries/naics_terms.tsv: everyday industry terms derived from the
alphabetical index of NAICS (North American Industry Classification System), coded to
ISIC Rev.4 through the US Census Bureau's published NAICS 2017 -> ISIC Rev.4 concordance.

What it does
- Reads the NAICS index entries (2017 index; the 2022 index adds the entries whose
  six-digit code is unchanged in the 2017 concordance) and the 2017 six-digit titles
  held in the concordance itself.
- Derives two kinds of term from each entry, honestly and mechanically:
  * an activity phrase, which names a field by itself (use `field`): "semiconductor
    devices manufacturing", "gold mining", "soybean farming", "newspaper publishing",
    "highway construction", "aircraft leasing", and gerund phrases before
    "services"/"agencies" ("media buying", "payroll processing") unless the gerund
    also names a discipline or an everyday act ("mechanical engineering");
  * a product or head noun, which names a field only next to a trigger (use
    `trigger`: "solar cell makers", "the software industry"): the words before the
    activity word ("Solar cells manufacturing" -> "solar cells") or the head noun
    before the first comma of an inverted entry when it has two words ("Solar cells,
    thin film, manufacturing" -> "solar cells"; a one-word head such as "Rules,
    slide" is too often another sense); insurance lines ("life insurance"); a plural
    also in its singular form.
- Codes each term from the ISIC classes its NAICS codes map to: one class, or the
  lowest ISIC level that holds them all. A term whose classes share no division is
  dropped, never guessed. So is every term the hand lexicon (terms.tsv) already has,
  every term of more than two words, every term made only of filler words (not_field_words.txt) or generic product
  words, every one-word term that is also a proper name in the system word list
  (/usr/share/dict/words, Debian's wamerican) or a common homograph ("date", "lead"),
  and every term with digits, parentheses, "except" or a coordination.

Fetched copies (not committed), with where they come from:
- 2017_NAICS_Index_File.xlsx: US Census Bureau, NAICS 2017 index
  (census.gov/naics, "2017_NAICS_Index_File.xlsx"); copy in the public GitHub
  repository context-dependent/noc-autocomplete.
- 2022_NAICS_Index_File.xlsx: US Census Bureau, NAICS 2022 index; copy in the public
  GitHub repository mgd2448/CSBS-Data-Analytics- (commit 907d4ad).
- 2017_NAICS_to_ISIC_4.xlsx: US Census Bureau concordance NAICS 2017 -> ISIC Rev.4;
  copy in insongkim/concordance, data-raw/ (MIT-licensed R package).
US Census Bureau publications are works of the US federal government, in the public
domain.

Usage (from the repository root):
  python3 scripts/compile_naics_terms.py --index2017 2017_NAICS_Index_File.xlsx \
      --index2022 2022_NAICS_Index_File.xlsx --concordance 2017_NAICS_to_ISIC_4.xlsx \
      > rules/industries/naics_terms.tsv
Standard library only; output is sorted and deterministic.
"""
import argparse
import collections
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

RULES = "rules/industries"
SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

# Activity words that end an index entry and name what is done with the words before
# them. The product before a goods-producing activity is a trigger term of its own.
GOODS_ACTIVITIES = {"manufacturing", "mining", "quarrying", "farming", "growing"}
# Activity phrases kept whole as fields: "<product> <activity>".
FIELD_ACTIVITIES = {
    "manufacturing", "mining", "farming", "publishing", "construction", "leasing",
    "broadcasting", "banking", "brewing", "logging", "fishing", "refining",
}
# "<thing> publishers" -> also "<thing> publishing"; "<thing> insurance carriers" ->
# "<thing> insurance".
RENAMES = [
    (re.compile(r"^(.+) publishers$"), r"\1 publishing"),
    (re.compile(r"^(.+) rental or leasing$"), r"\1 leasing"),
]
# "<thing> insurance carriers" -> "<thing> insurance", a trigger term only: a policy
# one holds ("lost their health insurance") as often as a field.
INSURANCE = re.compile(r"^(.+ insurance) (?:carriers|companies)$")
# Gerunds that also name a discipline, a household task or an everyday act ("a degree
# in mechanical engineering", "faulty electrical wiring", "a credit rating"): their
# phrases are trigger terms, not fields alone.
EVERYDAY_GERUNDS = {
    "engineering", "planning", "wiring", "reporting", "rating", "writing", "editing",
    "recording", "testing", "training", "counseling", "screening", "monitoring",
    "tracing", "sitting", "walking", "mowing", "answering", "piercing",
}
# Tails after which a gerund phrase ("media buying") names the activity itself.
SERVICE_TAILS = {"services", "service", "agencies", "operations", "activities", "contractors"}
# Product words too generic to name a field alone, whatever classification lists them.
GENERIC = {
    "equipment", "products", "product", "parts", "part", "machinery", "machines", "machine",
    "materials", "material", "supplies", "supply", "goods", "systems", "system", "devices",
    "device", "services", "service", "instruments", "instrument", "components", "component",
    "accessories", "accessory", "articles", "article", "items", "item", "units", "unit",
    "sets", "set", "kits", "kit", "assemblies", "assembly", "apparatus", "tools", "tool",
    "structures", "structure", "containers", "container", "boxes", "box", "cases", "case",
    "stock", "stocks", "shapes", "shape", "forms", "form", "work", "works", "stores",
    "store", "lines", "line", "plants", "plant", "mills", "mill", "preparations",
    "preparation", "specialties", "specialty", "novelties", "novelty", "goods", "wares",
    "home", "homes", "house", "houses", "office", "offices", "power", "energy", "water",
    "air", "light", "lights", "food", "foods", "health", "care", "data", "information",
    "records", "record", "cards", "card", "games", "game", "paper", "papers", "film",
    "films", "media", "signs", "sign", "models", "model", "toys", "policy", "security",
    "art", "arts", "music", "books", "book", "news", "letters", "letter", "bags", "bag",
    "blocks", "block", "bars", "bar", "pipes", "pipe", "tubes", "tube", "wire", "wires",
    "plates", "plate", "sheets", "sheet", "rolls", "roll", "fittings", "fixtures",
    "furniture", "housings", "cabinets", "heads", "frames", "panels", "boards", "board",
}
# One-word products whose word more often means something else in news ("to date",
# "a lead", "spring", "hardware" of computers, "cookies" of browsers).
HOMOGRAPHS = {
    "date", "spring", "lead", "shell", "cutting", "cuttings", "flashing", "chaser",
    "chasers", "hone", "hones", "fig", "corm", "corms", "truss", "whiting", "resolver",
    "resolvers", "cream", "ice", "plasma", "plasmas", "song", "cookies", "cooky", "wick",
    "wicks", "sod", "twine", "twines", "turf", "hardware", "periodical", "spread",
    "framing", "typing", "editing", "drafting", "billing", "labeling", "brown",
}
WORD = re.compile(r"^[a-z][a-z'-]*$")


def sheet_rows(path, sheet=1):
    """Rows of one worksheet of an .xlsx file, as lists of cell strings."""
    book = zipfile.ZipFile(path)
    shared = []
    if "xl/sharedStrings.xml" in book.namelist():
        for item in ET.fromstring(book.read("xl/sharedStrings.xml")).iter(SHEET_NS + "si"):
            shared.append("".join(t.text or "" for t in item.iter(SHEET_NS + "t")))
    root = ET.fromstring(book.read("xl/worksheets/sheet%d.xml" % sheet))
    for row in root.iter(SHEET_NS + "row"):
        cells = []
        for cell in row.findall(SHEET_NS + "c"):
            letters = re.match(r"[A-Z]+", cell.get("r")).group(0)
            index = 0
            for ch in letters:
                index = index * 26 + ord(ch) - 64
            while len(cells) < index - 1:
                cells.append("")
            value = cell.find(SHEET_NS + "v")
            if cell.get("t") == "s":
                cells.append(shared[int(value.text)])
            elif cell.get("t") == "inlineStr":
                cells.append("".join(t.text or "" for t in cell.iter(SHEET_NS + "t")))
            else:
                cells.append(value.text if value is not None else "")
        yield cells


def read_isic(path):
    """ISIC code -> parent code, from isic4.tsv."""
    parents = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        parents[cols[0]] = cols[3] if len(cols) > 3 and cols[3] else None
    return parents


def read_words(path, column=0):
    """The first column of a rule file, lower case."""
    out = set()
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        out.add(line.rstrip("\n").split("\t")[column].strip().lower())
    return out


def read_concordance(path, parents):
    """NAICS 2017 six-digit code -> (title, set of ISIC Rev.4 classes)."""
    out = {}
    for cells in list(sheet_rows(path))[1:]:
        if len(cells) < 5 or not re.fullmatch(r"\d{6}", cells[1].strip()):
            continue
        isic = cells[4].strip().split(".")[0].zfill(4)
        if isic not in parents:
            continue
        title, classes = out.setdefault(cells[1].strip(), (cells[2].strip(), set()))
        classes.add(isic)
    return out


def lineage(code, parents):
    out = []
    while code:
        out.append(code)
        code = parents.get(code)
    return out


def common_level(classes, parents):
    """The lowest ISIC code that contains every class, or None across sections."""
    paths = [lineage(c, parents) for c in sorted(classes)]
    for code in paths[0]:
        if all(code in p for p in paths[1:]):
            return code
    return None


def singular(word):
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if re.search(r"(ss|us|is|ics|news|series)$", word):
        return word
    if re.search(r"(sses|xes|ches|shes|zes)$", word):
        return word[:-2]
    if word.endswith("s") and len(word) > 3:
        return word[:-1]
    return word


def plural(word):
    if re.search(r"(s|x|ch|sh|z)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def number_forms(phrase):
    """The phrase, and with its last word in the singular when it is a plural
    ("solar cells" -> "solar cell"); a singular is never pluralised, since many
    product words are mass nouns ("software", "machinery")."""
    words = phrase.split()
    return {phrase, " ".join(words[:-1] + [singular(words[-1])])}


def clean(entry):
    return re.sub(r"\s+", " ", entry.replace("\u00a0", " ")).strip().lower()


# Kinds of deposit inside a mining entry, left out of the everyday term: "Gold lode
# mining" and "Gold ore mining" are gold mining.
DEPOSIT_WORDS = re.compile(r"\b(?:ore|ores|lode|placer)\s+(?=mining\b)")


def derive(entry):
    """(field terms, trigger terms) named by one index entry."""
    fields, triggers = set(), set()
    # "X mining and/or beneficiating" is X mining; the processing step adds nothing.
    text = re.sub(r" and/or (?:beneficiating|quarrying)\b", "", clean(entry))
    text = DEPOSIT_WORDS.sub("", text)
    if re.search(r"[()\d;:/]|\bexcept\b|\be\.g\.|\bi\.e\.|\bnec\b", text):
        return fields, triggers
    parts = [p.strip() for p in text.split(",")]
    if len(parts) > 1:
        tail = parts[-1].split()
        # An inverted entry's head alone is often another sense of the word
        # ("Rules, slide" are rulers; "Movements, watch"): only a head of two words.
        if tail and tail[-1] in GOODS_ACTIVITIES and len(parts[0].split()) == 2:
            triggers.add(parts[0])
        return fields, triggers
    for pattern, replacement in RENAMES:
        if pattern.match(text):
            fields.add(pattern.sub(replacement, text))
    if INSURANCE.match(text):
        triggers.add(INSURANCE.sub(r"\1", text))
    words = text.split()
    if len(words) < 2:
        return fields, triggers
    *before, last = words
    product = " ".join(before)
    if last in FIELD_ACTIVITIES and len(words) <= 4:
        fields.add(text)
    if last in GOODS_ACTIVITIES and len(before) <= 3:
        triggers.add(product)
    if last in SERVICE_TAILS and before[-1].endswith("ing") and len(before) <= 3:
        alone = len(before) > 1 and before[-1] not in EVERYDAY_GERUNDS
        (fields if alone else triggers).add(product)
    if last == "publishers" and len(before) <= 2:
        triggers.add(product)
    return fields, triggers


def usable(term, hand, fillers, proper_names):
    words = term.split()
    # At most two words: longer index phrases ("semiconductor devices manufacturing")
    # are rare in news, and each costs automaton start-up time.
    if not words or len(words) > 2 or len(term) < 3:
        return False
    if any(not WORD.match(w) for w in words) or {"and", "or", "other", "all", "not"} & set(words):
        return False
    if term in hand or all(w in fillers for w in words):
        return False
    if len(words) == 1 and (term in GENERIC or term in HOMOGRAPHS or term in proper_names):
        return False
    return words[0] not in fillers


def main():
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--index2017", required=True)
    args.add_argument("--index2022")
    args.add_argument("--concordance", required=True)
    args.add_argument("--words", default="/usr/share/dict/words",
                      help="a word list whose capitalised entries are proper names (Debian wamerican)")
    opts = args.parse_args()
    # A one-word product that is also a name ("Shell", "Mercury", "Rice") would make a
    # company or a person a field before "shares" or "said": left out.
    proper_names = {w.strip().lower() for w in open(opts.words, encoding="utf-8") if w[:1].isupper()}

    parents = read_isic(f"{RULES}/isic4.tsv")
    hand = read_words(f"{RULES}/terms.tsv")
    fillers = read_words(f"{RULES}/not_field_words.txt")
    concordance = read_concordance(opts.concordance, parents)

    entries = [(c[0].strip(), c[1]) for c in list(sheet_rows(opts.index2017))[1:] if len(c) > 1]
    if opts.index2022:
        entries += [(c[0].strip(), c[1]) for c in list(sheet_rows(opts.index2022))[1:] if len(c) > 1]
    entries += [(code, title) for code, (title, _) in concordance.items()]

    classes = {"field": collections.defaultdict(set), "trigger": collections.defaultdict(set)}
    for code, entry in entries:
        if code not in concordance:
            continue
        fields, triggers = derive(entry)
        for use, terms in (("field", fields), ("trigger", triggers)):
            for term in terms:
                for form in number_forms(term) if use == "trigger" else {term}:
                    classes[use][form] |= concordance[code][1]

    out = {}
    for use in ("field", "trigger"):
        for term, isic in classes[use].items():
            if not usable(term, hand, fillers, proper_names) or (use == "trigger" and term in out):
                continue
            code = common_level(isic, parents)
            # A term that spans sections, or whose classes meet only at a section while
            # it names a product, says too little to code: dropped rather than guessed.
            if code is None or (len(code) == 1 and use == "trigger"):
                continue
            out[term] = (code, use)

    print("# Industry terms compiled from the NAICS alphabetical index, coded to ISIC Rev.4")
    print("# through the NAICS 2017 -> ISIC Rev.4 concordance; same columns as terms.tsv,")
    print("# which wins where both hold a term.")
    print("# Source: US Census Bureau, 2017 and 2022 NAICS Index Files and the 2017 NAICS to")
    print("# ISIC Rev.4 concordance (census.gov/naics), public domain (US government work).")
    print("# Compiled 2026-12-02 by scripts/compile_naics_terms.py, which says where the")
    print("# fetched copies come from and how terms are derived; do not edit by hand.")
    print(f"# {sum(1 for v in out.values() if v[1] == 'field')} field terms, "
          f"{sum(1 for v in out.values() if v[1] == 'trigger')} trigger terms.")
    print("# term\tisic4\tuse")
    for term in sorted(out):
        print(f"{term}\t{out[term][0]}\t{out[term][1]}")


if __name__ == "__main__":
    sys.exit(main())
