#!/usr/bin/env python3
"""Count yakkan's findings on the real corpus: statutes per 1,000 articles, terms documents.

Runs `yakkan check FILE --format json` on every statute in ../shared/corpus/laws/txt and
laws-wide/txt (each file alone) and on every terms document in tos/txt and tos/raw, and
prints error-level findings per rule, per 1,000 main-provision articles (the article count
is len(main_articles) in the statute's truth/*.json).

    scripts/statute-findings.py [--bin target/release/yakkan] [--corpus ../shared/corpus]
                                [--rules Y3,Y4] [--list] [--tos] [--severity error]

--rules   only count codes starting with one of these prefixes
--list    print every counted finding (file:line code message) for review
--tos     also run the terms documents (all severities listed with --list)
--severity error|warning|info: the lowest severity counted (default error)
"""

import argparse
import collections
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

LEVELS = {"info": 0, "warning": 1, "error": 2}


def check(binary, path):
    """The diagnostics of one file checked alone."""
    out = subprocess.run(
        [binary, "check", path, "--format", "json"],
        capture_output=True,
        text=True,
    )
    if out.returncode not in (0, 1):
        sys.stderr.write(f"{path}: exit {out.returncode}: {out.stderr.strip()}\n")
        return []
    return json.loads(out.stdout)["diagnostics"]


def line_text(path, line):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for i, text in enumerate(f, 1):
                if i == line:
                    return text.rstrip("\n")
    except OSError:
        pass
    return ""


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(root, "target/release/yakkan"))
    ap.add_argument("--corpus", default=os.path.join(root, "../shared/corpus"))
    ap.add_argument("--rules", default="")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--tos", action="store_true")
    ap.add_argument("--severity", default="error", choices=LEVELS)
    ap.add_argument("--context", action="store_true", help="with --list, print the source line")
    args = ap.parse_args()
    prefixes = [p for p in args.rules.split(",") if p]
    floor = LEVELS[args.severity]

    def counted(d):
        return LEVELS.get(d["severity"], 0) >= floor and (
            not prefixes or any(d["code"].startswith(p) for p in prefixes)
        )

    statutes = []
    for part in ("laws", "laws-wide"):
        txt = os.path.join(args.corpus, part, "txt")
        if not os.path.isdir(txt):
            print(f"NOTICE: {txt} is absent; skipped")
            continue
        for name in sorted(os.listdir(txt)):
            if name.endswith(".txt"):
                truth = os.path.join(args.corpus, part, "truth", name[:-4] + ".json")
                with open(truth, encoding="utf-8") as f:
                    articles = len(json.load(f)["main_articles"])
                statutes.append((os.path.join(txt, name), articles))

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda s: check(args.bin, s[0]), statutes))

    per_rule = collections.Counter()
    total_articles = sum(a for _, a in statutes)
    listed = []
    for (path, _), diags in zip(statutes, results):
        for d in diags:
            if counted(d):
                per_rule[d["code"]] += 1
                listed.append((path, d))
    total = sum(per_rule.values())
    print(f"statutes: {len(statutes)}, main-provision articles: {total_articles}")
    print(f"findings (>= {args.severity}): {total}, "
          f"{1000 * total / max(total_articles, 1):.2f} per 1,000 articles")
    for code, n in sorted(per_rule.items()):
        print(f"  {code}: {n} ({1000 * n / max(total_articles, 1):.2f} per 1,000)")
    if args.list:
        for path, d in listed:
            print(f"{os.path.relpath(path, args.corpus)}:{d['line']}:{d['column']} "
                  f"{d['code']} [{d['path']}] {d['message']}")
            if args.context:
                print(f"    | {line_text(path, d['line'])[:200]}")

    if args.tos:
        docs = []
        for part, ext in (("txt", ".txt"), ("raw", ".md")):
            folder = os.path.join(args.corpus, "tos", part)
            if os.path.isdir(folder):
                docs += [os.path.join(folder, n) for n in sorted(os.listdir(folder))
                         if n.endswith(ext)]
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            tos = list(pool.map(lambda p: check(args.bin, p), docs))
        tos_rule = collections.Counter()
        tos_listed = []
        for path, diags in zip(docs, tos):
            for d in diags:
                if counted(d):
                    tos_rule[(d["code"], d["severity"])] += 1
                    tos_listed.append((path, d))
        print(f"terms documents: {len(docs)}")
        for (code, sev), n in sorted(tos_rule.items()):
            print(f"  {code} {sev}: {n}")
        if args.list:
            for path, d in tos_listed:
                print(f"{os.path.relpath(path, args.corpus)}:{d['line']}:{d['column']} "
                      f"{d['code']} {d['severity']} [{d['path']}] {d['message']}")
                if args.context:
                    print(f"    | {line_text(path, d['line'])[:200]}")


if __name__ == "__main__":
    main()
