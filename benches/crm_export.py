#!/usr/bin/env python3
"""Write a large CRM export for the calibration benchmark (docs/benchmarks.md):
copies of the public sample (data/crm-sample/sales_pipeline.csv), each with its own
sellers and opportunity ids, until N rows.  Usage: crm_export.py N OUT.csv"""
import csv
import sys
from pathlib import Path

n, out = int(sys.argv[1]), sys.argv[2]
sample = Path(__file__).resolve().parent.parent / "data/crm-sample/sales_pipeline.csv"
with open(sample, newline="") as f:
    reader = csv.reader(f)
    header = next(reader)
    rows = list(reader)
with open(out, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(header)
    written, copy = 0, 0
    while written < n:
        for r in rows:
            if written == n:
                break
            w.writerow([f"{r[0]}-{copy}", f"{r[1]} #{copy}"] + r[2:])
            written += 1
        copy += 1
