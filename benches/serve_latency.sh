#!/usr/bin/env bash
# Live-preview latency: the median time from a file's save to handbook serve's
# reload event, and to the new text being served, over 20 edits; for the shipped
# handbook and a generated corpus of 1,000 chapters per language. Where installed,
# hugo server and mdbook serve are measured the same way (save -> new text served)
# on the same chapters converted to their formats.
#
#   benches/serve_latency.sh [CHAPTERS_PER_LANGUAGE]   (default 1000)
#
# OTHERS=0 leaves hugo and mdbook out. CORPUS=DIR uses a site generated earlier
# (by gen_corpus) instead of generating one. HANDBOOK_TIMINGS=1 makes handbook
# serve log each rebuild's stage times and cache counters to bench-sites/<label>.log.
#
# Needs: cargo, curl, python3; optionally hugo (Debian package `hugo`) and mdbook
# (`cargo install mdbook`). Sites go to bench-sites/ (ignored by git).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-$repo/bench-sites}
target=${CARGO_TARGET_DIR:-$repo/target}
chapters=${1:-1000}
edits=${EDITS:-20}
mkdir -p "$work"

examples=(--example serve_latency)
[ -z "${CORPUS:-}" ] && examples+=(--example gen_corpus)
cargo build --quiet --release --bin handbook "${examples[@]}"
hb=$target/release/handbook
probe=$target/release/examples/serve_latency

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_http() {
  for _ in $(seq 1 1200); do
    curl -sf -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "no answer from $1" >&2
  return 1
}

# Runs a server command in the background until the probe is done.
# $1 label, $2 edited file, $3 page URL path, $4 events path or "", then the command.
measure() {
  local label=$1 file=$2 page=$3 events=$4 port
  shift 4
  port=$PORT
  "$@" > "$work/$label.log" 2>&1 &
  local pid=$!
  wait_http "http://127.0.0.1:$port/$page"
  sleep 1
  local extra=()
  [ -n "$events" ] && extra=(--events "http://127.0.0.1:$port/$events")
  "$probe" --label "$label" --edits "$edits" --file "$file" \
    --url "http://127.0.0.1:$port/$page" "${extra[@]}" || true
  kill -INT "$pid" 2>/dev/null || true
  # mdbook serve may ignore SIGINT while rebuilding: end it for sure.
  ( sleep 5; kill -TERM "$pid" 2>/dev/null ) &
  wait "$pid" 2>/dev/null || true
}

# A handbook site: $1 label, $2 site root, $3 chapter (below content/), $4 its page.
bench_handbook() {
  PORT=$(free_port)
  echo "\$ handbook serve --root $2 --port $PORT" >&2
  measure "$1" "$2/content/$3" "$4" "__handbook/events" "$hb" serve --root "$2" --port "$PORT"
}

# The default language's chapters as a hugo site with minimal layouts.
to_hugo() {
  local from=$1 to=$2
  rm -rf "$to" && mkdir -p "$to/layouts/_default"
  cp -r "$from/content/fi" "$to/content"
  printf 'baseURL = "http://127.0.0.1/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n' > "$to/hugo.toml"
  local page='<!doctype html><html><head><title>{{ .Title }}</title></head><body><nav>{{ range .CurrentSection.Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav><h1>{{ .Title }}</h1>{{ .Content }}</body></html>'
  echo "$page" > "$to/layouts/_default/single.html"
  echo "$page" > "$to/layouts/_default/list.html"
}

# The default language's chapters as an mdbook, every file in SUMMARY.md.
to_mdbook() {
  local from=$1 to=$2
  rm -rf "$to" && mkdir -p "$to"
  cp -r "$from/content/fi" "$to/src"
  printf '[book]\ntitle = "bench"\n' > "$to/book.toml"
  (cd "$to/src" && {
    echo "# Summary"
    echo
    find . -name '*.md' ! -name SUMMARY.md | sort | sed 's|^\./||' | while read -r f; do
      echo "- [${f%.md}]($f)"
    done
  } > SUMMARY.md)
}

bench_others() {
  local label=$1 site=$2 chapter=$3
  [ "${OTHERS:-1}" = 0 ] && return 0
  if command -v hugo > /dev/null; then
    to_hugo "$site" "$work/$label-hugo"
    local url
    url=$(cd "$work/$label-hugo" && hugo list all 2> /dev/null | awk -F, -v f="content/$chapter" '$1 == f { print $NF }')
    url=${url#http://127.0.0.1/}
    PORT=$(free_port)
    echo "\$ hugo server --source $work/$label-hugo --port $PORT --bind 127.0.0.1" >&2
    measure "$label-hugo" "$work/$label-hugo/content/$chapter" "$url" "" \
      hugo server --source "$work/$label-hugo" --port "$PORT" --bind 127.0.0.1 --disableLiveReload=false
  fi
  if command -v mdbook > /dev/null; then
    to_mdbook "$site" "$work/$label-mdbook"
    PORT=$(free_port)
    echo "\$ mdbook serve $work/$label-mdbook --port $PORT --hostname 127.0.0.1" >&2
    measure "$label-mdbook" "$work/$label-mdbook/src/$chapter" "${chapter%.md}.html" "" \
      mdbook serve "$work/$label-mdbook" --port "$PORT" --hostname 127.0.0.1
  fi
}

echo "== the shipped handbook"
rm -rf "$work/shipped" && mkdir -p "$work/shipped"
cp -r "$repo/content" "$work/shipped/content"
[ -d "$repo/themes" ] && cp -r "$repo/themes" "$work/shipped/themes"
bench_handbook shipped "$work/shipped" fi/kaupunki-somessa.md fi/kaupunki-somessa.html
bench_others shipped "$work/shipped" kaupunki-somessa.md

echo "== $chapters chapters per language"
if [ -n "${CORPUS:-}" ]; then
  # A copy: the probe edits the site, and a session's parse cache trusts old files.
  corpus=$work/corpus-copy
  rm -rf "$corpus" && mkdir -p "$corpus" && cp -r "$CORPUS/content" "$corpus/content"
  sleep 2
else
  corpus=$work/corpus-$chapters
  "$target/release/examples/gen_corpus" --out "$corpus" --chapters "$chapters" > /dev/null
fi
chapter=$(cd "$corpus/content/fi" && find . -name '*.md' ! -name '_index.md' | sort | sed -n '2p;' | sed 's|^\./||')
bench_handbook "corpus-$chapters" "$corpus" "fi/$chapter" "fi/${chapter%.md}.html"
bench_others "corpus-$chapters" "$corpus" "$chapter"
