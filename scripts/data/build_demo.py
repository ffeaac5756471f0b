"""Writes data/story/farms.csv: the demo story's farms.

The source article (Eurasianet, 3 Aug 2022) gives no farm names, sites, capacities or
per-farm dates. Every site here is ILLUSTRATIVE: placed at random (seeded) within regions
where Kazakhstan's coal power and mining concentrate, marked precision=region and
illustrative=yes, and the map says so. Statuses and the "shut down by March 2022" date follow
the article: more than 100 farms found and shut down in the sweep the Financial Monitoring
Agency reported in March 2022. Run: python3 scripts/data/build_demo.py (output committed).
"""
import csv, random

SRC = "https://eurasianet.org/kazakhstan-cryptocurrency-racketeering-gang-arrested"
rng = random.Random(2022)
# (region, centre lon, centre lat, spread in degrees, weight)
REGIONS = [
    ("Pavlodar (Ekibastuz coal)", 75.8, 51.9, 0.9, 26),
    ("Karaganda", 73.2, 49.9, 0.9, 22),
    ("East Kazakhstan", 82.2, 49.8, 0.9, 14),
    ("Almaty region", 77.3, 43.7, 0.7, 12),
    ("Kostanay", 63.6, 53.0, 0.8, 7),
    ("Zhambyl", 71.4, 43.2, 0.6, 6),
    ("Turkistan", 69.2, 42.6, 0.5, 5),
    ("Akmola", 71.0, 51.9, 0.7, 3),
]
ATTRIBUTED = [
    # id, name, owner group, status, region index, note
    ("F-BN", "Mining firms affiliated with Bolat Nazarbayev (site illustrative)", "Bolat Nazarbayev", "shut down", 0,
     "Ceased activities, per the Financial Monitoring Agency"),
    ("F-AK", "Mining firms affiliated with Alexander Klebanov (site illustrative)", "Alexander Klebanov", "shut down", 2,
     "Ceased activities, per the Financial Monitoring Agency"),
    ("F-KS", "Raided facilities linked to Kairat Sharipbayev (site illustrative)", "Kairat Sharipbayev", "shut down", 1,
     "Raided"),
    ("F-YN", "Facilities with suspected beneficiary Yerlan Nigmatulin (site illustrative)", "Yerlan Nigmatulin", "unknown", 1,
     "Suspected beneficiary; the article does not say whether these were shut down"),
    ("F-TM", "Companies associated with Tlegen Matkenov (site illustrative)", "Tlegen Matkenov", "unknown", 3,
     "Illegal mining, per the Financial Monitoring Agency; status not stated"),
]

def spot(i):
    _, lon, lat, spread, _ = REGIONS[i]
    return round(lon + rng.uniform(-spread, spread), 3), round(lat + rng.uniform(-spread * 0.6, spread * 0.6), 3)

rows = []
for fid, name, owner, status, region, note in ATTRIBUTED:
    lon, lat = spot(region)
    rows.append(dict(id=fid, name=name, lat=lat, lon=lon, status=status, capacity_mw="", precision="region",
                     owner=owner, source_url=SRC, placed_in=REGIONS[region][0], shut_down_by="2022-03" if fid in ("F-BN", "F-AK") else "",
                     illustrative="yes", note=note))
lon, lat = spot(3)
rows.append(dict(id="F-GANG", name="Underground farms run by the detained gang (site illustrative)", lat=lat, lon=lon,
                 status="unknown", capacity_mw="", precision="region", owner="Detained gang", source_url=SRC,
                 placed_in="not given by the source", shut_down_by="", illustrative="yes",
                 note="23 people detained (announced 1 Aug 2022); about $300,000-500,000 a month from mining"))
weights = [r[4] for r in REGIONS]
for n in range(1, 96):
    region = rng.choices(range(len(REGIONS)), weights)[0]
    lon, lat = spot(region)
    rows.append(dict(id=f"F{n:03d}", name=f"Illegal farm #{n} (illustrative)", lat=lat, lon=lon, status="shut down",
                     capacity_mw="", precision="region", owner="", source_url=SRC, placed_in=REGIONS[region][0],
                     shut_down_by="2022-03", illustrative="yes",
                     note="One of the 100+ farms found and shut down in the nationwide sweep; owner not named"))
with open("data/story/farms.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
print(len(rows), "farms")
