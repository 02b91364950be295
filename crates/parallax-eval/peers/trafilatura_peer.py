"""Runs trafilatura (and htmldate) on pages listed on stdin, as a peer for
parallax's evaluation and benchmark. Written for parallax; reads the pages in
place and prints one JSON object per page, then a summary line.

stdin:  one JSON object per line: {"id": ..., "path": ..., "url": ... or null}
stdout: {"id": ..., "text": ..., "title": ..., "author": ..., "date": ...}
        then {"summary": true, "seconds": ..., "peak_rss_kb": ..., "version": ...}
With --rounds N the pages are extracted N times and only the summary is printed.
"""
import gzip
import json
import resource
import sys
import time

import trafilatura
from trafilatura.metadata import extract_metadata


def load(path):
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data


def run(html, url):
    text = trafilatura.extract(html, url=url, include_comments=False, favor_precision=False) or ""
    meta = extract_metadata(html, default_url=url)
    title = meta.title if meta else None
    author = meta.author if meta else None
    date = meta.date if meta else None
    return text, title, author, date


def main():
    rounds = 1
    if len(sys.argv) > 2 and sys.argv[1] == "--rounds":
        rounds = int(sys.argv[2])
    pages = [json.loads(line) for line in sys.stdin if line.strip()]
    loaded = [(page, load(page["path"])) for page in pages]
    start = time.perf_counter()
    for round_no in range(rounds):
        for page, html in loaded:
            text, title, author, date = run(html, page.get("url"))
            if rounds == 1:
                print(json.dumps({"id": page["id"], "text": text, "title": title, "author": author, "date": date}))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"summary": True, "seconds": seconds, "peak_rss_kb": peak, "version": trafilatura.__version__}))


if __name__ == "__main__":
    main()
