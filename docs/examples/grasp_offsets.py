#!/usr/bin/python3
"""Where the gripper is when it closes: a PiRL run's recorded episodes (episodes.states).

Usage: /usr/bin/python3 docs/examples/grasp_offsets.py DB RUN [FIRST_ITERATION [LAST_ITERATION]]

For every closing of the fingers (a finger joint's opening drops below 3 cm) within 6 cm of the
object horizontally and 3.5 cm above its centre, the end-effector's offset from the object is
taken at the step before, in the gripper's frame: horizontally along the closing direction,
horizontally perpendicular to it (the pads' width), and the height. Closings are split by what
the fingers hold five steps later: the object (each finger 1-2.2 cm open, i.e. a 2-4.4 cm gap)
or nothing (each finger below 0.6 cm). The end-effector position is the forward
kinematics of the six recorded arm joints, read from resources/mjcf/widowx250.xml (body
offsets and joint axes down to the `ee` site). Works for the four WidowX-like pick-and-place
tasks (22 recorded floats, docs/file-formats.md).
"""
import sqlite3
import sys
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import numpy as np

MJCF = Path(__file__).resolve().parents[2] / "resources" / "mjcf" / "widowx250.xml"


def arm_chain(path):
    """[(body offset, hinge axis or None)] from the world to the ee site's body, and the site's
    offset in that body."""
    chain = []

    def walk(body):
        pos = np.array([float(v) for v in body.get("pos", "0 0 0").split()])
        joint = body.find("joint")
        hinge = joint is not None and joint.get("type", "hinge") == "hinge"
        axis = np.array([float(v) for v in joint.get("axis").split()]) if hinge else None
        chain.append((pos, axis))
        for s in body.findall("site"):
            if s.get("name") == "ee":
                return np.array([float(v) for v in s.get("pos").split()])
        for child in body.findall("body"):
            site = walk(child)
            if site is not None:
                return site
        chain.pop()
        return None

    for body in ET.parse(path).getroot().find("worldbody").findall("body"):
        site = walk(body)
        if site is not None:
            return chain, site
    sys.exit(f"no 'ee' site in {path}")


def rotation(axis, angle):
    axis = axis / np.linalg.norm(axis)
    k = np.array([[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]])
    return np.eye(3) + np.sin(angle) * k + (1 - np.cos(angle)) * k @ k


def end_effector(chain, site, q):
    """Position of the ee site and the orientation of its body for the arm joints q."""
    p, r, joints = np.zeros(3), np.eye(3), iter(q)
    for offset, axis in chain:
        p = p + r @ offset
        if axis is not None:
            r = r @ rotation(axis, next(joints))
    return p + r @ site, r


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    chain, site = arm_chain(MJCF)
    first = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    last = int(sys.argv[4]) if len(sys.argv) > 4 else 2**62
    db = sqlite3.connect(sys.argv[1])
    rows = db.execute(
        "select state_dim, states from episodes "
        "where run = ? and step between ? and ? and states is not null",
        (int(sys.argv[2]), first, last)).fetchall()
    held, missed = [], []
    for dim, blob in rows:
        if dim != 22:
            sys.exit(f"recorded states have {dim} values; this script knows the 22 of the "
                     "WidowX-like tasks")
        a = np.frombuffer(zlib.decompress(blob[8:]), dtype=np.float32).reshape(-1, dim)
        finger = a[:, 6]
        for i in range(1, len(a) - 5):
            if not (finger[i - 1] > 0.03 >= finger[i]):
                continue
            ee, r = end_effector(chain, site, a[i - 1, :6].astype(float))
            d = ee - a[i - 1, 8:11]
            if np.hypot(d[0], d[1]) > 0.06 or d[2] > 0.035:
                continue
            # the gripper points down: its x axis is vertical, y is the closing direction
            across = r[:, 1].copy()
            across[2] = 0
            across /= np.linalg.norm(across)
            along = np.array([-across[1], across[0], 0.0])
            offset = (abs(d @ along), abs(d @ across), d[2])  # along: perpendicular to closing
            after = finger[i + 5]
            if 0.010 < after < 0.022:
                held.append(offset)
            elif after < 0.006:
                missed.append(offset)
    print(f"{len(rows)} recorded episodes")
    for name, offsets in (("closed on the object", held), ("closed on nothing", missed)):
        if not offsets:
            continue
        o = 100 * np.array(offsets)
        print(f"{name}: {len(o)} closings; cm, median (90th percentile):")
        labels = ("|perpendicular to closing|", "|along closing|", "height above centre")
        for k, label in enumerate(labels):
            print(f"  {label:27s} {np.median(o[:, k]):5.2f} ({np.percentile(o[:, k], 90):5.2f})")


if __name__ == "__main__":
    main()
