#!/usr/bin/env python3
"""Compiles rules/urls/tracking_params.txt from the ClearURLs rules.

Source: ClearURLs/Rules on GitHub (https://github.com/ClearURLs/Rules), file
data.min.json, licence LGPL-3.0. Fetch a copy of that repository (its snapshot,
or `git clone`), then run:

    python3 scripts/compile_tracking_params.py PATH/TO/data.min.json > rules/urls/tracking_params.txt

Only the `globalRules` provider is used: the parameters ClearURLs strips from
every URL on every site (its site-specific rules and its optional "referral
marketing" list are left out, since they are not tracking everywhere). Each
rule is a regular expression over a parameter name; the ones that spell a
finite set of names, or a fixed prefix followed by anything, are expanded into
names and `prefix*` patterns. Rules broader than that (such as `[a-z]?mc`) are
left out rather than guessed at.
"""

import datetime
import json
import re
import sys

# A trailing part that means "followed by any name characters".
ANY_TAIL = re.compile(r"(\(\?:_\[a-z_?\]\*\)\?|\(\?:_\[a-z\]\*\)\+|\[a-z_\]\*|\[a-z_\]\+)$")


def expand(pattern):
    """The names a simple regex spells (a list), or None when it is not simple."""
    pattern = pattern.replace("(?:%3F)?", "")
    tail = ANY_TAIL.search(pattern)
    if not tail:
        return expand_finite(pattern)
    names = expand_finite(pattern[: tail.start()])
    if names is None:
        return None
    tail = tail.group(0)
    if not tail.startswith("(?:_"):
        # `ga_[a-z_]+`: the prefix and anything after it.
        return [name + "*" for name in names]
    # `utm(?:_[a-z_]*)?` is `utm` itself and `utm_*`; `vn(?:_[a-z]*)+` only `vn_*`.
    bare = names if tail.endswith(")?") else []
    return bare + [name + "_*" for name in names]


def expand_finite(pattern):
    """Expands literals, `(?:a|b)` groups and `x?` into every name, or None."""
    names = [""]
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("(?:", i):
            end = pattern.find(")", i)
            if end < 0:
                return None
            options = pattern[i + 3 : end].split("|")
            if any(not re.fullmatch(r"[A-Za-z0-9_]+", o) for o in options):
                return None
            i = end + 1
        elif re.fullmatch(r"[A-Za-z0-9_]", c):
            options = [c]
            i += 1
        else:
            return None
        if i < len(pattern) and pattern[i] == "?":
            options = options + [""]
            i += 1
        names = [n + o for n in names for o in options]
    return names


def main():
    data = json.load(open(sys.argv[1], encoding="utf-8"))
    rules = data["providers"]["globalRules"]["rules"]
    names = []
    for rule in rules:
        for name in expand(rule) or []:
            if name and name.lower() not in names:
                names.append(name.lower())
    print("# Query parameters that track a visit rather than name a page: they are")
    print("# removed from a URL before the record id is hashed (the record's `url` keeps them).")
    print("# One parameter name a line, case-insensitive; `prefix*` matches every name that")
    print("# starts with prefix.")
    print("# Source: ClearURLs rules, data.min.json, provider globalRules")
    print("# (https://github.com/ClearURLs/Rules), licence LGPL-3.0; only the rules that")
    print("# spell names or fixed prefixes are kept.")
    print(f"# Compiled by scripts/compile_tracking_params.py on {datetime.date.today().isoformat()}.")
    for name in names:
        print(name)


if __name__ == "__main__":
    main()
