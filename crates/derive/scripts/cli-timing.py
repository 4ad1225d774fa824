#!/usr/bin/env python3
"""Wall time of `briefbot derive` calls, two binaries interleaved under the same load.

    cli-timing.py [RUNS]

Edit `bins` to name the two release binaries (before, after). Cases: a one-line article with
no briefings (the fixed start-up cost), a real article with the shipped briefings (what an
editor runs), and all real articles four times over as one text (throughput, start-up
subtracted). Prints medians and the after/before ratio.
"""
import subprocess, time, statistics, sys, os
bins = {"main": "/work/target-main-release/release/briefbot", "derive": "/work/wt-derive/target/release/briefbot"}
cases = {
  "tiny, no briefings": ["derive", "/tmp/speed/tiny.txt", "--briefings", "/tmp/empty-briefings"],
  "real article, shipped briefings": ["derive", "/work/shared/articles/2014-07-17-lukashenka-no-alternative-to-russia.txt", "--briefings", "/work/wt-derive/briefings"],
  "long text (all articles x4), no briefings": ["derive", "/tmp/speed/long.txt", "--briefings", "/tmp/empty-briefings"],
}
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
res = {}
for name, args in cases.items():
    for _ in range(runs):
        for b, path in bins.items():   # interleaved: both binaries under the same load
            t = time.perf_counter()
            subprocess.run([path] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd="/work/wt-derive")
            res.setdefault((name, b), []).append(time.perf_counter() - t)
size = os.path.getsize("/tmp/speed/long.txt")
for name in cases:
    m = {b: statistics.median(res[(name, b)]) * 1000 for b in bins}
    print(f"{name:45} main {m['main']:8.1f} ms   derive {m['derive']:8.1f} ms   ratio {m['derive']/m['main']:.2f}")
for b in bins:
    long_ms = statistics.median(res[("long text (all articles x4), no briefings", b)])
    tiny_ms = statistics.median(res[("tiny, no briefings", b)])
    print(f"{b}: long text {size/1e6:.2f} MB, throughput {size/1e6/(long_ms - tiny_ms):.1f} MB/s (start-up subtracted)")
