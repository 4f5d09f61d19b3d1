#!/bin/sh
# bench/startup.sh - what a whole ksim run costs before and around its I/O:
#
#   1. start-up: the NVMe machine booted, the driver probed, one 4 KiB read,
#      the device removed and the machine shut down, as one process; next
#      to it the floors no ksim run can go below on this machine: an empty
#      process (/bin/true) and ksim loading itself (--version).  Wall and
#      CPU time (all threads) and page faults from perf stat, the three
#      commands interleaved, RUNS times; medians and ranges.
#   2. memory: random 4 KiB writes over a sparse 1 TiB RAM namespace; the
#      peak resident memory of a run with WRITES writes less that of a run
#      with a quarter as many (both past the probe's transient peak), less
#      the same difference on a null namespace (the job's own per-block
#      bookkeeping), divided by the difference in writes: what one written
#      page of the simulated disk costs.
#
# Usage: bench/startup.sh [--quick] [--runs N] [--writes N] [--json FILE] [KSIM]
set -u
runs=21 writes=16384 json=build/bench/startup.json
while [ $# -gt 0 ]; do
	case $1 in
	--quick) runs=7 writes=4096 ;;
	--runs) runs=$2; shift ;;
	--writes) writes=$2; shift ;;
	--json) json=$2; shift ;;
	-*) echo "startup.sh: unknown option '$1'" >&2; exit 2 ;;
	*) break ;;
	esac
	shift
done
ksim=${1:-./ksim}
core=drivers/nvme/host/nvme-core.ko
nvme=drivers/nvme/host/nvme.ko
[ -x "$ksim" ] && [ -f "$core" ] || { echo "startup.sh: $ksim: not built (run make)" >&2; exit 2; }
case $runs in ''|*[!0-9]*|0) echo "startup.sh: --runs '$runs': want a positive number" >&2; exit 2 ;; esac
case $writes in ''|*[!0-9]*|?|??|???) echo "startup.sh: --writes '$writes': want a number of at least 1000" >&2; exit 2 ;; esac
command -v perf >/dev/null || { echo "startup.sh: perf is not installed" >&2; exit 2; }
mkdir -p "$(dirname "$json")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

machine="$ksim -q --seed=1 --nvme=nvme0:queues=2,ns1.size=64M \
--job=one:disk=nvme0n1,rw=read,bs=4k,io_size=4k,runtime=0 $core $nvme"

# one run of "$@" under perf stat: "wall_ms cpu_ms faults" appended to $out
measure() {
	out=$1
	shift
	perf stat -x, -e task-clock,page-faults,duration_time -o "$tmp/stat" "$@" \
		>"$tmp/log" 2>&1 ||
		{ echo "startup.sh: failed: $*" >&2; cat "$tmp/log" >&2; exit 1; }
	awk -F, '$3 == "task-clock" { cpu = $1 } $3 == "page-faults" { flt = $1 }
		$3 == "duration_time" { wall = $1 / 1e6 }
		END { printf "%.3f %.3f %d\n", wall, cpu, flt }' "$tmp/stat" >>"$out"
}

load0=$(cut -d' ' -f1 /proc/loadavg)
echo "== start-up: $runs interleaved runs each (probe + one 4 KiB read + remove)"
i=0
while [ "$i" -lt "$runs" ]; do
	# shellcheck disable=SC2086 # $machine is a command line
	measure "$tmp/machine" $machine
	measure "$tmp/version" "$ksim" --version
	measure "$tmp/true" /bin/true
	i=$((i + 1))
done

# median and range of column $2 of file $1: "median min max"
stats() {
	cut -d' ' -f"$2" "$1" | sort -g | awk '{ v[NR] = $1 }
		END { printf "%s %s %s", v[int((NR + 1) / 2)], v[1], v[NR] }'
}
row() {	# label file
	set -- "$1" "$2" "$(stats "$2" 1)" "$(stats "$2" 2)" "$(stats "$2" 3)"
	echo "$3" | { read -r wm wl wh
		echo "$4" | { read -r cm cl ch
			echo "$5" | { read -r fm fl fh
				printf "  %-34s wall %7.2f ms (%.2f-%.2f)  cpu %7.2f ms (%.2f-%.2f)  faults %5d (%d-%d)\n" \
					"$1" "$wm" "$wl" "$wh" "$cm" "$cl" "$ch" "$fm" "$fl" "$fh"; }; }; }
}
row "ksim, NVMe machine" "$tmp/machine"
row "floor: ksim --version" "$tmp/version"
row "floor: /bin/true" "$tmp/true"

echo "== memory: random 4 KiB writes over a sparse 1 TiB RAM namespace"
# peak RSS (KiB) of a run with $1 writes on a $2 namespace
peak_rss() {
	/usr/bin/env time -f %M -o "$tmp/rss" "$ksim" -q --seed=1 \
		--nvme=nvme0:queues=2,ns1.size=1T,ns1.backend="$2" \
		--job=w:disk=nvme0n1,rw=randwrite,bs=4k,size=1T,iodepth=32,io_size=$(($1 * 4096)),verify=none,runtime=0 \
		"$core" "$nvme" >"$tmp/log" 2>&1 ||
		{ echo "startup.sh: the $1-write run ($2) failed" >&2; cat "$tmp/log" >&2; exit 1; }
	tail -n 1 "$tmp/rss"
}
[ -x /usr/bin/time ] || { echo "startup.sh: /usr/bin/time is not installed (Debian package time)" >&2; exit 2; }
# The job's own bookkeeping (a generation and an in-flight byte per block
# of the region) grows with the writes too: the same runs on a null
# namespace, which keeps nothing, measure it, and it is taken out.
few=$((writes / 4))
rss1=$(peak_rss "$few" ram)
rssn=$(peak_rss "$writes" ram)
null1=$(peak_rss "$few" null)
nulln=$(peak_rss "$writes" null)
per_write=$(echo "$rss1 $rssn $null1 $nulln $few $writes" |
	awk '{ printf "%.0f", (($2 - $1) - ($4 - $3)) * 1024 / ($6 - $5) }')
printf "  peak RSS, ram: %s KiB with %s writes, %s KiB with %s; null (the job alone): %s, %s KiB\n" \
	"$rss1" "$few" "$rssn" "$writes" "$null1" "$nulln"
printf "  the namespace: %s bytes per written page\n" "$per_write"
load1=$(cut -d' ' -f1 /proc/loadavg)

samples() { cut -d' ' -f"$2" "$1" | paste -sd, -; }
point() {	# name file
	printf '"%s":{"wall_ms":[%s],"cpu_ms":[%s],"faults":[%s],"wall_ms_median":%s,"cpu_ms_median":%s}' \
		"$1" "$(samples "$2" 1)" "$(samples "$2" 2)" "$(samples "$2" 3)" \
		"$(stats "$2" 1 | cut -d' ' -f1)" "$(stats "$2" 2 | cut -d' ' -f1)"
}
{
	printf '{"bench":"startup","commit":"%s",' "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
	printf '"machine":{"cpu":"%s","cpus":%s,"kernel":"%s"},' \
		"$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)" "$(nproc)" "$(uname -r)"
	printf '"loadavg_start":%s,"loadavg_end":%s,"runs":%s,' "$load0" "$load1" "$runs"
	printf '"startup":{%s,%s,%s},' "$(point machine "$tmp/machine")" \
		"$(point ksim_version "$tmp/version")" "$(point true "$tmp/true")"
	printf '"memory":{"namespace":"1TiB ram","writes":[%s,%s],"peak_rss_kib":[%s,%s],"null_peak_rss_kib":[%s,%s],"bytes_per_write":%s}}\n' \
		"$few" "$writes" "$rss1" "$rssn" "$null1" "$nulln" "$per_write"
} >"$json"
echo "wrote $json"
