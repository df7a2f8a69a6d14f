#!/usr/bin/env bash
# Build benchmark for handbook: times `handbook build` on the repository's own
# content/ ("shipped") and on generated corpora of N chapters per language,
# and prints a Markdown table for BENCHMARKS.md.
#
#   benches/run.sh [sizes...]        default: shipped 100 1000 5000
#
# Environment:
#   BENCH_RUNS=5        timed runs per size (the median is reported)
#   BENCH_WARMUP=1      untimed runs before them
#   BENCH_MEM_RUNS=3    runs under GNU time for the peak RSS (the max is reported)
#   BENCH_SEED=1        corpus seed
#   BENCH_REGEN=1       regenerate the corpora even if they look current
#   BENCH_GENERATE_ONLY=1  build and generate the corpora, time nothing
#   BENCH_HANDBOOK=PATH time this handbook binary instead of building one
#                       (say, to compare two versions on the same corpora)
#   BENCH_NO_INSTALL=1  never apt-get install hyperfine / time
#   BENCH_NO_HYPERFINE=1  time with the plain bash loop even if hyperfine is there
#   CARGO_TARGET_DIR    as for cargo
#
# Corpora are generated once into bench-sites/<N> (git-ignored) and reused
# while the generator's source is unchanged. Progress goes to stderr; the
# report goes to stdout and to bench-sites/last-run.md.
set -euo pipefail

say() { printf '%s\n' "bench: $*" >&2; }
die() { say "error: $*"; exit 1; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
target=${CARGO_TARGET_DIR:-$repo/target}
runs=${BENCH_RUNS:-5}
warmup=${BENCH_WARMUP:-1}
mem_runs=${BENCH_MEM_RUNS:-3}
seed=${BENCH_SEED:-1}

if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(shipped 100 1000 5000); fi
for s in "${sizes[@]}"; do
    [[ $s == shipped || $s =~ ^[1-9][0-9]*$ ]] ||
        die "size '$s' is neither 'shipped' nor a positive number of chapters per language"
done
for n in "$runs" "$warmup" "$mem_runs" "$seed"; do
    [[ $n =~ ^[0-9]+$ ]] || die "BENCH_RUNS, BENCH_WARMUP, BENCH_MEM_RUNS and BENCH_SEED must be numbers"
done
if [ "$runs" -lt 1 ] || [ "$mem_runs" -lt 1 ]; then
    die "BENCH_RUNS and BENCH_MEM_RUNS must be at least 1"
fi

# --- tools ----------------------------------------------------------------
# hyperfine and GNU time are Debian packages; install them when we can.
want_pkgs=()
command -v hyperfine >/dev/null || want_pkgs+=(hyperfine)
[ -x /usr/bin/time ] || want_pkgs+=(time)
if [ ${#want_pkgs[@]} -gt 0 ] && [ -z "${BENCH_NO_INSTALL:-}" ] &&
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing ${want_pkgs[*]} (set BENCH_NO_INSTALL=1 to skip)"
    if ! { apt-get update -qq && apt-get install -y -qq "${want_pkgs[@]}"; } >/dev/null 2>&1; then
        say "could not install ${want_pkgs[*]}; using the fallbacks"
    fi
fi
have_hyperfine=false
if command -v hyperfine >/dev/null && [ -z "${BENCH_NO_HYPERFINE:-}" ]; then
    have_hyperfine=true
fi
if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
    mem_tool=gnu-time
elif command -v python3 >/dev/null; then
    mem_tool=python-rusage
else
    mem_tool=none
    say "neither GNU time (/usr/bin/time) nor python3: peak RSS will not be measured"
fi

# --- build ----------------------------------------------------------------
if [ -n "${BENCH_HANDBOOK:-}" ]; then
    say "building gen_corpus (release); timing $BENCH_HANDBOOK"
    cargo build --release --quiet --example gen_corpus || die "cargo build failed"
    handbook=$(realpath "$BENCH_HANDBOOK")
else
    say "building handbook and gen_corpus (release)"
    cargo build --release --quiet --bin handbook --example gen_corpus ||
        die "cargo build failed"
    handbook=$target/release/handbook
fi
gen=$target/release/examples/gen_corpus
[ -x "$handbook" ] || die "no binary at $handbook (is CARGO_TARGET_DIR right?)"
[ -x "$gen" ] || die "no binary at $gen (is CARGO_TARGET_DIR right?)"

# --- corpora --------------------------------------------------------------
# A corpus is current when it was made with the same seed by the same
# generator source; the stamp records both.
gen_hash=$(cat examples/gen_corpus/*.rs | sha256sum | cut -c1-16)
site_for() { # size -> site root
    if [ "$1" = shipped ]; then echo "$repo"; else echo "$repo/bench-sites/$1"; fi
}
for s in "${sizes[@]}"; do
    [ "$s" = shipped ] && continue
    dir=bench-sites/$s
    stamp="chapters=$s seed=$seed generator=$gen_hash"
    if [ -z "${BENCH_REGEN:-}" ] && [ -f "$dir/.bench-stamp" ] &&
        [ "$(cat "$dir/.bench-stamp")" = "$stamp" ]; then
        say "corpus $dir is current"
        continue
    fi
    say "generating $dir ($s chapters per language)"
    mkdir -p "$dir"
    rm -f "$dir/.bench-stamp"
    "$gen" --chapters "$s" --seed "$seed" --out "$dir" || die "gen_corpus failed for $s chapters"
    echo "$stamp" >"$dir/.bench-stamp"
done

if [ -n "${BENCH_GENERATE_ONLY:-}" ]; then
    say "BENCH_GENERATE_ONLY is set: corpora ready, nothing timed"
    exit 0
fi

# --- measuring ------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/handbook-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Peak RSS in KB of one run of "$@".
peak_kb() {
    case $mem_tool in
    gnu-time)
        /usr/bin/time -f %M -o "$work/mem" "$@" >/dev/null 2>&1 || return 1
        tail -n 1 "$work/mem"
        ;;
    python-rusage)
        python3 -c 'import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(r.returncode)' "$@"
        ;;
    *) echo "" ;;
    esac
}

# Wall times in ms (median min max) of $runs runs of "$@", each with a fresh
# output folder $out (removed before every run, outside the timing).
time_runs() {
    local out=$1; shift
    if $have_hyperfine; then
        hyperfine --style none --warmup "$warmup" --runs "$runs" \
            --prepare "rm -rf '$out'" --command-name build \
            --export-csv "$work/hf.csv" -- "$(printf '%q ' "$@")" >/dev/null 2>&1 ||
            return 1
        # command,mean,stddev,median,user,system,min,max (seconds)
        awk -F, 'NR == 2 { printf "%.0f %.0f %.0f\n", $4 * 1000, $7 * 1000, $8 * 1000 }' "$work/hf.csv"
    else
        local i t0 t1
        for ((i = 0; i < warmup; i++)); do rm -rf "$out"; "$@" >/dev/null 2>&1 || return 1; done
        : >"$work/times"
        for ((i = 0; i < runs; i++)); do
            rm -rf "$out"
            t0=$(date +%s%N)
            "$@" >/dev/null 2>&1 || return 1
            t1=$(date +%s%N)
            echo $(((t1 - t0) / 1000)) >>"$work/times" # microseconds
        done
        sort -n "$work/times" | awk '{ t[NR] = $1 } END {
            m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
            printf "%.0f %.0f %.0f\n", m / 1000, t[1] / 1000, t[NR] / 1000 }'
    fi
}

rows=()
for s in "${sizes[@]}"; do
    root=$(site_for "$s")
    out=$work/out-$s
    if [ ! -d "$root/content" ]; then
        say "skipping $s: $root has no content/"
        rows+=("| $s | – | – | – | – | – |")
        continue
    fi
    cmd=("$handbook" build --root "$root" --out "$out")
    say "checking that $s builds"
    rm -rf "$out"
    if ! "${cmd[@]}" >"$work/log" 2>&1; then
        say "handbook build failed on $root; its last output lines:"
        tail -n 20 "$work/log" >&2
        die "cannot benchmark a failing build"
    fi
    pages=0
    [ -d "$out" ] && pages=$(find "$out" -name '*.html' | wc -l)
    if [ "$pages" -eq 0 ]; then
        die "handbook build on $root exited 0 but wrote no HTML into $out: is 'build' implemented?"
    fi
    say "timing $s ($pages HTML pages): $warmup warm-up + $runs runs"
    read -r median min max < <(time_runs "$out" "${cmd[@]}") || die "a timed run of $s failed"
    peak=0
    if [ "$mem_tool" != none ]; then
        for ((i = 0; i < mem_runs; i++)); do
            rm -rf "$out"
            kb=$(peak_kb "${cmd[@]}") || die "the memory run of $s failed"
            if [ "$kb" -gt "$peak" ]; then peak=$kb; fi
        done
        peak_mb=$(awk -v k="$peak" 'BEGIN { printf "%.0f", k / 1024 }')
    else
        peak_mb="n/a"
    fi
    say "$s: median $median ms (min $min, max $max), peak RSS $peak_mb MB"
    rows+=("| $s | $pages | $median | $min | $max | $peak_mb |")
done

# --- report ---------------------------------------------------------------
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
branch=$(git rev-parse --abbrev-ref HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- src themes Cargo.toml Cargo.lock 2>/dev/null || commit="$commit (with uncommitted changes)"
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)
mem=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)
if $have_hyperfine; then
    timer="hyperfine $(hyperfine --version | awk '{ print $2 }'), $warmup warm-up + $runs timed runs"
else
    timer="bash loop with date +%s%N, $warmup warm-up + $runs timed runs"
fi
case $mem_tool in
gnu-time) memnote="GNU time %M, the largest of $mem_runs runs" ;;
python-rusage) memnote="getrusage(RUSAGE_CHILDREN).ru_maxrss, the largest of $mem_runs runs" ;;
*) memnote="not measured" ;;
esac

report=$work/report.md
{
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Commit: $commit on $branch"
    echo "- Machine: $(nproc) cores ($cpu), ${mem:-? GiB} memory, $(uname -sr)"
    echo "- Command: \`handbook build --root <site> --out <tmp dir>\` (release build; the output"
    echo "  folder is removed before every run, outside the timing); <site> is the repository"
    echo "  for \"shipped\", else \`bench-sites/<N>\` from \`gen_corpus --chapters <N> --seed $seed\`"
    echo "- Wall time: $timer; peak memory: $memnote"
    echo
    echo "| chapters per language | HTML pages | median wall (ms) | min (ms) | max (ms) | peak RSS (MB) |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${rows[@]}"
} >"$report"
mkdir -p bench-sites
cp "$report" bench-sites/last-run.md
cat "$report"
