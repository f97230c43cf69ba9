#!/usr/bin/python3
"""How a GRPO run's groups ended: the distribution of successes per group of episodes that
shared a reset state, against what independent episodes would give.

Usage: /usr/bin/python3 docs/examples/group_outcomes.py DB RUN FIRST_ITERATION LAST_ITERATION

Every RL episode is stored in the `episodes` table with its reset seed (docs/file-formats.md);
in a GRPO iteration the environments of a group share their seed, so grouping an iteration's
episodes by seed recovers the groups. A group of G episodes with k successes; "independent" is
the binomial with the window's mean success.
"""
import collections
import math
import sqlite3
import sys


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    db = sqlite3.connect(sys.argv[1])
    run, first, last = (int(a) for a in sys.argv[2:])
    rows = db.execute(
        "SELECT step, seed, SUM(success), COUNT(*) FROM episodes "
        "WHERE run = ? AND step BETWEEN ? AND ? GROUP BY step, seed",
        (run, first, last)).fetchall()
    if not rows:
        sys.exit("no episodes of run %d at iterations %d-%d" % (run, first, last))
    sizes = collections.Counter(r[3] for r in rows)
    g = sizes.most_common(1)[0][0]
    counts = collections.Counter(r[2] for r in rows if r[3] == g)
    groups = sum(counts.values())
    p = sum(k * n for k, n in counts.items()) / (groups * g)
    print("run %d, iterations %d-%d: %d groups of %d, mean success %.3f" %
          (run, first, last, groups, g, p))
    print("successes  groups  independent")
    for k in range(g + 1):
        print("%9d  %6.3f  %11.3f" % (k, counts[k] / groups, math.comb(g, k) * p**k * (1 - p)**(g - k)))


if __name__ == "__main__":
    main()
