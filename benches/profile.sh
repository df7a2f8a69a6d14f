#!/usr/bin/env bash
# Where does `handbook build` spend its time? Profiles one build of a
# generated corpus and prints the hottest functions, self and inclusive.
#
#   benches/profile.sh [chapters-per-language]     default: 1000
#
# Uses `perf record` with the cpu-clock software event (works in VMs whose
# hardware counters are hidden) when it can, else valgrind's callgrind
# (instruction counts: slower, but exact and repeatable). The binary is a
# release build with line tables and frame pointers, kept apart in
# bench-sites/target-profile/ (or PROFILE_TARGET_DIR) so it never replaces
# the binary benches/run.sh measures.
# Environment: PROFILER=perf|callgrind to choose; BENCH_SEED as in run.sh.
# The report goes to stdout and to bench-sites/profile-<N>.txt.
set -euo pipefail

say() { printf '%s\n' "profile: $*" >&2; }
# perf report's rows without comments, blank lines and trailing padding.
tidy() { grep -v -e '^#' -e '^$' | sed 's/[[:space:]-]*$//'; }
# callgrind_annotate's function rows, without the binary's path, each
# function once (its source-file and binary-object rows repeat it).
cg_rows() {
    grep -E '^ *[0-9,]+ \(' | grep -v ' => ' | sed 's/ \[[^]]*\]$//' |
        awk '{ if (match($0, /[^:]:[^:]/)) { key = substr($0, RSTART + 2) } else { key = $0 }
               if (!seen[key]++) print }'
}
die() { say "error: $*"; exit 1; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
n=${1:-1000}
[[ $n =~ ^[1-9][0-9]*$ ]] || die "'$n' is not a positive number of chapters per language"
seed=${BENCH_SEED:-1}
target=${PROFILE_TARGET_DIR:-$repo/bench-sites/target-profile}

say "building a release handbook with symbols and frame pointers into $target"
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only RUSTFLAGS="${RUSTFLAGS:-} -C force-frame-pointers=yes" \
    CARGO_TARGET_DIR=$target cargo build --release --quiet --bin handbook --example gen_corpus ||
    die "cargo build failed"
handbook=$target/release/handbook

site=bench-sites/$n
if [ ! -f "$site/content/site.yaml" ]; then
    say "generating $site"
    mkdir -p "$site"
    "$target/release/examples/gen_corpus" --chapters "$n" --seed "$seed" --out "$site"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/handbook-profile.XXXXXX")
trap 'rm -rf "$work"' EXIT
out=$work/out
cmd=("$handbook" build --root "$site" --out "$out")
"${cmd[@]}" >/dev/null 2>"$work/log" || { tail -n 20 "$work/log" >&2; die "the build fails"; }
rm -rf "$out"

profiler=${PROFILER:-}
if [ -z "$profiler" ]; then
    if command -v perf >/dev/null && perf record -q -e cpu-clock -o "$work/probe.data" true >/dev/null 2>&1; then
        profiler=perf
    elif command -v valgrind >/dev/null; then
        profiler=callgrind
    else
        die "neither perf (Debian: linux-perf) nor valgrind is usable"
    fi
fi

report=bench-sites/profile-$n.txt
mkdir -p bench-sites
{
    echo "# handbook build profile: $n chapters per language, $(git rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "# command: ${cmd[*]}"
    case $profiler in
    perf)
        say "perf record (cpu-clock, 4 kHz, call graphs by frame pointer)"
        data=bench-sites/profile-$n.perf.data
        perf record -q -F 4000 -e cpu-clock -g -o "$data" -- "${cmd[@]}" >/dev/null 2>&1
        echo "# profiler: perf record -F 4000 -e cpu-clock -g (data kept in $data for perf report)"
        echo
        echo "## Self time by function (top 40)"
        perf report -i "$data" --no-children --sort symbol --stdio -g none 2>/dev/null |
            tidy | head -n 40 || true
        echo
        echo "## Inclusive time by function (top 60)"
        perf report -i "$data" --children --sort symbol --stdio -g none 2>/dev/null |
            tidy | head -n 60 || true
        echo
        echo "## By thread"
        perf report -i "$data" --no-children --sort comm --stdio -g none 2>/dev/null |
            tidy | head -n 10 || true
        ;;
    callgrind)
        say "valgrind --tool=callgrind (slow)"
        cgout=bench-sites/profile-$n.callgrind.out
        valgrind --tool=callgrind --callgrind-out-file="$cgout" "${cmd[@]}" >/dev/null 2>&1
        echo "# profiler: valgrind --tool=callgrind (instructions; data kept in $cgout for callgrind_annotate)"
        echo
        callgrind_annotate "$cgout" 2>/dev/null | grep 'PROGRAM TOTALS' || true
        echo
        echo "## Inclusive instructions of handbook's own functions (top 50)"
        callgrind_annotate --inclusive=yes "$cgout" 2>/dev/null | cg_rows |
            grep ':handbook::' | head -n 50 || true
        echo
        echo "## Self instructions by function (top 40)"
        callgrind_annotate "$cgout" 2>/dev/null | cg_rows | head -n 40 || true
        ;;
    *) die "PROFILER must be perf or callgrind" ;;
    esac
} >"$report"
cat "$report"
say "written to $report"
