#!/bin/sh
# The NVMe host driver's error paths through the ksim command, with a
# verifying workload: an NVMe status reaching the job as an I/O error (exit
# 5) and logged like the kernel, a retried error, timeout -> Abort, Abort
# timeout -> reset, controller fatal status -> reset (no acknowledged write
# lost: the job verifies), failslab at every allocation nvme.ko makes
# while probing, a probe the device makes fail (exit 8), a failed flush.  tests/host/test_nvme_driver.c covers the rest.
. "$(dirname "$0")/lib.sh"

CORE="$KSIM_OBJTREE/drivers/nvme/host/nvme-core.ko"
PCI="$KSIM_OBJTREE/drivers/nvme/host/nvme.ko"
[ -f "$CORE" ] && [ -f "$PCI" ] || { echo "SKIP: drivers/nvme/host not built"; exit 77; }
# under valgrind the 1-second I/O timeout fires on healthy I/O
[ -n "$KSIM_VALGRIND" ] && { echo "SKIP: timing-dependent"; exit 77; }

JOB=verify:disk=nvme0n1,rw=randrw,bs=4k,iodepth=32,size=8M,io_size=24M

# Unrecovered Read Error with DNR: one failed read, the kernel's log line
ksim_expect 5 --nvme='nvme0:queues=2,ns1.size=16M,fault=read:nth=5:sc=0x281:dnr' \
	"$CORE" "$PCI" --job=$JOB
expect_out "Unrecovered Read Error (sct 0x2 / sc 0x81) DNR"
expect_out "1 errors"
expect_out "first error: No data available"
expect_out " 0 mismatches"
expect_out "0 reports"

# Internal Error without DNR on one read: retried, the job sees nothing
ksim_expect 0 --nvme='nvme0:queues=2,ns1.size=16M,fault=read:nth=5:sc=0x6' \
	"$CORE" "$PCI" --job=$JOB
expect_out "fault injected: read:nth=5:sc=0x6"
expect_no_out "Internal Error"

# a dropped completion: timeout, Abort, retry
ksim_expect 0 --nvme='nvme0:queues=2,ns1.size=16M,fault=read:nth=5:drop' \
	"$CORE" io_timeout=1 "$PCI" --job=$JOB
expect_out "timeout, aborting"
expect_no_out "reset controller"
expect_out " 0 mismatches"

# ... and its Abort dropped too: reset, the request completes after it
ksim_expect 0 --nvme='nvme0:queues=2,ns1.size=16M,fault=read:nth=5:drop,fault.2=admin_opc=0x08:drop' \
	"$CORE" io_timeout=1 "$PCI" --job=$JOB
expect_out "timeout, reset controller"
expect_out "nvme nvme0: controller reset complete"
expect_out " 0 mismatches"
expect_out "0 reports"

# controller fatal status under a verifying load (iodepth 1: the driver
# cannot see CFS before its next doorbell write, which the model flags)
ksim_expect 0 --nvme='nvme0:queues=2,ns1.size=16M,fault=write:nth=500:fatal' \
	"$CORE" io_timeout=1 "$PCI" \
	--job=verify:disk=nvme0n1,rw=randrw,bs=4k,iodepth=1,size=2M,io_size=8M
expect_out "controller is down; will reset: CSTS=0x3"
expect_out "nvme nvme0: controller reset complete"
expect_out " 0 mismatches"
expect_out "0 reports"

# failslab: the Nth allocation nvme.ko makes fails, for every N until
# probe gets through; each run must end with 0 reports
n=0
while [ $n -lt 500 ]; do
	# 0, or 8 when the failure made the probe fail (the driver failed its device)
	ksim_run --nvme=nvme0:queues=2,ns1.size=16M \
		--failslab=probability=100,times=1,after=$n,module=nvme,verbose=1 \
		"$CORE" "$PCI" io_queue_depth=16 >"$OUT" 2>"$ERR"
	got=$?
	[ $got = 0 ] || [ $got = 8 ] || fail "failslab after=$n: exit $got, expected 0 or 8"
	[ $got = 0 ] || expect_err "no disk nvme0n1: its driver failed the device"
	expect_out "0 reports"
	grep -qF "FAULT_INJECTION: forcing a failure" "$OUT" || break
	n=$((n + 1))
done
[ $n -gt 0 ] && [ $n -lt 500 ] || fail "failslab loop ended at $n"

# A probe the device makes fail (fatal status at the 3rd admin command):
# the driver's failure, exit 8, with or without a job; not bad input.
for job in "" "--job=$JOB"; do
	# shellcheck disable=SC2086
	ksim_expect 8 --backend=det --seed=1 --nvme='nvme0:queues=2,ns1.size=16M,fault=admin:nth=3:fatal' \
		"$CORE" "$PCI" $job
	expect_err "ksim: --nvme nvme0: no disk nvme0n1: its driver failed the device"
	expect_out "the driver failed its device"
done
# A job on a disk that never was (a wrong name) stays bad input, said once.
ksim_expect 2 --nvme=nvme0:queues=2,ns1.size=16M "$CORE" "$PCI" --job=j:disk=nvme0n7
expect_err "ksim: --job j: no disk named 'nvme0n7'"
grep -q "job j: job j" "$ERR" && fail "the job's name is said twice"

# A failed flush is an I/O error (exit 5) and counted.
ksim_expect 5 --nvme='nvme0:queues=2,ns1.size=16M,fault=flush:every=1:sc=0x6' \
	"$CORE" "$PCI" --job=f:disk=nvme0n1,rw=randwrite,io_size=64k,fsync=4
grep -qE "flush: [0-9]+, [0-9]+ errors" "$OUT" || fail "no count of failed flushes"
expect_out "I/O errors"
expect_out "nvme0n1: 32768 512-byte logical blocks"
exit 0
