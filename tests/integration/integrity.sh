#!/bin/sh
# Data integrity through the NVMe driver: verified random read/write jobs
# (each write a header + pattern from (block, generation, seed), each read
# compared with the last completed write) at random offsets with block
# sizes 512, 4k, 64k, 128k and a random mix (bsrange), on a 512-byte and a
# 4096-byte LBA namespace, numjobs = CPUs (one submitter per CPU, so every
# CPU's hardware queue is used), with interrupt-driven queues and with
# polled queues (poll_queues=2, hipri=1), with PRPs only (sgl_threshold=0)
# and with SGLs for every request (sgl_threshold=1).  Every run: exit 0,
# 0 mismatches on every job, no I/O error, 0 reports.
#
# Then flush and FUA reaching the file backend: run 1 writes every block of
# a file-backed namespace once (FUA writes, sequential) and exits; run 2, a
# new process, reads the file back through the driver and checks each block
# against the header it carries (verify_only=1); a run with another seed
# must see every block as foreign.
. "$(dirname "$0")/lib.sh"

CORE="$KSIM_OBJTREE/drivers/nvme/host/nvme-core.ko"
PCI="$KSIM_OBJTREE/drivers/nvme/host/nvme.ko"
[ -f "$CORE" ] && [ -f "$PCI" ] || { echo "SKIP: drivers/nvme/host not built"; exit 77; }

CPUS=2
RT=${INTEGRITY_RUNTIME:-0.3}
NVME="nvme0:queues=4,ns1.size=64M,ns1.lba_size=512,ns2.size=32M,ns2.lba_size=4096"

# jobs HIPRI: the job list for both namespaces
jobs() {
	c="rw=randrw,iodepth=16,numjobs=$CPUS,runtime=$RT,hipri=$1"
	for bs in 512 4k 64k 128k; do
		echo "--job=n1-$bs:disk=nvme0n1,bs=$bs,$c"
	done
	echo "--job=n1-mix:disk=nvme0n1,bsrange=512-128k,$c"
	for bs in 4k 64k 128k; do
		echo "--job=n2-$bs:disk=nvme0n2,bs=$bs,$c"
	done
	echo "--job=n2-mix:disk=nvme0n2,bsrange=4k-128k,$c"
}
NJOBS=9

for mode in irq polled; do
	for sgl in 0 1; do
		if [ $mode = polled ]; then pq=2; hipri=1; else pq=0; hipri=0; fi
		# shellcheck disable=SC2046
		ksim_expect 0 -q --cpus=$CPUS --nvme=$NVME "$CORE" "$PCI" \
			poll_queues=$pq sgl_threshold=$sgl $(jobs $hipri)
		what="$mode sgl_threshold=$sgl"
		[ "$(count_out ", 0 mismatches")" = $NJOBS ] || fail "$what: not $NJOBS clean jobs"
		[ "$(count_out "reads checked")" = $NJOBS ] || fail "$what: a job did not finish"
		expect_no_out " errors"
		expect_no_out " 0 reads checked"
		expect_out "job n1-mix: nvme0n1 randrw bs=512-131072 iodepth=16 numjobs=$CPUS"
		expect_out "job n2-mix: nvme0n2 randrw bs=4096-131072 iodepth=16 numjobs=$CPUS"
		expect_out "ksim: ok: 2 modules, 0 reports"
		if [ $mode = polled ]; then
			expect_out "numjobs=$CPUS polled:"
		fi
	done
done

# the block size must match the namespace's LBA size
ksim_expect 2 -q --nvme=$NVME "$CORE" "$PCI" --job=bad:disk=nvme0n2,bs=512
expect_err "bs=512 is not a multiple of nvme0n2's block size 4096"

# ---- read back after restart: flush and FUA reach the file ----
IMG=$(mktemp /tmp/ksim-integrity-XXXXXX.img)
rm -f "$IMG"
FILE="nvme0:queues=2,ns1.size=16M,ns1.backend=file,ns1.path=$IMG"
ksim_expect 0 -q --cpus=$CPUS --nvme=$FILE "$CORE" "$PCI" \
	--job=fill:disk=nvme0n1,rw=write,bs=64k,iodepth=8,runtime=0,fua=1,seed=42
expect_out "write: "
expect_out "ksim: ok"
[ "$(stat -c %s "$IMG")" = $((16 << 20)) ] || { rm -f "$IMG"; fail "file not 16 MiB"; }

# a fresh process reads every block back (the job's default io_size is the
# region: 256 reads of 64 KiB) and checks each against its header
ksim_expect 0 -q --cpus=$CPUS --nvme=$FILE "$CORE" "$PCI" \
	--job=check:disk=nvme0n1,rw=read,bs=64k,iodepth=8,runtime=0,seed=42,verify_only=1
expect_out "job check: nvme0n1 read bs=65536 iodepth=8 numjobs=1 verify_only:"
expect_out "verify: 256 reads checked, 0 mismatches"
# and with random sizes (units of 64k, up to 128k at once), two submitters
ksim_expect 0 -q --cpus=$CPUS --nvme=$FILE "$CORE" "$PCI" \
	--job=check2:disk=nvme0n1,rw=randread,bsrange=64k-128k,numjobs=2,runtime=0.2,seed=42,verify_only=1
expect_out ", 0 mismatches"
expect_no_out " 0 reads checked"

# the check is real: another seed finds nothing it wrote (exit 1: data reports)
ksim_expect 1 -q --cpus=$CPUS --nvme=$FILE "$CORE" "$PCI" \
	--job=foreign:disk=nvme0n1,rw=read,bs=64k,runtime=0,seed=43,verify_only=1
expect_out "verify: 256 reads checked, 256 mismatches"
expect_out "not what a job with seed 43 wrote there"
rm -f "$IMG"
exit 0
