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
#   BENCH_MEM_RUNS=3    runs under GNU time for CPU time (median) and peak RSS (max)
#   BENCH_QUIET=1       before each size, wait until the CPUs are idle (0: don't)
#   BENCH_QUIET_TIMEOUT=300  ...but no longer than this many seconds
#   BENCH_INSTR_MAX=1000  count instructions (valgrind) up to this size (and shipped); 0: never
#   TMPDIR              where the output folder goes (e.g. /dev/shm to leave
#                       the disk out of the figures)
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
out_fs=$(stat -f -c %T "$work" 2>/dev/null || echo unknown)

# Percent of all CPUs busy over one second, whoever uses them.
busy_percent() {
    local a b
    read -r -a a < <(grep '^cpu ' /proc/stat)
    sleep 1
    read -r -a b < <(grep '^cpu ' /proc/stat)
    # user nice system idle iowait irq softirq steal
    local busy=$(((b[1] + b[2] + b[3] + b[6] + b[7] + b[8]) - (a[1] + a[2] + a[3] + a[6] + a[7] + a[8])))
    local idle=$(((b[4] + b[5]) - (a[4] + a[5])))
    echo $((100 * busy / (busy + idle > 0 ? busy + idle : 1)))
}

# Other work on the machine (a compile, a test run) skews wall times: wait
# until the CPUs are nearly idle for 3 s in a row, at most $quiet_timeout s.
quiet_timeout=${BENCH_QUIET_TIMEOUT:-300}
noisy_sizes=()
wait_quiet() {
    [ "${BENCH_QUIET:-1}" = 0 ] && return 0
    [ -r /proc/stat ] || return 0
    local calm=0 waited=0 b
    while [ "$calm" -lt 3 ]; do
        b=$(busy_percent)
        if [ "$b" -le 10 ]; then
            calm=$((calm + 1))
        else
            calm=0
            if [ "$waited" -eq 0 ]; then say "waiting for the machine to go quiet ($b% CPU busy)"; fi
        fi
        waited=$((waited + 1))
        if [ "$waited" -ge "$quiet_timeout" ]; then
            say "still busy after ${quiet_timeout}s ($b% CPU); measuring $1 anyway"
            noisy_sizes+=("$1")
            return 0
        fi
    done
}

# CPU seconds used so far by all CPUs (from /proc/stat), and by this
# script's finished children (bash's `times`): their difference over a
# stretch is what other processes used meanwhile.
all_cpu_s() {
    awk -v hz="$(getconf CLK_TCK)" '/^cpu / { print ($2 + $3 + $4 + $7 + $8 + $9) / hz }' /proc/stat
}
# `times` must run in this shell, not a subshell (a fork starts at zero), so
# it writes to a file; use it as `own_cpu_s; x=$(cat "$work/own")`.
own_cpu_s() {
    times >"$work/bash-times"
    tail -n 1 "$work/bash-times" |
        awk '{ s = 0; for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); s += t[1] * 60 + t[2] }; print s }' >"$work/own"
}

# "peak-KB cpu-ms" of one run of "$@": peak RSS and user+system CPU time.
measure_run() {
    case $mem_tool in
    gnu-time)
        /usr/bin/time -f '%M %U %S' -o "$work/mem" "$@" >/dev/null 2>&1 || return 1
        tail -n 1 "$work/mem" | awk '{ printf "%d %.0f\n", $1, ($2 + $3) * 1000 }'
        ;;
    python-rusage)
        python3 -c 'import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(u.ru_maxrss, round((u.ru_utime + u.ru_stime) * 1000))
sys.exit(r.returncode)' "$@"
        ;;
    *) echo "0 0" ;;
    esac
}

# Wall times in ms (median min max) of $runs runs of "$@", each into an
# empty output folder $out (removed and synced before every run, outside
# the timing, so one run's deletes don't land in the next one's timing).
time_runs() {
    local out=$1; shift
    if $have_hyperfine; then
        hyperfine --style none --warmup "$warmup" --runs "$runs" \
            --prepare "rm -rf '$out' && sync" --command-name build \
            --export-csv "$work/hf.csv" -- "$(printf '%q ' "$@")" >/dev/null 2>&1 ||
            return 1
        # command,mean,stddev,median,user,system,min,max (seconds)
        awk -F, 'NR == 2 { printf "%.0f %.0f %.0f\n", $4 * 1000, $7 * 1000, $8 * 1000 }' "$work/hf.csv"
    else
        local i t0 t1
        for ((i = 0; i < warmup; i++)); do rm -rf "$out"; "$@" >/dev/null 2>&1 || return 1; done
        : >"$work/times"
        for ((i = 0; i < runs; i++)); do
            rm -rf "$out" && sync
            t0=$(date +%s%N)
            "$@" >/dev/null 2>&1 || return 1
            t1=$(date +%s%N)
            echo $(((t1 - t0) / 1000)) >>"$work/times" # microseconds
        done
        median_min_max <"$work/times" | awk '{ printf "%.0f %.0f %.0f\n", $1 / 1000, $2 / 1000, $3 / 1000 }'
    fi
}

# One line of numbers in, "median min max" out.
median_min_max() {
    sort -n | awk '{ t[NR] = $1 } END {
        m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
        print m, t[1], t[NR] }'
}

# Instructions executed by one build (valgrind --tool=callgrind): unlike
# wall and CPU time, the same on a busy machine, so before/after
# comparisons of a change stay meaningful. Slow (~25x), so only up to
# $instr_max chapters per language.
instr_max=${BENCH_INSTR_MAX:-1000}
have_valgrind=false
command -v valgrind >/dev/null && have_valgrind=true
instructions() {
    local out=$1; shift
    rm -rf "$out"
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" >/dev/null 2>"$work/vg" || return 1
    sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$work/vg" | awk '{ printf "%.2f", $1 / 1e9 }'
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
rows=()
for s in "${sizes[@]}"; do
    root=$(site_for "$s")
    out=$work/out-$s
    if [ ! -d "$root/content" ]; then
        say "skipping $s: $root has no content/"
        rows+=("| $s | – | – | – | – | – | – | – | – |")
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
    wait_quiet "$s"
    say "timing $s ($pages HTML pages): $warmup warm-up + $runs runs"
    own_cpu_s
    all0=$(all_cpu_s) own0=$(cat "$work/own") t0=$(date +%s%N)
    time_runs "$out" "${cmd[@]}" >"$work/wall" || die "a timed run of $s failed"
    own_cpu_s
    all1=$(all_cpu_s) own1=$(cat "$work/own") t1=$(date +%s%N)
    read -r median min max <"$work/wall"
    # Share of the machine that other processes used while we timed.
    others=$(awk -v a0="$all0" -v a1="$all1" -v o0="$own0" -v o1="$own1" \
        -v ns="$((t1 - t0))" -v n="$(nproc)" 'BEGIN {
            x = ((a1 - a0) - (o1 - o0)) / (ns / 1e9 * n) * 100; if (x < 0) x = 0; printf "%.0f", x }')
    peak_mb="n/a" cpu_ms="n/a"
    if [ "$mem_tool" != none ]; then
        peak=0
        : >"$work/cpu"
        for ((i = 0; i < mem_runs; i++)); do
            rm -rf "$out" && sync
            read -r kb ms < <(measure_run "${cmd[@]}") || die "the memory run of $s failed"
            if [ "$kb" -gt "$peak" ]; then peak=$kb; fi
            echo "$ms" >>"$work/cpu"
        done
        peak_mb=$(awk -v k="$peak" 'BEGIN { printf "%.0f", k / 1024 }')
        cpu_ms=$(median_min_max <"$work/cpu" | awk '{ printf "%.0f", $1 }')
    fi
    instr="–"
    if $have_valgrind && [ "$instr_max" -gt 0 ] && { [ "$s" = shipped ] || [ "$s" -le "$instr_max" ]; }; then
        say "counting instructions of $s under valgrind"
        instr=$(instructions "$out" "${cmd[@]}") || die "the valgrind run of $s failed"
    fi
    say "$s: median $median ms (min $min, max $max), CPU $cpu_ms ms, peak RSS $peak_mb MB, $instr G instructions, others used $others% of the CPUs"
    rows+=("| $s | $pages | $median | $min | $max | $cpu_ms | $peak_mb | $instr | $others |")
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

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
gnu-time) memnote="GNU time (%U+%S, %M) over $mem_runs more runs: the median CPU time, the largest peak RSS" ;;
python-rusage) memnote="getrusage(RUSAGE_CHILDREN) over $mem_runs more runs: the median CPU time, the largest ru_maxrss" ;;
*) memnote="not measured" ;;
esac
if [ "${BENCH_QUIET:-1}" = 0 ]; then
    quiet="not awaited (BENCH_QUIET=0)"
elif [ ${#noisy_sizes[@]} -gt 0 ]; then
    quiet="awaited, but the machine stayed busy for: ${noisy_sizes[*]} (those wall times are inflated)"
else
    quiet="each size started after 3 s with the CPUs at most 10% busy"
fi

report=$work/report.md
{
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Commit: $commit on $branch"
    echo "- Machine: $(nproc) cores ($cpu), ${mem:-? GiB} memory, $(uname -sr)"
    echo "- Command: \`handbook build --root <site> --out <tmp dir>\` (release build; the output"
    echo "  folder is removed before every run, outside the timing); <site> is the repository"
    echo "  for \"shipped\", else \`bench-sites/<N>\` from \`gen_corpus --chapters <N> --seed $seed\`"
    echo "- Output folder on: $out_fs (set TMPDIR to move it)"
    echo "- Wall time: $timer; CPU time and peak memory: $memnote"
    if $have_valgrind; then
        echo "- Instructions: one run under valgrind --tool=callgrind, for sizes up to $instr_max"
    fi
    echo "- Other load: $quiet; load average before $load_before, after $load_after;"
    echo "  \"other load\" is the share of all CPUs that other processes used while a size was"
    echo "  timed (/proc/stat minus this script's children): above ~5% its wall times are suspect"
    echo
    echo "| chapters per language | HTML pages | median wall (ms) | min (ms) | max (ms) | CPU user+sys (ms) | peak RSS (MB) | instructions (G) | other load (%) |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${rows[@]}"
} >"$report"
mkdir -p bench-sites
cp "$report" bench-sites/last-run.md
cat "$report"
