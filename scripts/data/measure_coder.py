"""Estimates what src/geometry/coder.rs's variants would code the embedded paths in.

For the path integers of data/basemap.json and data/admin1.json (one stream per file, as
build.rs writes them), the size in bytes of
- the adaptive Golomb-Rice code build.rs writes (exact: the bits it writes, without the last
  byte's padding; see src/geometry/coder.rs), first line the one chosen;
- an adaptive binary range coder tried before it (an estimate: LZMA's probability update, 11
  bits moved 1/32 towards each bit, and each bit costing -log2 of its probability, which a
  range coder reaches within a few bytes): the residual's bit length in unary with adaptive
  models per kind (start x/y, first dx/dy, later dx/dy), then its sign and the bits below the
  leading one, raw or with models.
Variants: what predicts a delta (half the previous one; all of it: second differences;
nothing) and a start (the previous path's end, or 0), Rice parameters, extra contexts.

Run: python3 scripts/data/measure_coder.py
"""
import json
import math
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
b = json.loads((ROOT / "data/basemap.json").read_text())
a = json.loads((ROOT / "data/admin1.json").read_text())
FILES = [
    b["arcs"]["lines"]
    + [r for area in b["water"]["areas"] for poly in area["polygons"] for r in poly]
    + b["rivers"]["lines"],
    a["arcs"],
]


def zigzag(r):
    return r << 1 if r >= 0 else (-r << 1) - 1


def residuals(paths, v):
    """(kind, residual) of every integer, in order."""
    end = [0, 0]
    for p in paths:
        for i, n in enumerate(p):
            axis = i & 1
            if i < 2:
                pred, kind = (end[axis] if v["start"] else 0), i
            elif i < 4:
                pred, kind = 0, i
            else:
                d = p[i - 2]
                pred, kind = {"half": int(d / 2), "whole": d, "none": 0}[v["predict"]], 4 + axis
            yield kind, n - pred
            end[axis] = n if i < 2 else end[axis] + n


def rice(paths, v):
    """Bits of coder.rs's code: per kind A, N (from 4, 1; halved when N reaches `reset`)."""
    bits = 0
    stats = {}
    for kind, r in residuals(paths, v):
        z = zigzag(r)
        a, n = stats.get(kind, (4, 1))
        k = 0
        while k < 58 and (n << k) < a:
            k += 1
        k = max(0, k - v["k minus"])
        q = z >> k
        bits += q + 1 + k if q < 24 else 24 + 7 + z.bit_length()
        a, n = a + z, n + 1
        if n == v["reset"]:
            a, n = a >> 1, n >> 1
        stats[kind] = (a, n)
    return bits / 8


class Models:
    def __init__(self):
        self.p = {}
        self.cost = 0.0

    def bit(self, key, bit):
        p = self.p.get(key, 1024)
        self.cost -= math.log2(p / 2048 if bit == 0 else 1 - p / 2048)
        self.p[key] = p + ((2048 - p) >> 5) if bit == 0 else p - (p >> 5)

    def half(self):
        self.cost += 1


def value(m, r, ctx, modelled_mantissa):
    n = abs(r)
    L = n.bit_length()
    for k in range(65):
        m.bit(("L", ctx, k), int(L > k))
        if L <= k:
            break
    if L == 0:
        return
    if modelled_mantissa:
        m.bit(("sign",), int(r < 0))
    else:
        m.half()
    for j in range(L - 2, -1, -1):
        if modelled_mantissa and L - 2 - j < 2:
            m.bit(("m", L, n >> (j + 1)), (n >> j) & 1)
        else:
            m.half()


def stream(paths, v):
    m = Models()
    end = [0, 0]
    for p in paths:
        prev = [0, 0]
        for i, n in enumerate(p):
            axis = i & 1
            if i < 2:
                pred, ctx = (end[axis] if v["start"] else 0), ("start", axis)
            elif i < 4:
                pred, ctx = 0, ("first", axis)
            else:
                d = p[i - 2]
                pred = {"half": int(d / 2), "whole": d, "none": 0}[v["predict"]]
                ctx = (axis,)
                if v.get("context") == "previous residual":
                    ctx += (min(abs(prev[axis]).bit_length(), 12),)
                if v.get("context") == "other axis":
                    ctx += (min(abs(prev[1 - axis]).bit_length(), 12),)
            value(m, n - pred, ctx, v["mantissa"])
            prev[axis] = n - pred
            end[axis] = n if i < 2 else end[axis] + n
    return m.cost / 8


RICE = {"predict": "half", "start": True, "k minus": 1, "reset": 16}
RICE_VARIANTS = [
    ("Rice, chosen: half the previous delta, starts from the previous end, k-1, reset 16", RICE),
    ("Rice, k (not k-1)", {**RICE, "k minus": 0}),
    ("Rice, reset 8", {**RICE, "reset": 8}),
    ("Rice, reset 64", {**RICE, "reset": 64}),
    ("Rice, starts not predicted", {**RICE, "start": False}),
    ("Rice, whole previous delta (second differences)", {**RICE, "predict": "whole"}),
]
RANGE = {"predict": "half", "start": True, "mantissa": False}
RANGE_VARIANTS = [
    ("range coder: as Rice's chosen, sign and lower bits raw", RANGE),
    ("range coder: + sign and two bits below the leading one modelled", {**RANGE, "mantissa": True}),
    ("range coder: starts not predicted", {**RANGE, "start": False}),
    ("range coder: whole previous delta (second differences)", {**RANGE, "predict": "whole"}),
    ("range coder: no delta prediction (first differences)", {**RANGE, "predict": "none"}),
    ("range coder: + context: previous residual's bit length", {**RANGE, "context": "previous residual"}),
    ("range coder: + context: the other axis' residual's bit length", {**RANGE, "context": "other axis"}),
]
for name, v in RICE_VARIANTS + RANGE_VARIANTS:
    code = rice if "reset" in v else stream
    sizes = [code(paths, v) for paths in FILES]
    print(f"{sum(sizes):8.0f} bytes (basemap {sizes[0]:.0f}, admin1 {sizes[1]:.0f})  {name}")
