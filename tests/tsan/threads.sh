#!/bin/sh
# The threads backend under ThreadSanitizer (make SAN=thread test-tsan):
# every machine configuration, the samples, the KUnit modules, the user
# side (--exec) and blkbench, each run in the TSan build.  The tsan group
# of scripts/run-tests gives every process its own TSan log and fails this
# script on any report; here each run must also end as it does in the
# plain build.  First, that a race is seen at all: a planted one must be.
. "$(dirname "$0")/../integration/lib.sh"
ldd "$KSIM_BIN" 2>/dev/null | grep -q libtsan ||
	{ echo "$KSIM_BIN is not a ThreadSanitizer build (make SAN=thread)"; exit 77; }
kunit_mod() { echo "$KSIM_OBJTREE/tests/kunit/$1/$1_test.ko"; }

# The planted race, with its own log (the group's logs must stay clean).
planted=$(mktemp -d)
TSAN_OPTIONS="halt_on_error=0 exitcode=66 log_path=$planted/race" \
	ksim_run "$KSIM_OBJTREE/tests/tsan/race/tsan_race.ko" >"$OUT" 2>"$ERR"
rc=$?
cat "$planted"/race.* >>"$ERR" 2>/dev/null
rm -rf "$planted"
[ $rc = 66 ] || fail "the planted race: exit $rc, expected 66 (TSan's exitcode)"
expect_err "WARNING: ThreadSanitizer: data race"
expect_err "bump_fn"
expect_err "tsan_race.c:"

# Every machine configuration, with the status main_job.sh expects.
for ini in configs/*.ini; do
	case $ini in
	*/nvme-faulty.ini) want=5 ;;	# I/O errors by design
	*) want=0 ;;
	esac
	ksim_expect $want -c "$ini"
done

# The NVMe model's worker mode: the controller on its own threads, so the
# driver and the device really race (the default, inline, runs the device
# on the submitting task).  The CQE phase bit is all that orders them.
worker_ini=$(mktemp --suffix=.ini)
for ini in configs/nvme.ini configs/nvme-many-queues.ini; do
	sed 's/^\[nvme0\]$/[nvme0]\nexec = worker/' "$ini" >"$worker_ini"
	grep -q "^exec = worker" "$worker_ini" || fail "$ini: no [nvme0] section to put exec = worker in"
	ksim_expect 0 -c "$worker_ini"
	expect_out "0 mismatches"
done
rm -f "$worker_ini"

for ko in "$KSIM_OBJTREE"/drivers/samples/*/*.ko; do
	ksim_expect 0 "$ko"
	expect_out "ksim: ok"
done

for ko in "$KSIM_OBJTREE"/tests/kunit/lib/*.ko "$(kunit_mod kunit_api)"; do
	ksim_expect 0 --kunit "$ko"
done

# The user side: a background reader woken by a writer, poll, nonblocking reads.
FIFO=$(sample miscfifo miscfifo)
ksim_expect 0 "$FIFO" --exec='read /dev/miscfifo 5 &; sleep 0.1; echo wake > /dev/miscfifo; wait'
expect_out "wake"
ksim_expect 0 "$FIFO" --exec='fails EAGAIN read -n /dev/miscfifo; poll /dev/miscfifo in; expect timeout;
	echo abc > /dev/miscfifo; poll /dev/miscfifo inout 100; expect "in out"'

# The block path at several depths, interrupts and polling, from blkbench
# (in-process; it loads the modules by their paths in the object tree).
# Both execution modes of the model, each with a submitter per CPU, so
# submitters race each other as well as the device: in the inline mode
# each submitter's hardware queue runs on its own task (a runner per SQ),
# beside the other and the timer worker.
bench_dir=$(mktemp -d)
for mode in inline worker; do
	jobs=cpus
	(cd "$KSIM_OBJTREE" && timeout -k 10 "$KSIM_RUN_TIMEOUT" build/bench/blkbench --quick \
		--runtime 0.1 --reps 1 --no-fio --nvme-opts exec=$mode --ksim-jobs $jobs \
		--json "$bench_dir/b.json" --plot "$bench_dir/b.png") >"$OUT" 2>"$ERR"
	rc=$?
	[ $rc = 0 ] || { rm -rf "$bench_dir"; fail "blkbench --quick, exec=$mode: exit $rc"; }
	expect_out "null polled"
done
rm -rf "$bench_dir"
exit 0
