#!/bin/sh
# bench/startup.sh - start-up cost of the NVMe machine, measured whole-process
# with perf stat: boot, probe the NVMe driver, one 4 KiB read, remove, exit.
# Prints the median and range of the wall time and of the CPU time (all
# threads): on a loaded machine the CPU time is the steadier of the two.
#
#   bench/startup.sh [RUNS] [KSIM]     (default 21 runs of ./ksim)
set -eu
runs=${1:-21}
ksim=${2:-./ksim}
[ -x "$ksim" ] || { echo "startup.sh: $ksim: not built (run make)" >&2; exit 2; }
command -v perf >/dev/null || { echo "startup.sh: perf is not installed" >&2; exit 2; }
out=$(mktemp)
trap 'rm -f "$out" "$out.all"' EXIT
i=0
while [ "$i" -lt "$runs" ]; do
	perf stat -x, -e task-clock,duration_time -o "$out" \
		"$ksim" -q --seed=1 --nvme=nvme0:queues=2,ns1.size=64M \
		--job=one:disk=nvme0n1,rw=read,bs=4k,io_size=4k,runtime=0 \
		drivers/nvme/host/nvme-core.ko drivers/nvme/host/nvme.ko >/dev/null 2>&1 ||
		{ echo "startup.sh: $ksim failed" >&2; exit 1; }
	awk -F, '$3 == "task-clock" { cpu = $1 } $3 == "duration_time" { wall = $1 / 1e6 }
		END { printf "%.3f %.3f\n", wall, cpu }' "$out" >>"$out.all"
	i=$((i + 1))
done
summary() {
	sort -n | awk -v what="$1" '{ v[NR] = $1 }
		END { printf "  %-4s median %7.2f ms  (min %.2f, max %.2f)\n",
			what, v[int((NR + 1) / 2)], v[1], v[NR] }'
}
echo "startup: $runs runs of $ksim (probe + one 4 KiB read + remove)"
cut -d' ' -f1 "$out.all" | summary wall
cut -d' ' -f2 "$out.all" | summary cpu
