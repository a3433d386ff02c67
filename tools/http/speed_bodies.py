#!/usr/bin/env python3
"""Request bodies for the /forecast speed table of docs/api.md: 1,000 seeded series of 120 points
(random walk + noise; with --seasonal a 12-month sine on top, "frequency": "M" and a start date),
horizon 24, with the given "selection".

    python3 tools/http/speed_bodies.py --seasonal best > big-seasonal-best.json
    curl -s -o /dev/null -w '%{time_total}\\n' localhost:8080/forecast \\
        -H 'Content-Type: application/json' --data-binary @big-seasonal-best.json
"""
import json
import math
import random
import sys

seasonal = "--seasonal" in sys.argv
selection = [a for a in sys.argv[1:] if not a.startswith("--")][0]
random.seed(7)
series = []
for i in range(1000):
    level = 100 + 20 * random.gauss(0, 1)
    amplitude = (5 + 10 * random.random()) if seasonal else 0
    values = []
    for t in range(120):
        level += random.gauss(0, 1)
        values.append(round(level + amplitude * math.sin(2 * math.pi * t / 12) + random.gauss(0, 2), 2))
    s = {"id": "s%d" % i, "values": values}
    if seasonal:
        s["start"] = "2015-01-31"
    series.append(s)
body = {"horizon": 24, "series": series, "selection": selection}
if seasonal:
    body["frequency"] = "M"
json.dump(body, sys.stdout)
