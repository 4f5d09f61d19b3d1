#!/bin/sh
# The main job: every config under configs/ that drives the NVMe driver
# boots, probes, runs its verified jobs and exits with the status its
# comment promises.  Checks the probe log ("nvme nvme0: ..."), the job
# summary lines (IOPS, latency percentiles), "0 mismatches" on every job
# and the closing summary.
. "$(dirname "$0")/lib.sh"

CORE="$KSIM_OBJTREE/drivers/nvme/host/nvme-core.ko"
[ -f "$CORE" ] || { echo "SKIP: drivers/nvme/host not built"; exit 77; }

# every job printed its summary, and verified with no mismatch
jobs_clean() {
	n=$1
	[ "$(count_out " mismatches")" = "$n" ] || fail "expected $n verify lines"
	[ "$(count_out ", 0 mismatches")" = "$n" ] || fail "a job saw mismatches"
	expect_out "lat usec: min"
	expect_out " p50 "
	expect_out " p99 "
	expect_out " IOPS, "
	expect_out " MiB/s"
}

probe_log() {
	expect_out "nvme nvme0: pci function 0000:00:04.0"
	expect_out "nvme nvme0: ksim NVMe controller, serial KSIM0001"
}

# default.ini: the C samples (the last a KUnit suite) and rust_minimal first,
# then nvme0 with 512- and 4096-byte namespaces and a job on each
ksim_expect 0 -c configs/default.ini
expect_out "minimal: my numbers are"
expect_out "sample_workqueue: delayed work done"
probe_log
expect_out "nvme nvme0: nvme0n1: 131072 512-byte logical blocks (64 MiB)"
expect_out "nvme nvme0: nvme0n2: 8192 4096-byte logical blocks (32 MiB)"
expect_out "job ns1-randrw: nvme0n1 randrw bs=4096 iodepth=32"
expect_out "job ns2-randrw: nvme0n2 randrw bs=16384 iodepth=16"
jobs_clean 2
expect_out "ksim: ok: 8 modules, 0 reports"
# the samples load before the driver
first_sample=$(grep -n "minimal:" "$OUT" | head -1 | cut -d: -f1)
probe=$(grep -n "nvme nvme0: pci function" "$OUT" | head -1 | cut -d: -f1)
[ "$first_sample" -lt "$probe" ] || fail "nvme probed before the samples loaded"

ksim_expect 0 -c configs/nvme.ini
probe_log
expect_out "job nvme0n1: nvme0n1 randrw bs=4096"
expect_out "job nvme0n2: nvme0n2 randrw bs=8192"
jobs_clean 2
expect_out "ksim: ok: 2 modules, 0 reports"

rm -f build/nvme-file-ns1.img
ksim_expect 0 -c configs/nvme-file.ini
probe_log
[ -f build/nvme-file-ns1.img ] || fail "the namespace file was not created"
expect_out "job file-fua: nvme0n1 randrw bs=4096 iodepth=16"
expect_out "job file-flush: nvme0n1 randwrite bs=65536"
expect_out "  flush: "
jobs_clean 2
expect_out "ksim: ok: 2 modules, 0 reports"
rm -f build/nvme-file-ns1.img

ksim_expect 0 -c configs/nvme-many-queues.ini
probe_log
expect_out "nvme nvme0: 8/0/2 default/read/poll queues"
expect_out "job irq-8jobs: nvme0n1 randrw bs=4096 iodepth=16 numjobs=8:"
expect_out "job polled-2jobs: nvme0n2 randrw bs=4096 iodepth=16 numjobs=2 polled:"
jobs_clean 2
expect_out "ksim: ok: 2 modules, 0 reports"

ksim_expect 0 -c configs/nvme-slow.ini
probe_log
jobs_clean 1
# reads are delayed at least 50 us by the latency model
min=$(sed -n 's/.*read : .*lat usec: min \([0-9]*\)\..*/\1/p' "$OUT")
[ -n "$min" ] && [ "$min" -ge 50 ] || fail "read latency min ${min:-?} us below the 50 us model"
expect_out "ksim: ok: 2 modules, 0 reports"

# faulty: exit 5 (I/O errors, no report): the read error with DNR reaches
# the job, the dropped command is aborted after io_timeout and retried
ksim_expect 5 -c configs/nvme-faulty.ini
probe_log
expect_out "nvme0: fault injected: read:nth=200:sc=0x281:dnr"
expect_out "Unrecovered Read Error"
expect_out "timeout, aborting"
expect_out "1 errors"
expect_out "first error: No data available"
jobs_clean 1
expect_out "ksim: I/O errors: 2 modules, 0 reports"
exit 0
