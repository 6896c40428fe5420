#!/usr/bin/env python3
"""Compiles rules/orgs/given_names.txt: given names that are person evidence.

Source: the US Social Security Administration's baby-name counts (public domain, US
government work), as summarised in github.com/hackerb9/ssa-baby-names,
maxoccurances.txt (lines "name,sex,most babies in one year,that year"). A name counts
when at least --floor babies got it in some year; rarer names add little evidence
and more collisions with brands.

Usage: scripts/compile_given_names.py maxoccurances.txt > rules/orgs/given_names.txt
"""

import argparse
import datetime
import sys


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("maxoccurances")
    p.add_argument("--floor", type=int, default=300)
    args = p.parse_args()
    names = set()
    with open(args.maxoccurances, encoding="utf-8") as f:
        for line in f:
            parts = line.strip().split(",")
            if len(parts) >= 3 and parts[2].isdigit() and int(parts[2]) >= args.floor and parts[0].isalpha():
                names.add(parts[0])
    out = sys.stdout
    out.write("# Given names, one a line, as written: a capitalised word right after one is a\n")
    out.write("# surname, so the pair is a person, not an organisation (\"Harrison Ford\").\n")
    out.write(f"# Compiled by scripts/compile_given_names.py on {datetime.date.today().isoformat()} from the US SSA\n")
    out.write("# baby-name counts (public domain), via github.com/hackerb9/ssa-baby-names\n")
    out.write(f"# maxoccurances.txt: names given to at least {args.floor} babies in some year.\n")
    for name in sorted(names):
        out.write(name + "\n")


if __name__ == "__main__":
    main()
