"""Licences of every crate cargo metadata resolves (features included),
against deny.toml's allow list. cargo-deny does not see the crates of
parallax-embed, which sits outside the workspace's members and is built by
the CLI's embed feature; this reads them from cargo metadata instead."""
import json
import re
import sys
import tomllib

allow = set(tomllib.load(open("deny.toml", "rb"))["licenses"]["allow"])
bad = []
for package in json.load(sys.stdin)["packages"]:
    licence = (package.get("license") or "").replace("(", "").replace(")", "")
    options = re.split(r"\s+OR\s+|/", licence)
    if not any(all(t.strip() in allow for t in re.split(r"\s+AND\s+", o)) for o in options):
        bad.append("%s %s: %s" % (package["name"], package["version"], licence or "no licence"))
print("\n".join(bad) if bad else "licences of every crate, embed feature included: ok")
sys.exit(1 if bad else 0)
