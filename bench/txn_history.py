#!/usr/bin/env python3
"""Writes a generated list-append history in Jepsen EDN to stdout, for
bench/txn_bench.sh: N transactions of 4 micro-operations on 8 keys active at a
time (a key retires after 64 appends and a fresh one takes its place), run by
10 processes against a serializable store, so the checker must find nothing.

    bench/txn_history.py N [SEED [STALE]]

STALE (default 0) is the chance that a read returns a random earlier
prefix of the list, which makes the history not serializable.
"""
import random
import sys

n = int(sys.argv[1])
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
stale = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0  # chance a read returns an old prefix
active = list(range(8))
next_key = 8
lists = {k: [] for k in active}
appends = {k: 0 for k in active}
out = sys.stdout
element = 0
for i in range(n):
    p = i % 10
    mops, done = [], []
    for _ in range(4):
        k = rng.choice(active)
        if rng.random() < 0.5:
            element += 1
            lists[k].append(element)
            appends[k] += 1
            mops.append(("append", k, element))
            done.append(f"[:append {k} {element}]")
        else:
            mops.append(("r", k, None))
            seen = lists[k][:rng.randrange(len(lists[k]) + 1)] if rng.random() < stale else lists[k]
            done.append(f"[:r {k} [{' '.join(map(str, seen))}]]")
    invoked = " ".join(f"[:append {k} {v}]" if f == "append" else f"[:r {k} nil]" for f, k, v in mops)
    out.write(f"{{:type :invoke, :f :txn, :process {p}, :value [{invoked}]}}\n")
    out.write(f"{{:type :ok, :f :txn, :process {p}, :value [{' '.join(done)}]}}\n")
    for k in list(active):
        if appends[k] >= 64:
            active.remove(k)
            active.append(next_key)
            lists[next_key], appends[next_key] = [], 0
            next_key += 1
