"""How else the embedded paths could be coded, measured (data/README.md, "Precision").

For the path integers of data/basemap.json and data/admin1.json (the 1:50m arcs, the oblast
arcs, the lakes, the rivers): gzip -9 (zlib level 9) of the varint streams build.rs could
write, with first or second differences ('fd', 'sd'), x and y interleaved (what build.rs
does), split per path, or split into one x and one y section, or as offset bytes instead of
zigzag varints; then the entropy of the second differences (exp-Golomb class modelled, its
mantissa bits raw) without context, with the previous residual of the same axis as context,
and with both axes' as context: a bound on what an adaptive arithmetic coder could reach.

Run: python3 scripts/data/measure_coding.py
"""
import collections
import json
import math
import pathlib
import zlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
b = json.loads((ROOT / "data/basemap.json").read_text())
a = json.loads((ROOT / "data/admin1.json").read_text())


def points(deltas):
    x = y = 0
    out = []
    for i in range(0, len(deltas), 2):
        x += deltas[i]
        y += deltas[i + 1]
        out.append((x, y))
    return out


LAYERS = {
    "ne50 arcs": [points(p) for p in b["arcs"]["lines"]],
    "oblast arcs": [points(p) for p in a["arcs"]],
    "lakes": [points(r) for area in b["water"]["areas"] for poly in area["polygons"] for r in poly],
    "rivers": [points(p) for p in b["rivers"]["lines"]],
}


def uvar(n, out):
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def zz(n):
    return (n << 1) ^ (n >> 63)


def gz(data):
    return len(zlib.compress(bytes(data), 9))


def second(pts):
    """build.rs's residuals: the first point and first delta as they are, then each delta
    minus the same axis' previous one."""
    xs, ys = [], []
    px = py = 0
    pdx = pdy = 0
    for i, (x, y) in enumerate(pts):
        dx, dy = x - px, y - py
        xs.append(dx if i < 2 else dx - pdx)
        ys.append(dy if i < 2 else dy - pdy)
        pdx, pdy, px, py = dx, dy, x, y
    return xs, ys


def first(pts):
    xs, ys = [], []
    px = py = 0
    for x, y in pts:
        xs.append(x - px)
        ys.append(y - py)
        px, py = x, y
    return xs, ys


def interleaved(paths, f):
    out = bytearray()
    for p in paths:
        xs, ys = f(p)
        uvar(2 * len(p), out)
        for x, y in zip(xs, ys):
            uvar(zz(x), out)
            uvar(zz(y), out)
    return out


def split_per_path(paths, f):
    out = bytearray()
    for p in paths:
        xs, ys = f(p)
        uvar(2 * len(p), out)
        for v in xs + ys:
            uvar(zz(v), out)
    return out


def split_sections(paths, f):
    head, xsec, ysec = bytearray(), bytearray(), bytearray()
    for p in paths:
        xs, ys = f(p)
        uvar(2 * len(p), head)
        for x in xs:
            uvar(zz(x), xsec)
        for y in ys:
            uvar(zz(y), ysec)
    return head + xsec + ysec


def offset_bytes(paths, f):
    out = bytearray()
    for p in paths:
        xs, ys = f(p)
        uvar(2 * len(p), out)
        for x, y in zip(xs, ys):
            for v in (x, y):
                if -64 <= v < 64:
                    out.append(v + 64)
                else:
                    out.append(0x80 | (v < 0))
                    uvar(abs(v), out)
    return out


def bucket(v):
    v = abs(v)
    return 0 if v == 0 else min(1 + int(math.log2(v)), 6)


def entropy_bytes(pairs):
    """Static entropy of the exp-Golomb class given the context, plus raw mantissa bits."""
    classes, contexts, raw = collections.Counter(), collections.Counter(), 0
    for ctx, sym in pairs:
        cl = 0 if sym == 0 else int(math.log2(sym)) + 1
        raw += max(cl - 1, 0)
        classes[(ctx, cl)] += 1
        contexts[ctx] += 1
    h = -sum(n * math.log2(n / contexts[k[0]]) for k, n in classes.items())
    return (h + raw) / 8


totals = collections.Counter()
for name, paths in LAYERS.items():
    row = {"layer": name, "points": sum(map(len, paths))}
    for layout_name, layout in [("interleaved", interleaved), ("split per path", split_per_path),
                                ("x and y sections", split_sections), ("offset bytes", offset_bytes)]:
        for f_name, f in [("sd", second), ("fd", first)]:
            k = f"{layout_name} {f_name}"
            row[k] = gz(layout(paths, f))
            totals[k] += row[k]
    plain, own, both = [], [], []
    for p in paths:
        xs, ys = second(p)
        px = py = 0
        for x, y in zip(xs, ys):
            plain += [(0, zz(x)), (1, zz(y))]
            own += [(("x", bucket(px)), zz(x)), (("y", bucket(py)), zz(y))]
            both += [(("x", bucket(px), bucket(py)), zz(x)), (("y", bucket(py), bucket(x)), zz(y))]
            px, py = x, y
    for k, pairs in [("entropy sd", plain), ("entropy sd | own axis", own), ("entropy sd | both axes", both)]:
        row[k] = round(entropy_bytes(pairs))
        totals[k] += row[k]
    print(json.dumps(row, ensure_ascii=False))
print(json.dumps({"layer": "total", **totals}, ensure_ascii=False))
