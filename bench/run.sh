#!/usr/bin/env bash
# bench/run.sh BUILD_DIR [skiff-bench options]: runs skiff-bench from an existing
# build (it builds nothing) against that build's skiffd and plugins. skiff-bench
# starts its own brokers on free 127.0.0.1 ports; their data and the disk probe
# files go to $SKIFF_BENCH_DIR (default BUILD_DIR/bench-data, on the build's disk),
# which is removed in the background afterwards (30,000 small segment files can take
# minutes to delete on a busy disk). Whole run: about 5 minutes (--scale 0.2: smoke).
set -euo pipefail

if [[ $# -lt 1 || $1 == -h || $1 == --help ]]; then
  echo "usage: bench/run.sh BUILD_DIR [--scale F] [--segments N] [--rss-topics N] [--rss-partitions N] [--exporter-rounds N] [--stages limits,produce,rss,startup,exporter]" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
shift

bench=$build/bench/skiff-bench
skiffd=$build/kernel/app/skiffd
plugins=$build/plugins-out
for needed in "$bench" "$skiffd" "$plugins"; do
  if [[ ! -e $needed ]]; then
    echo "missing $needed; build first, e.g.:" >&2
    echo "  cmake -S . -B $build -G Ninja -DSKIFF_BUILD_BENCH=ON && ninja -C $build" >&2
    exit 2
  fi
done

work=${SKIFF_BENCH_DIR:-$build/bench-data}
rm -rf "$work"
mkdir -p "$work"
remove_work() {
  local trash
  trash=$work.removing.$$
  mv "$work" "$trash" && { nohup rm -rf "$trash" >/dev/null 2>&1 & }
  echo "removing $trash in the background" >&2
}
trap remove_work EXIT
echo "bench data directory: $work (filesystem $(df -P "$work" | awk 'NR==2 {print $1 " mounted on " $6}'))"

"$bench" --skiffd "$skiffd" --plugin-dir "$plugins" --work-dir "$work" "$@"
