#!/usr/bin/env bash
# What does the search index add to `handbook build`? Builds handbook twice —
# as shipped, and with the `bench-without-search` feature, which builds every
# language's index from no pages — then times both on the same corpora,
# alternating runs so that other load falls on both alike, and prints a
# Markdown table for BENCHMARKS.md.
#
#   benches/search_share.sh [sizes...]     default: shipped 1000 5000
#
# "shipped" is the repository's own content/; a number is a generated corpus
# of that many chapters per language (bench-sites/<N>, as benches/run.sh).
#
# Environment:
#   SHARE_RUNS=7     runs of each binary per size (medians are reported)
#   SHARE_NO_HYPERFINE=1  time with GNU time even if hyperfine is there
#   TMPDIR           where the output folder goes (/dev/shm leaves the disk out)
#   BENCH_SEED=1     corpus seed (corpora are generated as benches/run.sh does)
#
# Each run: the output folder removed, then
# `handbook build --root <site> --out <dir>`. With hyperfine (Debian package
# `hyperfine`; needed for the shipped handbook's ~20 ms builds), one warm-up and
# SHARE_RUNS runs of each binary: median wall time, mean user+sys CPU. Without
# it, GNU time (10 ms resolution) around alternating runs: medians of both.
# "Other load" is the share of both CPUs that other processes used while a size
# was timed (/proc/stat minus our own runs).
set -euo pipefail

say() { printf '%s\n' "share: $*" >&2; }
die() { say "error: $*"; exit 1; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
runs=${SHARE_RUNS:-7}
seed=${BENCH_SEED:-1}
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "SHARE_RUNS must be a positive number"
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(shipped 1000 5000); fi
for s in "${sizes[@]}"; do
    [[ $s == shipped || $s =~ ^[1-9][0-9]*$ ]] ||
        die "size '$s' is neither 'shipped' nor a positive number of chapters per language"
done
use_hyperfine=false
if command -v hyperfine >/dev/null && [ -z "${SHARE_NO_HYPERFINE:-}" ] && command -v python3 >/dev/null; then
    use_hyperfine=true
elif [ ! -x /usr/bin/time ]; then
    die "hyperfine (and python3) or GNU time is needed (Debian packages 'hyperfine', 'time')"
fi

with_dir=${CARGO_TARGET_DIR:-$repo/target}
without_dir=$repo/bench-sites/target-without-search
say "building handbook with the search index"
cargo build --release --quiet --bin handbook --example gen_corpus || die "cargo build failed"
say "building handbook without it (--features bench-without-search, into $without_dir)"
CARGO_TARGET_DIR=$without_dir cargo build --release --quiet --bin handbook \
    --features bench-without-search || die "cargo build failed"
with=$with_dir/release/handbook
without=$without_dir/release/handbook

work=$(mktemp -d "${TMPDIR:-/tmp}/handbook-share.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Busy jiffies (user+nice+system+irq+softirq+steal) of the whole machine.
busy() { awk '/^cpu /{ print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# One timed build: appends "wall cpu" to $2.
run() {
    local bin=$1 log=$2 site=$3
    rm -rf "$work/out"
    sync
    /usr/bin/time -o "$work/time" -f '%e %U %S' "$bin" build --root "$site" --out "$work/out" \
        >/dev/null 2>"$work/err" || { tail -n 20 "$work/err" >&2; die "$bin fails on $site"; }
    awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$work/time" >>"$log"
}

hz=$(getconf CLK_TCK)
cpus=$(nproc)
echo "# Search index share: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), nproc $cpus, output on $(df -T "$work" | awk 'NR == 2 { print $2 }'), $runs runs of each, $($use_hyperfine && echo hyperfine || echo 'GNU time')"
echo
echo "| chapters/lang | wall with / without (median) | wall added | CPU with / without (median) | CPU added | other load |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
# hyperfine: "wall cpu" lines (median wall, mean user+sys) for both commands,
# into $work/with and $work/without, and the total seconds of our runs.
hyper() {
    local site=$1
    hyperfine -N --style none --warmup 1 --runs "$runs" --prepare "rm -rf $work/out" \
        --export-json "$work/h.json" \
        "$with build --root $site --out $work/out" \
        "$without build --root $site --out $work/out" >/dev/null 2>"$work/err" ||
        { tail -n 20 "$work/err" >&2; die "a build fails on $site"; }
    python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
results = json.load(open(work + "/h.json"))["results"]
for name, r in zip(["with", "without"], results):
    with open(f"{work}/{name}", "w") as f:
        f.write(f"{r['median']:.4f} {r['user'] + r['system']:.4f}\n")
print(sum(sum(r["times"]) for r in results), sum((r["user"] + r["system"]) * len(r["times"]) for r in results))
PY
}

for n in "${sizes[@]}"; do
    site=bench-sites/$n
    [ "$n" = shipped ] && site=.
    if [ ! -f "$site/content/site.yaml" ]; then
        say "generating $site"
        "$with_dir/release/examples/gen_corpus" --chapters "$n" --seed "$seed" --out "$site" >/dev/null
    fi
    : >"$work/with"
    : >"$work/without"
    b0=$(busy)
    if $use_hyperfine; then
        say "$n: hyperfine, $runs runs of each"
        span=$(hyper "$site")
    else
        run "$with" /dev/null "$site" # warm the page cache
        run "$without" /dev/null "$site"
        b0=$(busy)
        for ((i = 1; i <= runs; i++)); do
            say "$n: run $i of $runs"
            run "$with" "$work/with" "$site"
            run "$without" "$work/without" "$site"
        done
        span=$(cat "$work/with" "$work/without" | awk '{ w += $1; c += $2 } END { print w, c }')
    fi
    b1=$(busy)
    ww=$(cut -d' ' -f1 "$work/with" | median)
    wo=$(cut -d' ' -f1 "$work/without" | median)
    cw=$(cut -d' ' -f2 "$work/with" | median)
    co=$(cut -d' ' -f2 "$work/without" | median)
    # Others' CPU: busy jiffies over the timed span minus our own runs' CPU
    # (the sync and rm between runs count as other load too).
    other=$(awk -v b="$((b1 - b0))" -v hz="$hz" -v cpus="$cpus" -v s="$span" 'BEGIN {
        split(s, a, " "); o = b / hz - a[2]; if (o < 0) o = 0; printf "%.0f%%", 100 * o / (a[1] * cpus) }')
    awk -v n="$n" -v ww="$ww" -v wo="$wo" -v cw="$cw" -v co="$co" -v other="$other" 'BEGIN {
        printf "| %s | %.3f / %.3f s | %+.1f%% | %.3f / %.3f s | %+.1f%% | %s |\n",
            n, ww, wo, 100 * (ww - wo) / wo, cw, co, 100 * (cw - co) / co, other }'
done
