#!/usr/bin/python3
"""Classify the failed episodes a PiRL run recorded (episodes.states) by how they failed.

Usage: /usr/bin/python3 docs/examples/failure_modes.py DB RUN [FIRST_ITERATION [LAST_ITERATION]]

Works for the four WidowX-like pick-and-place tasks, whose recorded state is 22 floats:
qpos of the 6 arm joints, the 2 finger joints, the object's free joint (position, quaternion)
and the target's free joint. The states blob is an 8-byte raw size followed by zlib-compressed
float32 [length + 1, state_dim] (docs/file-formats.md).
"""
import sqlite3
import sys
import zlib

import numpy as np

LIFTED = 0.05  # object centre above this height (m): it left the table
AT_TARGET = 0.07  # horizontal distance object - target (m)


def states(blob, dim):
    return np.frombuffer(zlib.decompress(blob[8:]), dtype=np.float32).reshape(-1, dim)


def classify(a):
    last = a[-1]
    obj, target, finger = last[8:11], last[15:18], last[6]
    near = np.hypot(*(obj[:2] - target[:2])) < AT_TARGET
    if obj[2] > LIFTED and finger > 0.01:
        return "held, never released " + ("above the target" if near else "away from the target")
    if not (a[:, 10] > LIFTED).any():
        return "never lifted (missed grasp)"
    if near:
        return "released at the target, not resting inside"
    return "lifted, then dropped away from the target"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    db = sqlite3.connect(sys.argv[1])
    first = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    last = int(sys.argv[4]) if len(sys.argv) > 4 else 2**62
    rows = db.execute(
        "select success, state_dim, states from episodes "
        "where run = ? and step between ? and ? and states is not null",
        (int(sys.argv[2]), first, last)).fetchall()
    counts, failed, wrist = {}, 0, 0
    start_yaw, outcome, spun = [], [], []
    for success, dim, blob in rows:
        if dim != 22:
            sys.exit(f"recorded states have {dim} values; this script knows the 22 of the "
                     "WidowX-like tasks")
        a = states(blob, dim)
        quat = a[0, 11:15]  # object's start orientation (w, x, y, z), a pure yaw
        start_yaw.append(2 * np.arctan2(quat[3], quat[0]))
        outcome.append(bool(success))
        spun.append(bool((np.abs(a[:, 5]) > 2.5).any()))
        if success:
            continue
        failed += 1
        kind = classify(a)
        counts[kind] = counts.get(kind, 0) + 1
        wrist += abs(a[-1][5]) > 2.5
    print(f"{len(rows)} recorded episodes, {failed} failed")
    for kind, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"  {n:4d}  {kind}")
    print(f"  wrist yaw beyond 2.5 rad at the end: {wrist} of {failed}")
    if not rows:
        return
    start_yaw, outcome, spun = np.array(start_yaw), np.array(outcome), np.array(spun)
    print(f"wrist beyond 2.5 rad at any step: {spun[outcome].sum()} of {outcome.sum()} successes, "
          f"{spun[~outcome].sum()} of {failed} failures")
    print("by the object's start yaw (its reset range in six bins):")
    edge = np.abs(start_yaw).max() + 1e-6
    bins = np.linspace(-edge, edge, 7)
    for lo, hi in zip(bins[:-1], bins[1:]):
        m = (start_yaw >= lo) & (start_yaw < hi)
        if m.any():
            print(f"  [{lo:+.2f}, {hi:+.2f}) rad: {m.sum():4d} episodes, success "
                  f"{outcome[m].mean():.2f}, wrist beyond 2.5 rad {spun[m].mean():.2f}")


if __name__ == "__main__":
    main()
