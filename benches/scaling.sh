#!/usr/bin/env bash
# Whole-process wall time and peak memory of one simulated year, as accounts and people grow.
# Usage: benches/scaling.sh   (builds the release binary first; prints Markdown tables)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --no-default-features --quiet
bin=target/release/salesim
base=scenarios/bench/reference_100k.ron

# Median wall seconds and peak RSS (MB) of 3 runs of `salesim run $base --runs 1 <sets>`.
measure() {
    local walls=() rss=()
    for _ in 1 2 3; do
        local out
        out=$( { /usr/bin/time -f "%e %M" "$bin" run "$base" --runs 1 "$@" > /dev/null; } 2>&1 | tail -1)
        walls+=("${out% *}")
        rss+=("${out#* }")
    done
    local wall mem
    wall=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n 2p)
    mem=$(printf '%s\n' "${rss[@]}" | sort -n | sed -n 2p)
    echo "$wall $((mem / 1024))"
}

echo "| accounts | sellers | marketers | wall (s, median of 3) | peak RSS (MB) |"
echo "|---:|---:|---:|---:|---:|"
for accounts in 10000 100000 1000000; do
    read -r wall mem < <(measure --set "segments.0.accounts=$accounts")
    echo "| $accounts | 200 | 40 | $wall | $mem |"
done
echo
echo "| accounts | sellers | marketers | wall (s, median of 3) | peak RSS (MB) |"
echo "|---:|---:|---:|---:|---:|"
for people in "50 10" "200 40" "800 160"; do
    set -- $people
    read -r wall mem < <(measure --set "team.sellers=$1" --set "team.marketers=$2")
    echo "| 100000 | $1 | $2 | $wall | $mem |"
done
