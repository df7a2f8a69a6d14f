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
# One warm-up build of each, then SHARE_RUNS rounds in which the two binaries
# take turns, first one then the other going first (so that load from other
# work falls on both alike): the output
# folder removed and synced, then `handbook build --root <site> --out <dir>`
# timed by hyperfine (Debian package `hyperfine`; with python3 to read its
# report): wall to the microsecond, user+sys CPU from the kernel. The shipped
# handbook builds in ~15 ms, so there each turn is a batch of 5 runs (median
# wall, mean CPU). Without hyperfine, GNU time (10 ms resolution). The table
# gives the medians over the rounds. "Other load" is the share of both CPUs
# that other processes used while a size was timed (/proc/stat minus our own
# runs; removing the output between runs counts as other load too). On a
# shared machine single runs vary by a third; the fastest run of each is the
# one least disturbed, so its ratio is given beside the medians'.
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
[ -x /usr/bin/time ] || die "GNU time is needed (Debian package 'time')"
use_hyperfine=false
if command -v hyperfine >/dev/null && command -v python3 >/dev/null && [ -z "${SHARE_NO_HYPERFINE:-}" ]; then
    use_hyperfine=true
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
echo "| chapters/lang | wall with / without (median) | wall added | fastest with / without | wall added (fastest) | CPU with / without (median) | CPU added | other load |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
# One measurement of one binary by hyperfine: a batch of $batch runs, appending
# "median-wall mean-cpu" to $2 and "total-wall total-cpu" to $work/span.
hyper() {
    local bin=$1 log=$2 site=$3
    hyperfine -N --style none --runs "$batch" --prepare "sh -c 'rm -rf $work/out && sync'" \
        --export-json "$work/h.json" \
        "$bin build --root $site --out $work/out" >/dev/null 2>"$work/err" ||
        { tail -n 20 "$work/err" >&2; die "$bin fails on $site"; }
    python3 - "$work/h.json" >>"$log" 2>>"$work/span" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
cpu = r["user"] + r["system"]
print(f"{r['median']:.4f} {cpu:.4f}")
print(f"{sum(r['times']):.4f} {cpu * len(r['times']):.4f}", file=sys.stderr)
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
    : >"$work/span"
    # Either way the two binaries take turns, so that load from other work
    # falls on both alike.
    measure=run
    $use_hyperfine && measure=hyper
    batch=1
    [ "$n" = shipped ] && batch=5
    run "$with" /dev/null "$site" # warm the page cache
    run "$without" /dev/null "$site"
    b0=$(busy)
    for ((i = 1; i <= runs; i++)); do
        say "$n: round $i of $runs ($measure)"
        # Which goes first alternates, so that neither always follows the other.
        if ((i % 2)); then
            $measure "$with" "$work/with" "$site"
            $measure "$without" "$work/without" "$site"
        else
            $measure "$without" "$work/without" "$site"
            $measure "$with" "$work/with" "$site"
        fi
    done
    b1=$(busy)
    if [ "$measure" = run ]; then cat "$work/with" "$work/without" >"$work/span"; fi
    span=$(awk '{ w += $1; c += $2 } END { print w, c }' "$work/span")
    ww=$(cut -d' ' -f1 "$work/with" | median)
    wo=$(cut -d' ' -f1 "$work/without" | median)
    fw=$(cut -d' ' -f1 "$work/with" | sort -g | head -n 1)
    fo=$(cut -d' ' -f1 "$work/without" | sort -g | head -n 1)
    cw=$(cut -d' ' -f2 "$work/with" | median)
    co=$(cut -d' ' -f2 "$work/without" | median)
    # Others' CPU: busy jiffies over the timed span minus our own runs' CPU.
    other=$(awk -v b="$((b1 - b0))" -v hz="$hz" -v cpus="$cpus" -v s="$span" 'BEGIN {
        split(s, a, " "); o = b / hz - a[2]; if (o < 0) o = 0; printf "%.0f%%", 100 * o / (a[1] * cpus) }')
    awk -v n="$n" -v ww="$ww" -v wo="$wo" -v fw="$fw" -v fo="$fo" -v cw="$cw" -v co="$co" -v other="$other" 'BEGIN {
        printf "| %s | %.3f / %.3f s | %+.1f%% | %.3f / %.3f s | %+.1f%% | %.3f / %.3f s | %+.1f%% | %s |\n",
            n, ww, wo, 100 * (ww - wo) / wo, fw, fo, 100 * (fw - fo) / fo, cw, co, 100 * (cw - co) / co, other }'
done
