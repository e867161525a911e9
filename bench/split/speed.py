#!/usr/bin/env python3
"""CPU time of the whole `jisr split` command on running text, in MB/s a core.

The input is the running text of the ntrex-ar-en dev documents
(../shared/data), repeated to about --mb megabytes per language (1 MB = 10^6
bytes). Each binary is run --runs times, alternating, and its best user +
system CPU time is kept, so other work on the machine matters little. With
--before, a second binary (an older build) runs in the same session and the
ratio of the two is printed.

Usage: bench/split/speed.py [--jisr PATH] [--before PATH] [--mb 20] [--runs 3]
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile


def cpu_seconds(cmd):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jisr", default=os.path.join(root, "build", "release", "bin", "jisr"))
    ap.add_argument("--before", help="another jisr binary to compare with")
    ap.add_argument("--data", default=os.path.join(root, "..", "shared", "data"))
    ap.add_argument("--mb", type=float, default=20)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    docs_list = os.path.join(args.data, "splits", "ntrex-ar-en.dev.txt")
    if not os.path.exists(docs_list):
        print(f"speed.py: no document list {docs_list}", file=sys.stderr)
        return 2
    with open(docs_list, encoding="utf-8") as f:
        docs = [l.strip() for l in f if l.strip()]
    binaries = [("jisr", args.jisr)] + ([("before", args.before)] if args.before else [])
    print("| language | MB | " + " | ".join(f"{n} MB/s CPU" for n, _ in binaries) +
          (" | jisr / before |" if args.before else ""))
    print("|---|---:|" + "---:|" * len(binaries) + ("---:|" if args.before else ""))
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("en", "ar"):
            one = "".join(open(os.path.join(args.data, "ntrex-ar-en", f"{d}.{lang}.txt"),
                               encoding="utf-8").read() + "\n\n" for d in docs)
            path = os.path.join(tmp, f"input.{lang}")
            with open(path, "w", encoding="utf-8") as f:
                f.write(one * (int(args.mb * 1e6) // len(one.encode("utf-8")) + 1))
            mb = os.path.getsize(path) / 1e6
            best = {}
            for _ in range(args.runs):
                for name, binary in binaries:
                    t = cpu_seconds([binary, "split", "--lang", lang, path])
                    best[name] = min(best.get(name, float("inf")), t)
            row = f"| {lang} | {mb:.1f} | " + " | ".join(f"{mb / best[n]:.1f}" for n, _ in binaries)
            if args.before:
                row += f" | {best['before'] / best['jisr']:.2f}"
            print(row + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
