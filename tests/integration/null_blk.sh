#!/bin/sh
# drivers/block/null_blk: disks nullb0.. created and deleted with the
# kernel's log lines; verified I/O on a memory-backed disk (read after
# write returns the data) with inline, softirq and timer completion and
# with a poll queue; several disks and a 4 KiB block size; bad parameters
# fail init; unload leaves nothing behind (0 reports: no leak, no live
# timer).
. "$(dirname "$0")/lib.sh"

NB="$KSIM_OBJTREE/drivers/block/null_blk/null_blk.ko"
[ -f "$NB" ] || { echo "SKIP: drivers/block/null_blk not built"; exit 77; }
V="rw=randrw,iodepth=32,runtime=0.3,size=64M"

ksim_expect 0 "$NB"
expect_out "null_blk: disk nullb0 created"
expect_out "null_blk: module loaded"
expect_out "null_blk: disk nullb0 deleted"
expect_out "ksim: ok: 1 module, 0 reports"

# memory backed, every completion mode, fixed and random sizes
for mode in 0 1 2; do
	ksim_expect 0 "$NB" memory_backed=1 irqmode=$mode completion_nsec=20000 \
		--job=v:disk=nullb0,bs=4k,numjobs=2,$V \
		--job=mix:disk=nullb0,bsrange=512-128k,$V
	[ "$(count_out ", 0 mismatches")" = 2 ] || fail "irqmode=$mode: mismatches"
	expect_no_out " 0 reads checked"
	expect_no_out " errors"
	expect_out "null_blk: disk nullb0 deleted"
	expect_out "ksim: ok: 1 module, 0 reports"
done

# a poll queue beside the submit queues: polled I/O completes by ->poll
ksim_expect 0 "$NB" memory_backed=1 submit_queues=2 poll_queues=1 \
	--job=p:disk=nullb0,bs=4k,hipri=1,$V
expect_out "job p: nullb0 randrw bs=4096 iodepth=32 numjobs=1 polled:"
expect_out ", 0 mismatches"
expect_no_out " 0 reads checked"

# two disks of 2 GiB with 4 KiB blocks; I/O on the second
ksim_expect 0 "$NB" nr_devices=2 gb=2 bs=4096 memory_backed=1 \
	--job=b:disk=nullb1,bs=8k,$V
expect_out "null_blk: disk nullb1 created"
expect_out ", 0 mismatches"
ksim_expect 2 "$NB" nr_devices=2 gb=2 bs=4096 --job=b:disk=nullb1,bs=512
expect_err "bs=512 is not a multiple of nullb1's block size 4096"

# without memory backing, reads return no data: verify would fail, so the
# null device is for cost only; plain I/O completes without error
ksim_expect 0 "$NB" --job=n:disk=nullb0,rw=randread,bs=4k,iodepth=1,runtime=0.2,verify=none
expect_out "read : "
expect_no_out " errors"

# bad parameters fail init cleanly
ksim_expect 4 "$NB" bs=1000
expect_out "null_blk: invalid block size 1000"
expect_out "0 reports"
ksim_expect 4 "$NB" irqmode=7
expect_out "null_blk: invalid irqmode 7"
exit 0
