#!/usr/bin/env python3
"""Copies a run journal's search-items trials into the published trial-bank format (JSON Lines).

Usage: tools/journal_to_bank.py RUN/journal.jsonl GROUP > bank.jsonl

Keeps trial_finished records of phase initial, noise, search, pick and baseline (the trials measured on
the search items), one per (ranks, seed): random search reuses RankAdaptor's identical initial trials, and
a reused measurement is one measurement. Repeats (measured on the final items) are left out. Scores are
copied unchanged (fractions).
"""
import json
import sys

PHASES = {"initial", "noise", "search", "pick", "baseline"}


def main():
    journal, group = sys.argv[1], sys.argv[2]
    seen = set()
    with open(journal, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            r = json.loads(line)
            if r.get("type") != "trial_finished" or r.get("phase") not in PHASES:
                continue
            key = (tuple(r["ranks"]), r["seed"])
            if key in seen:
                continue
            seen.add(key)
            print(json.dumps({"group": group, "ranks": r["ranks"], "scores": r["task_scores"]}))


if __name__ == "__main__":
    main()
