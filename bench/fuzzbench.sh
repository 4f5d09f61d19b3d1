#!/bin/sh
# bench/fuzzbench.sh - how fast ksim fuzzes, against the old way.
#
#   1. nvme-device: AFL++ execs_per_sec on one core (persistent, in-process,
#      the instrumented ASan+UBSan tree), interleaved with the baseline: one
#      `ksim --backend=det` process per execution doing the same probe + 8
#      I/Os + remove (runs/s); ROUNDS rounds, median and spread of each.
#      The same target built without sanitizers too (build-fuzz/afl/, when
#      make fuzz-build FUZZ_SAN= has built it).
#   2. every other target: AFL++ execs_per_sec, stability (one run each).
#   3. libFuzzer exec/s for nvme-device (make fuzz-build FUZZ_ENGINE=libfuzzer
#      first; skipped with the reason when that tree is missing).
#   4. edge coverage of drivers/nvme/host after a COV_TIME-second AFL++
#      campaign: afl-showmap -C over the campaign's queue, counting the map
#      slots of the .ko files' own guards (their ranges come from
#      afl-compiler-rt's AFL_DEBUG lines as each module is dlopen()ed),
#      against all guards the modules have.  Stability of that campaign.
#   5. a perf profile of the persistent target under afl-fuzz (top symbols),
#      written beside the JSON (<json>.perf.txt).
#
# Usage: bench/fuzzbench.sh [--json FILE] [--time SECS] [--rounds N]
#                           [--cov-time SECS] [--long]  (--long: the issue's
#                           10-minute coverage run, --cov-time 600)
# Exec/s on a loaded machine are depressed: every figure is measured in the
# same run as its baseline, interleaved.
set -u
cd "$(dirname "$0")/.." || exit 1
KSIM=${KSIM:-./ksim}
JSON=build/bench/fuzzbench.json TIME=20 ROUNDS=3 COV_TIME=60 BASE_TIME=10
TREE=build-fuzz/afl-address-undefined
LF_TREE=build-fuzz/libfuzzer-address-undefined
NOSAN_TREE=build-fuzz/afl
while [ $# -gt 0 ]; do
	case $1 in
	--json) JSON=$2; shift ;;
	--time) TIME=$2; shift ;;
	--rounds) ROUNDS=$2; shift ;;
	--cov-time) COV_TIME=$2; shift ;;
	--long) COV_TIME=600 ;;
	*) echo "fuzzbench: unknown option '$1'" >&2; exit 2 ;;
	esac
	shift
done
for v in "$TIME" "$ROUNDS" "$COV_TIME"; do
	case $v in ''|*[!0-9]*) echo "fuzzbench: '$v': want a number" >&2; exit 2 ;; esac
done
command -v afl-fuzz >/dev/null || { echo "fuzzbench: afl-fuzz not found (make deps)" >&2; exit 2; }
mkdir -p "$(dirname "$JSON")" build-fuzz/bench
make --no-print-directory fuzz-build >build-fuzz/bench/build.log 2>&1 ||
	{ tail -20 build-fuzz/bench/build.log; echo "fuzzbench: make fuzz-build failed" >&2; exit 1; }
PERF_TXT=${JSON%.json}.perf.txt
OUT=build-fuzz/bench

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
spread() { tr ' ' '\n' | grep -v '^$' | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s-%s", lo, hi }'; }
stat() { sed -n "s/^$2 *: *//p" "$1" | head -1; }
now() { date +%s.%N; }

# afl TARGET SECS [afl-run options]: one single-core campaign; its fuzzer_stats path.
afl() {
	t=$1 secs=$2
	shift 2
	tests/fuzz/afl-run.sh --tree "${AFL_TREE:-$TREE}" --out "$OUT/$t" --fresh --seed 1 --time "$secs" "$@" "$t" \
		>"$OUT/$t.log" 2>&1 || { tail -5 "$OUT/$t.log" >&2; echo "fuzzbench: afl-fuzz $t failed" >&2; exit 1; }
	echo "$OUT/$t/main/fuzzer_stats"
}

# The old way: BASE_TIME seconds of one ksim process per execution.
baseline() {
	n=0 t0=$(now) seed=1
	while :; do
		"$KSIM" -q --backend=det --seed=$seed --nvme=nvme0:queues=2,ns1.size=1M \
			drivers/nvme/host/nvme-core.ko drivers/nvme/host/nvme.ko \
			--job=r:disk=nvme0n1,rw=randrw,bs=4k,io_size=32k,verify=none >/dev/null 2>&1 ||
			{ echo "fuzzbench: baseline ksim run failed (seed $seed)" >&2; exit 1; }
		n=$((n + 1)) seed=$((seed + 1))
		t1=$(now)
		if awk -v a="$t0" -v b="$t1" -v d="$BASE_TIME" 'BEGIN { exit !(b - a >= d) }'; then
			awk -v n=$n -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", n / (b - a) }'
			return
		fi
	done
}

echo "== 1. nvme-device: AFL++ (one core, ${TIME}s runs) vs one ksim process per execution, $ROUNDS rounds"
afl_rates="" base_rates="" stab="" nosan_rates=""
for r in $(seq 1 "$ROUNDS"); do
	b=$(baseline) || exit 1
	s=$(afl nvme-device "$TIME") || exit 1
	a=$(stat "$s" execs_per_sec)
	stab="$stab $(stat "$s" stability | tr -d %)"
	base_rates="$base_rates $b" afl_rates="$afl_rates $a"
	# The same without sanitizers (make fuzz-build FUZZ_SAN=), when built.
	n="null"
	if [ -x "$NOSAN_TREE/build/fuzz/nvme-device" ]; then
		s=$(AFL_TREE=$NOSAN_TREE afl nvme-device "$TIME") || exit 1
		n=$(stat "$s" execs_per_sec)
		nosan_rates="$nosan_rates $n"
	fi
	echo "  round $r: AFL++ $a execs/s (ASan+UBSan), $n execs/s (no sanitizers); ksim per execution $b runs/s"
done
nosan_med=$(echo "$nosan_rates" | median)
afl_med=$(echo "$afl_rates" | median) base_med=$(echo "$base_rates" | median)
echo "  AFL++ median $afl_med execs/s (spread $(echo "$afl_rates" | spread)); baseline median $base_med runs/s (spread $(echo "$base_rates" | spread))"

echo "== 2. every target: AFL++ execs/s, stability (${TIME}s each)"
targets_json=""
for src in tests/fuzz/*.c; do
	t=$(basename "$src" .c)
	case $t in fuzz_input|fuzz_machine|fuzz_nvme|replay|nvme-device) continue ;; esac
	[ -x "$TREE/build/fuzz/$t" ] || continue
	# planted crashes by design: AFL++ keeps going past its crashes.
	s=$(afl "$t" "$TIME") || exit 1
	echo "  $t: $(stat "$s" execs_per_sec) execs/s, stability $(stat "$s" stability), $(stat "$s" saved_crashes) crashes"
	targets_json="$targets_json, \"$t\": { \"afl_execs_per_sec\": $(stat "$s" execs_per_sec), \"stability_pct\": $(stat "$s" stability | tr -d %) }"
done

echo "== 3. libFuzzer, nvme-device (${TIME}s)"
lf=null
if [ -x "$LF_TREE/build/fuzz/nvme-device" ]; then
	mkdir -p "$OUT/lf-corpus"
	rm -f "$OUT/lf-corpus"/*
	seeds=tests/fuzz/corpus/nvme-device
	[ -d "$seeds" ] || seeds=
	ASAN_OPTIONS=detect_leaks=0:use_sigaltstack=0 KSIM_FUZZ_REPORTS=$OUT \
		"$LF_TREE/build/fuzz/nvme-device" -seed=1 -max_total_time="$TIME" -print_final_stats=1 \
		-artifact_prefix="$OUT/lf-" "$OUT/lf-corpus" $seeds >"$OUT/libfuzzer.log" 2>&1
	lf=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$OUT/libfuzzer.log" | tail -1)
	lf=${lf:-null}
	echo "  libFuzzer $lf exec/s (log $OUT/libfuzzer.log)"
	# libFuzzer stops at its first finding: then the figure is of a short run.
	if grep -q "^artifact_prefix=.*Test unit written to" "$OUT/libfuzzer.log"; then
		echo "  libFuzzer stopped at a finding after $(sed -n 's/^stat::number_of_executed_units: *//p' "$OUT/libfuzzer.log") executions: $(grep -m1 -E 'runtime error|ERROR: AddressSanitizer|ksim-fuzz: finding' "$OUT/libfuzzer.log")"
	fi
else
	echo "  skipped: $LF_TREE missing (make fuzz-build FUZZ_ENGINE=libfuzzer)"
fi

echo "== 4. drivers/nvme/host edge coverage after ${COV_TIME}s of AFL++"
s=$(afl nvme-device "$COV_TIME" --jobs 1) || exit 1
cov_stab=$(stat "$s" stability | tr -d %)
# Guard ranges: the first init is the binary's own; each later one a module.
# Run each queue entry once to collect the union of the map.
__AFL_DEFER_FORKSRV=1 AFL_DEBUG=1 ASAN_OPTIONS=detect_leaks=0:use_sigaltstack=0 \
	afl-showmap -m none -t 10000 -C -i "$OUT/nvme-device/main/queue" -o "$OUT/cov.map" \
	-- "$TREE/build/fuzz/nvme-device" >"$OUT/showmap.log" 2>&1
ranges=$(sed -n 's/.*__afl_final_loc = \([0-9]*\).*/\1/p' "$OUT/showmap.log" | awk '!seen[$1]++' | head -3 | tr '\n' ' ')
set -- $ranges
if [ $# -lt 3 ]; then
	echo "fuzzbench: afl-showmap did not report the modules' guards (log $OUT/showmap.log)" >&2
	exit 1
fi
main_end=$1 mods_end=$3
mod_total=$((mods_end - main_end))
mod_hit=$(awk -F: -v lo="$main_end" -v hi="$mods_end" '$1 > lo && $1 <= hi { n++ } END { print n + 0 }' "$OUT/cov.map")
all_hit=$(wc -l <"$OUT/cov.map")
echo "  $mod_hit of $mod_total edges of nvme-core.ko + nvme.ko hit ($all_hit map entries in all); stability $cov_stab%"

echo "== 5. perf profile of the persistent target under afl-fuzz (${TIME}s)"
perf_ok=false
if command -v perf >/dev/null; then
	if perf record -q -g -o "$OUT/perf.data" -- tests/fuzz/afl-run.sh --tree "$TREE" --out "$OUT/perf" \
		--fresh --seed 1 --time "$TIME" nvme-device >"$OUT/perf.log" 2>&1; then
		perf report -i "$OUT/perf.data" --stdio --no-children -g none --sort dso,symbol 2>/dev/null |
			grep -E '^ +[0-9]' | sed 's/  *-  *-  *$//; s/   */  /g' | head -40 >"$PERF_TXT"
		if [ -s "$PERF_TXT" ]; then
			perf_ok=true
			echo "  top symbols (self time), all of $PERF_TXT:"
			head -12 "$PERF_TXT"
		else
			echo "  perf report gave nothing ($OUT/perf.data kept)"
		fi
	else
		echo "  perf record failed (log $OUT/perf.log)"
	fi
else
	echo "  skipped: perf not found"
fi

cat >"$JSON" <<EOF
{
  "note": "exec/s measured on this machine in one run, interleaved with the baseline; a loaded machine depresses both",
  "nvme_device": {
    "afl_execs_per_sec": { "median": $afl_med, "runs": [$(echo $afl_rates | tr ' ' ',')] },
    "afl_stability_pct": [$(echo $stab | tr ' ' ',')],
    "afl_nosan_execs_per_sec": { "median": ${nosan_med:-null}, "runs": [$(echo $nosan_rates | tr ' ' ',')] },
    "baseline_ksim_process_per_exec_runs_per_sec": { "median": $base_med, "runs": [$(echo $base_rates | tr ' ' ',')] },
    "libfuzzer_exec_per_sec": $lf,
    "coverage": { "seconds": $COV_TIME, "method": "afl-showmap -C over the AFL++ queue, guards of nvme-core.ko and nvme.ko",
                  "edges_hit": $mod_hit, "edges_total": $mod_total, "stability_pct": $cov_stab }
  },
  "targets": { "nvme-device": { "afl_execs_per_sec": $afl_med }$targets_json },
  "perf_profile": $($perf_ok && echo "\"$PERF_TXT\"" || echo null)
}
EOF
echo "fuzzbench: $JSON"
