#!/usr/bin/python3
"""Counts what a catcher received for the hosts PREFIX-*: prints "<total> <distinct>" firing alerts.
  delivered.py webhook FILE PREFIX   webhook_catcher.py's lines; only deliveries it answered 200 count
  delivered.py smtp FILE PREFIX      smtp_catcher.py's lines; one FIRING email per host group"""
import json
import sys

kind, path, prefix = sys.argv[1], sys.argv[2], sys.argv[3] + "-"


def firing(record):
    if kind == "smtp":
        if record.get("kind") == "FIRING" and prefix in (record.get("group") or ""):
            yield record["group"]
        return
    if record["status"] != 200:
        return
    for alert in record["body"].get("alerts", []):
        labels = alert.get("labels", {})
        if alert.get("status") == "firing" and labels.get("host", "").startswith(prefix):
            yield alert.get("fingerprint") or json.dumps(labels, sort_keys=True)


total, distinct = 0, set()
try:
    with open(path) as f:
        for line in f:
            for key in firing(json.loads(line)):
                total += 1
                distinct.add(key)
except FileNotFoundError:
    pass
print(total, len(distinct))
