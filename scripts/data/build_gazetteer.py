#!/usr/bin/env python3
"""Build data/kz_gazetteer.tsv, the offline gazetteer the farms importer embeds, from the
GeoNames extract ../shared/data/kz_places_geonames.tsv (GeoNames cities500 rows for
Kazakhstan; CC BY 4.0, "Place data © GeoNames (geonames.org)").

Kept per place: geonameid, name, latitude, longitude, admin1 code, population, and the
alternate names written in Latin or Cyrillic script (the ones Kazakh, Russian and English
files use), `|`-separated. Other scripts are dropped to keep the table small.

Usage (from the repository root):
    python3 scripts/data/build_gazetteer.py [path/to/kz_places_geonames.tsv]
"""
import csv, sys, unicodedata

src = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/kz_places_geonames.tsv"
out = "data/kz_gazetteer.tsv"


def latin_or_cyrillic(name):
    for ch in name:
        if ch.isalpha():
            script = unicodedata.name(ch, "")
            if not (script.startswith("LATIN") or script.startswith("CYRILLIC")):
                return False
    return any(ch.isalpha() for ch in name)


rows = []
with open(src, encoding="utf-8") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        names = []
        for n in [r["name"], r["asciiname"]] + r["alternatenames"].split(","):
            n = n.strip()
            # all-lower-case Latin names are machine transliterations from other scripts
            # ("ai ji ba si tu zi"): never what a file says, so left out.
            machine = n == n.lower() and n.isascii()
            if n and not machine and latin_or_cyrillic(n) and "|" not in n and n not in names and len(n) > 2:
                names.append(n)
        rows.append((r["geonameid"], r["name"], r["latitude"], r["longitude"],
                     r["admin1_code"], r["population"], "|".join(names[1:])))
rows.sort(key=lambda r: int(r[0]))
with open(out, "w", encoding="utf-8", newline="\n") as f:
    f.write("# geonameid\tname\tlat\tlon\tadmin1\tpopulation\talternate names (Latin, Cyrillic)\n")
    for r in rows:
        f.write("\t".join(r) + "\n")
print(out, len(rows), "places")
