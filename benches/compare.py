#!/usr/bin/env python3
"""Compare `handbook build` binaries on one site, in interleaved rounds.

    benches/compare.py SITE ROUNDS BINARY... [--stages]

Each round builds SITE once with every BINARY (the order reversed every other
round, so that neither always goes first), into a fresh output folder under
$TMPDIR (default /dev/shm). Three warm-up builds each come first. Prints, per
binary, the median wall time and its ratio to the last binary's, the same for
the first quartile, the fastest run, and the median CPU time (user + sys, from
the kernel). With --stages it prints instead the median of every stage that
`HANDBOOK_TIMINGS=1` reports (in-process, so without the process's start and
exit), and their sum; the steps of each search index (`search index fi: score`),
which run beside the stages on another thread, are listed but not summed.

A BINARY may be prefixed with one environment setting, `VAR=value:path`
(e.g. `MIMALLOC_ALLOW_THP=0:target/release/handbook`).

benches/search_share.sh times the build with and without the search index this
way; this script is for comparing any builds, e.g. a change against the commit
before it: on this shared 2-core machine single builds vary by a third, so only
many interleaved rounds tell a few per cent apart.
"""

import collections
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def parse(spec):
    """(path, extra environment) of a BINARY argument."""
    env = {}
    head, sep, rest = spec.partition(":")
    if sep and "=" in head:
        key, value = head.split("=", 1)
        env[key] = value
        spec = rest
    return spec, env


def run(binary, env, site, out, stages):
    """One build: (wall s, cpu s, {stage: ms})."""
    shutil.rmtree(out, ignore_errors=True)
    full = dict(os.environ, **env)
    if stages:
        full["HANDBOOK_TIMINGS"] = "1"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [binary, "build", "--root", site, "--out", out],
        env=full,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE if stages else subprocess.DEVNULL,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"compare: {binary} failed on {site}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    laps = {}
    seen = collections.Counter()
    for line in (done.stderr or "").splitlines():
        # "timing: <stage> <ms> ms"; a stage run once per language repeats.
        parts = line.split()
        if line.startswith("timing:") and parts[-1] == "ms":
            name = " ".join(parts[1:-2])
            seen[name] += 1
            laps[f"{name} #{seen[name]}"] = float(parts[-2])
    return wall, cpu, laps


def main():
    args = [a for a in sys.argv[1:] if a != "--stages"]
    stages = len(args) < len(sys.argv) - 1
    if len(args) < 3 or not args[1].isdigit():
        sys.exit(__doc__)
    site, rounds, specs = args[0], int(args[1]), args[2:]
    binaries = [parse(s) for s in specs]
    work = tempfile.mkdtemp(prefix="compare.", dir=os.environ.get("TMPDIR", "/dev/shm"))
    out = os.path.join(work, "out")
    walls = collections.defaultdict(list)
    cpus = collections.defaultdict(list)
    laps = collections.defaultdict(lambda: collections.defaultdict(list))
    try:
        for spec, (binary, env) in zip(specs, binaries):
            for _ in range(3):
                run(binary, env, site, out, stages)
        for i in range(rounds):
            order = list(zip(specs, binaries))
            if i % 2:
                order.reverse()
            for spec, (binary, env) in order:
                wall, cpu, stage_laps = run(binary, env, site, out, stages)
                walls[spec].append(wall)
                cpus[spec].append(cpu)
                for name, ms in stage_laps.items():
                    laps[spec][name].append(ms)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    median = statistics.median
    if stages:
        # Every stage any binary reports, in the order they first appear.
        names = list(dict.fromkeys(n for s in specs for n in laps[s]))
        print(f"{'stage (median ms)':40}" + "".join(f"{s[-24:]:>26}" for s in specs))
        for name in names:
            row = [median(laps[s][name]) if laps[s].get(name) else float("nan") for s in specs]
            print(f"{name:40}" + "".join(f"{v:26.2f}" for v in row))
        # A search index's steps ran beside the stages: not part of their sum.
        sums = [
            sum(median(v) for n, v in laps[s].items() if v and not beside(n)) for s in specs
        ]
        print(f"{'sum (of the stages, not the index steps)':40}" + "".join(f"{v:26.2f}" for v in sums))
        return
    base = median(walls[specs[-1]])
    base_q1 = quartile(walls[specs[-1]])
    for spec in specs:
        m, q1 = median(walls[spec]), quartile(walls[spec])
        print(
            f"{spec:50} wall median {m * 1e3:9.2f} ms (x{m / base:.3f})"
            f"  first quartile {q1 * 1e3:9.2f} ms (x{q1 / base_q1:.3f})"
            f"  fastest {min(walls[spec]) * 1e3:9.2f}  CPU median {median(cpus[spec]) * 1e3:9.2f} ms"
        )


def beside(stage):
    """Whether a timing is a step of a search index (`search index fi: score`),
    which runs on another thread beside the stages of the build."""
    return stage.startswith("search index ") and ":" in stage


def quartile(values):
    """The first quartile: on this machine a build's time has two modes (some
    runs clear fresh memory far more slowly, in the kernel), and a median of a few
    dozen rounds lands on either; the lower quartile stays on the fast one."""
    return statistics.quantiles(values, n=4)[0] if len(values) > 1 else values[0]


if __name__ == "__main__":
    main()
