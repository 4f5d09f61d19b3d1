#!/bin/sh
# The deterministic backend: the same seed gives the same run, byte for
# byte; --explore finds the racy modules' bugs and its replay command
# reproduces the same report; deadlocks and hung tasks are reported; a
# dropped admin command waits out the driver's 60 s timeout in virtual time.
. "$(dirname "$0")/lib.sh"
# Every run here names its backend; the environment's default must not change that.
unset KSIM_BACKEND

core=$KSIM_OBJTREE/drivers/nvme/host/nvme-core.ko
nvme=$KSIM_OBJTREE/drivers/nvme/host/nvme.ko
A=$(mktemp) B=$(mktemp)
trap 'rm -f "$OUT" "$ERR" "$A" "$B"' EXIT

# What may differ between two runs of one seed: the wall time in the summary.
strip() { sed -e 's/, [0-9.]*s$//' "$1"; }

# Two runs of one seed, the first with a thread per task, the second with
# every task a fiber on one thread: the same run either way.
same_run() {
	ksim_run "$@" >"$A" 2>&1
	rc_a=$?
	ksim_run --det-tasks=fibers "$@" >"$B" 2>&1
	rc_b=$?
	[ $rc_a != 124 ] && [ $rc_b != 124 ] || { cp "$A" "$OUT"; fail "did not finish within ${KSIM_RUN_TIMEOUT} s: $*"; }
	[ $rc_a = $rc_b ] || { cp "$A" "$OUT"; cp "$B" "$ERR"; fail "exit $rc_a then $rc_b for: $*"; }
	strip "$A" >"$OUT"
	strip "$B" >"$ERR"
	cmp -s "$OUT" "$ERR" || { diff "$OUT" "$ERR" | head -20; fail "two runs of one seed differ: $*"; }
	grep -q "trace 0x" "$A" || fail "no trace hash printed: $*"
}

# 1. One seed, one run: samples, the NVMe driver and a verified job.
same_run --backend=det --seed=42 "$(sample timer sample_timer)" "$(sample workqueue sample_workqueue)" \
	"$(sample kthread sample_kthread)" --nvme=nvme0:queues=2,ns1.size=16M "$core" "$nvme" \
	--job=v:disk=nvme0n1,rw=randrw,bs=4k,iodepth=8,io_size=2M
grep -q "ksim: seed 42, trace 0x" "$A" || fail "no 'seed 42, trace' line"
grep -q "0 mismatches" "$A" || fail "the job did not verify"
# ... and the worker execution mode is deterministic too.
same_run --backend=det --seed=7 --nvme=nvme0:queues=2,ns1.size=16M,exec=worker "$core" "$nvme" \
	--job=v:disk=nvme0n1,rw=randrw,bs=4k,iodepth=8,io_size=1M
# ... and so is PCT.
same_run --backend=det --sched=pct:3 --seed=9 "$(sample workqueue sample_workqueue)" \
	"$(sample kthread sample_kthread)"

# 2. --explore finds each racy module's bug; the replay command reproduces it.
for m in racy_wakeup racy_work racy_counter; do
	ksim_expect 1 --backend=det --explore=1000 --seed=1 "$(mod $m $m)"
	expect_out "ksim: explore: seed"
	replay=$(sed -n 's/^ksim: replay: //p' "$OUT")
	[ -n "$replay" ] || fail "$m: no replay command"
	case $m in
	racy_wakeup) report="INFO: task insmod:1 blocked for more than" ;;
	racy_work) report="WARNING: CPU: 0 PID:" ;;
	racy_counter) report="racy_counter: 2 users of 1 slots" ;;
	esac
	expect_out "$report"
	# shellcheck disable=SC2086
	set -- $replay
	shift	# the ksim binary as it was named
	same_run "$@"
	grep -qF "$report" "$A" || { cp "$A" "$OUT"; fail "$m: the replay lacks: $report"; }
	[ $rc_a = 1 ] || fail "$m: the replay exits $rc_a, not 1"
done
# PCT finds one too.
ksim_expect 1 --backend=det --sched=pct:3 --explore=1000 --seed=1 "$(mod racy_work racy_work)"
expect_out "sched pct:3"

# 3. A deadlock is reported at once, naming the mutex and its owner.
ksim_expect 1 --backend=det --seed=1 "$(mod hang_mutex hang_mutex)"
expect_out "deadlock: every task is blocked"
expect_out "INFO: task insmod:1 blocked"
expect_out "insmod/1 is waiting for mutex hang_lock"
expect_out "held by hang_holder/"
expect_out "FAILED (hung tasks)"
# With fibers too, the blocked tasks' stacks read from their saved registers.
ksim_expect 1 --backend=det --det-tasks=fibers --seed=1 "$(mod hang_mutex hang_mutex)"
expect_out "insmod/1 is waiting for mutex hang_lock"
expect_out "held by hang_holder/"
grep -A14 "INFO: task hang_holder" "$OUT" | grep -q "holder_fn" ||
	fail "fibers: the blocked holder's stack does not show its function"
# The threads backend's watchdog says the same after its timeout.
ksim_expect 1 --backend=threads --hung-task-timeout=1 "$(mod hang_mutex hang_mutex)"
expect_out "INFO: task insmod:1 blocked for more than 1 seconds."
expect_out "is waiting for mutex hang_lock"

# 4. A dropped admin command: the driver's 60 s timeout passes in virtual time.
# The probe fails, so no disk: the driver failed its device (exit 8).
ksim_expect 8 --backend=det --seed=3 --nvme=nvme0:queues=2,ns1.size=16M,fault=admin:nth=3:drop \
	"$core" "$nvme"
expect_out "fault injected: admin:nth=3:drop"
grep -q '^\[   60\.[0-9]*\] nvme nvme0: admin command 0x5 (id 0) timed out' "$OUT" ||
	fail "the admin timeout did not pass at 60 s of virtual time"

# 5. Bad input.
ksim_expect 2 --sched=pct:3 "$(sample minimal minimal)"
expect_err "needs the deterministic backend"
ksim_expect 2 --backend=det --sched=pct:0 "$(sample minimal minimal)"
expect_err "--sched: 'pct:0': the PCT depth must be a number from 1 to 64"
ksim_expect 2 --backend=fibers "$(sample minimal minimal)"
expect_err "--backend: 'fibers' is not a backend (known: threads, det)"
ksim_expect 2 --explore=10 --backend=threads "$(sample minimal minimal)"
expect_err "--explore needs the deterministic backend"
ksim_expect 2 --backend=det --det-tasks=coroutines "$(sample minimal minimal)"
expect_err "--det-tasks: 'coroutines' is not a way to run tasks (known: threads, fibers)"
ksim_expect 2 --backend=threads --det-tasks=fibers "$(sample minimal minimal)"
expect_err "--det-tasks=fibers needs the deterministic backend"
exit 0
