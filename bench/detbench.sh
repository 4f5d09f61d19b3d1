#!/bin/sh
# bench/detbench.sh - what the deterministic backend costs and buys, as
# whole ksim runs (process-level figures, wall clock):
#   1. a 4 KiB random-read job on a null namespace, a fixed number of I/Os,
#      det against threads, QD1 and QD32: wall-clock IOPS and their ratio
#      (interleaved, REPS repetitions, median and spread);
#   2. configs/nvme.ini under det with its jobs cut to a fixed I/O count,
#      and a run whose driver waits out the 60 s admin timeout: wall time;
#   3. RUNS runs of one seed: how many distinct trace hashes (want 1);
#      SEEDS seeds: how many distinct hashes.
# Usage: bench/detbench.sh [--quick] [--json FILE]
set -u
KSIM=${KSIM:-./ksim}
REPS=3 IOS=200000 RUNS=10000 SEEDS=1000 JSON=build/bench/detbench.json
while [ $# -gt 0 ]; do
	case $1 in
	--quick) REPS=3 IOS=50000 RUNS=200 SEEDS=100 ;;
	--json) JSON=$2; shift ;;
	--runs) RUNS=$2; shift ;;
	--seeds) SEEDS=$2; shift ;;
	*) echo "detbench: unknown option '$1'" >&2; exit 2 ;;
	esac
	shift
done
mkdir -p "$(dirname "$JSON")"
core=drivers/nvme/host/nvme-core.ko
nvme=drivers/nvme/host/nvme.ko
[ -x "$KSIM" ] && [ -f "$core" ] || { echo "detbench: build first (make)" >&2; exit 2; }

now() { date +%s.%N; }
# wall seconds of one run that must exit $EXPECT (0 unless said)
timed() {
	t0=$(now)
	"$@" >/dev/null 2>&1
	rc=$?
	t1=$(now)
	[ $rc = "${EXPECT:-0}" ] || { echo "detbench: failed (exit $rc, expected ${EXPECT:-0}): $*" >&2; exit 1; }
	echo "$t0 $t1" | awk '{ printf "%.4f", $2 - $1 }'
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
spread() { tr ' ' '\n' | grep -v '^$' | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.4f-%.4f", lo, hi }'; }

job() {	# backend qd
	echo "$KSIM" -q --backend="$1" --seed=1 --nvme=nvme0:queues=2,ns1.size=1G,ns1.backend=null \
		"$core" "$nvme" --job=r:disk=nvme0n1,rw=randread,bs=4k,iodepth="$2",io_size=$((IOS * 4096)),verify=none
}

echo "== 1. null-backend 4 KiB randread, $IOS I/Os, det vs threads (wall-clock IOPS), $REPS reps"
json_points=""
for qd in 1 32; do
	t_thr="" t_det=""
	for r in $(seq 1 "$REPS"); do
		t_thr="$t_thr $(timed $(job threads $qd))"
		t_det="$t_det $(timed $(job det $qd))"
	done
	m_thr=$(echo "$t_thr" | median) m_det=$(echo "$t_det" | median)
	iops_thr=$(echo "$IOS $m_thr" | awk '{ printf "%.0f", $1 / $2 }')
	iops_det=$(echo "$IOS $m_det" | awk '{ printf "%.0f", $1 / $2 }')
	ratio=$(echo "$m_thr $m_det" | awk '{ printf "%.2f", $1 / $2 }')
	printf "  QD%-3s threads %8s IOPS (run %ss, spread %s)  det %8s IOPS (run %ss, spread %s)  det/threads %s\n" \
		"$qd" "$iops_thr" "$m_thr" "$(echo "$t_thr" | spread)" "$iops_det" "$m_det" "$(echo "$t_det" | spread)" "$ratio"
	json_points="$json_points${json_points:+,}{\"qd\":$qd,\"threads_s\":[$(echo $t_thr | tr ' ' ',')],\"det_s\":[$(echo $t_det | tr ' ' ',')],\"threads_iops\":$iops_thr,\"det_iops\":$iops_det,\"det_over_threads\":$ratio}"
done

echo "== 2. wall time of whole det runs"
cfg=$(mktemp)
sed -e 's/^runtime *= *.*/io_size = 16M/' configs/nvme.ini >"$cfg"
t_cfg=""
for r in $(seq 1 "$REPS"); do t_cfg="$t_cfg $(KSIM_SRC=. timed "$KSIM" -q --backend=det --seed=1 -c "$cfg")"; done
rm -f "$cfg"
t_to=""
for r in $(seq 1 "$REPS"); do
	# exit 8: the driver gives up on the controller after the timeout, as it should
	t_to="$t_to $(EXPECT=8 timed "$KSIM" -q --backend=det --seed=3 \
		--nvme=nvme0:queues=2,ns1.size=16M,fault=admin:nth=3:drop "$core" "$nvme")"
done
printf "  configs/nvme.ini, jobs cut to io_size=16M: %ss (spread %s)\n" "$(echo "$t_cfg" | median)" "$(echo "$t_cfg" | spread)"
printf "  a dropped admin command, 60 s driver timeout: %ss (spread %s)\n" "$(echo "$t_to" | median)" "$(echo "$t_to" | spread)"

echo "== 3. determinism: $RUNS runs of one seed, $SEEDS seeds"
hashes=$(mktemp)
run_hash() {
	"$KSIM" -q --backend=det --seed="$1" "$(ls drivers/samples/workqueue/*.ko)" \
		"$(ls drivers/samples/kthread/*.ko)" "$(ls drivers/samples/timer/*.ko)" 2>&1 |
		sed -n 's/^ksim: seed .*, trace \(0x[0-9a-f]*\)$/\1/p'
}
for i in $(seq 1 "$RUNS"); do run_hash 4242; done >"$hashes"
one_seed=$(sort -u "$hashes" | wc -l)
got_runs=$(wc -l <"$hashes")
for i in $(seq 1 "$SEEDS"); do run_hash "$i"; done >"$hashes"
distinct=$(sort -u "$hashes" | wc -l)
rm -f "$hashes"
printf "  %s runs of seed 4242: %s distinct trace hash(es)\n" "$got_runs" "$one_seed"
printf "  %s seeds: %s distinct trace hashes\n" "$SEEDS" "$distinct"

cat >"$JSON" <<EOJ
{"commit":"$(git rev-parse --short HEAD 2>/dev/null)","cpus":$(nproc),"kernel":"$(uname -r)",
 "load_end":"$(cut -d' ' -f1-3 /proc/loadavg)","ios":$IOS,"reps":$REPS,
 "null_randread":[$json_points],
 "nvme_ini_fixed_io_s":[$(echo $t_cfg | tr ' ' ',')],
 "admin_timeout_run_s":[$(echo $t_to | tr ' ' ',')],
 "one_seed_runs":$got_runs,"one_seed_distinct_hashes":$one_seed,
 "seeds":$SEEDS,"distinct_hashes":$distinct}
EOJ
echo "detbench: wrote $JSON"
