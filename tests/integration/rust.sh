#!/bin/sh
# Rust modules run as C modules do: both rust_minimal forms print what the
# kernel prints, parameters and modinfo work, failslab turns into ENOMEM
# through `?` with nothing leaked, the locking sample's workers agree, a
# Rust panic is a BUG with a demangled backtrace and exit status 3, and a
# Rust leak is reported at the Rust function that allocated.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rust.lib"
rust_require_samples

# The mainline form: module! with string keys, authors, a parameter, KVec.
ksim_expect 0 "$(sample rust rust_minimal)"
expect_out "rust_minimal: Rust minimal sample (init)"
expect_out "rust_minimal: Am I built-in? false"
expect_out "rust_minimal: test_parameter: 1"
expect_out "rust_minimal: My numbers are [72, 108, 200]"
expect_out "rust_minimal: Rust minimal sample (exit)"
expect_out "ksim: ok: 1 module, 0 reports"
ksim_expect 0 "$(sample rust rust_minimal)" test_parameter=-42
expect_out "rust_minimal: test_parameter: -42"
# A bad value is refused by the same parser a C module's long gets.
ksim_expect 2 "$(sample rust rust_minimal)" test_parameter=many
expect_err "'many' invalid for parameter 'test_parameter'"
expect_no_out "Rust minimal sample (init)"

# The 6.1 form: byte-string keys, alloc's Vec with try_push.
ksim_expect 0 "$(sample rust rust_minimal_v61)"
expect_out "rust_minimal_v61: Rust minimal sample (init)"
expect_out "rust_minimal_v61: Am I built-in? false"
expect_out "rust_minimal_v61: My numbers are [72, 108, 200]"
expect_out "rust_minimal_v61: Rust minimal sample (exit)"

# .modinfo as a C module has it.
ksim_expect 0 modinfo "$(sample rust rust_minimal)"
expect_out "author:         ksim developers"
expect_out "description:    Rust minimal sample"
expect_out "license:        GPL"
expect_out "name:           rust_minimal"
expect_out "parm:           test_parameter:A number printed at init (default 1) (i64)"
ksim_expect 0 modinfo "$(sample rust rust_minimal_v61)"
expect_out "author:         ksim developers"
expect_out "description:    Rust minimal sample, Linux 6.1 API"

# Every printk level, KERN_CONT, Rust formatting.
ksim_expect 0 "$(sample rust rust_print)"
expect_out "rust_print: Emergency message (level 0) without args"
expect_out "rust_print: Info message (level 6) without args"
expect_out "rust_print: A line that is continued with pr_cont"
expect_out "rust_print: Point { x: 3, y: -4 } 0xff [ right] [left  ] -0042"
expect_out "rust_print: A C string: hello from c_str!"
expect_out "rust_print: An error: Err(EINVAL)"

# failslab reaches KVec::push and Vec::try_push: ENOMEM out of init, exit 4,
# no leak, no other report.
for m in rust_minimal rust_minimal_v61; do
	ksim_expect 4 --failslab=probability=100,module=$m "$(sample rust $m)"
	expect_err "Cannot allocate memory"
	expect_out "Rust minimal sample (init)"
	expect_no_out "My numbers are"
	expect_no_out "unreferenced object"
	expect_out "module init failed: 0 modules, 0 reports"
done

# The locking sample: the workers' values all arrive under the Mutex.
ksim_expect 0 "$(sample rust rust_sync)"
expect_out "rust_sync: 4 workers pushed 32 values, sum 48112"
expect_out "rust_sync: exit: 32 values still held"
expect_out "ksim: ok: 1 module, 0 reports"
ksim_expect 0 "$(sample rust rust_sync)" workers=2 per_worker=100
expect_out "rust_sync: 2 workers pushed 200 values, sum 109900"
ksim_expect 4 "$(sample rust rust_sync)" workers=0
expect_out "rust_sync: workers=0 is outside 1..64"
expect_err "Invalid argument"
# Fail each allocation in turn (lock boxes, the Arc, work items, pushes
# inside the workers): init always fails with ENOMEM and frees everything.
after=0
while [ $after -le 11 ]; do
	ksim_expect 4 --failslab=probability=100,after=$after,module=rust_sync "$(sample rust rust_sync)"
	expect_err "Cannot allocate memory"
	expect_no_out "unreferenced object"
	expect_out "module init failed: 0 modules, 0 reports"
	after=$((after + 1))
done

# Rust locks are the shim's: might_sleep under a SpinLock, lockdep on a
# Mutex taken twice (by the name new_mutex! gave it, at the Rust lines).
ksim_expect 0 "$(mod rust_faults rust_locking)"
expect_out "rust_locking: done"
ksim_expect 1 "$(mod rust_faults rust_locking)" bug=1
expect_out "BUG: sleeping function called from invalid context"
expect_out "<rust_locking::RustLocking as kernel::Module>::init+"
expect_out "1 report (1 sleep in atomic)"
ksim_expect 3 "$(mod rust_faults rust_locking)" bug=2
expect_out "WARNING: possible recursive locking detected"
expect_out "(rust_locking.a), at: <rust_locking::RustLocking as kernel::Module>::init+"
expect_out "(rust_locking.rs:"

# A Rust panic is a kernel BUG: the panic message, the Rust source line,
# a demangled backtrace through the module, ksim's panic status.
ksim_expect 3 "$(mod rust_faults rust_panic)"
expect_out "rust_kernel: panicked at 'index out of bounds: the len is 3 but the index is 5'"
expect_out "kernel BUG at tests/modules/rust_faults/rust_panic.rs:"
expect_out "core::panicking::panic_bounds_check"
expect_out "rust_panic::read_element+"
expect_out "<rust_panic::RustPanic as kernel::Module>::init+"
expect_out "Kernel panic - not syncing"
expect_out "ksim: kernel panic: 0 modules, 1 report (1 BUG)"
expect_no_out " _ZN"
ksim_expect 0 "$(mod rust_faults rust_panic)" index=1
expect_out "rust_panic: element 1 is 2"

# Leaks: reported at unload, each at the Rust function that allocated.
ksim_expect 1 "$(mod rust_faults rust_leak)"
expect_out "unreferenced object"
expect_out "(size 48)"
expect_out "rust_leak::leak_a_box+"
expect_out "(rust_leak.rs:"
expect_out "kmemleak: 2 new suspected memory leaks (module rust_leak unloaded)"
ksim_expect 1 --kmemleak-stack "$(mod rust_faults rust_leak)"
expect_out "rust_leak::leak_a_vec+"

# CondVar: a bounded queue whose producers and consumer must sleep and
# wake each other (a lost wake-up hangs: on det, a hung-task report).
CV=$(sample rust rust_condvar)
ksim_expect 0 "$CV"
expect_out "rust_condvar: 3 producers sent 60 of 60 values, sum 60570, through 2 slots"
expect_out "ksim: ok: 1 module, 0 reports"
ksim_expect 0 "$CV" producers=8 items=50 capacity=1
expect_out "rust_condvar: 8 producers sent 400 of 400 values, sum 1409800, through 1 slots"
for seed in 1 2 3; do
	ksim_expect 0 --backend=det --seed=$seed "$CV" producers=4 capacity=1
	expect_out "rust_condvar: 4 producers sent 80 of 80 values, sum 120760, through 1 slots"
done
ksim_expect 4 "$CV" capacity=0
expect_out "producers=3 or capacity=0 out of range"
# Every allocation of init failing in turn (the 9 of them: the queue,
# the locks, the Arc, each producer): ENOMEM, no leak, no hang, even when
# some producers were spawned before one could not be.
for after in 0 1 2 3 4 5 6 7 8 9; do
	"$KSIM_BIN" --failslab=probability=100,module=rust_condvar,after=$after "$CV" >"$OUT" 2>"$ERR"
	got=$?
	case $got in
	0) expect_out "sum 60570" ;;
	4) expect_err "Cannot allocate memory" ;;
	*) fail "failslab after=$after: exit $got" ;;
	esac
	[ $after = 9 ] && [ $got != 0 ] && fail "init makes more than 9 allocations now: update the loop"
	[ $after != 9 ] && [ $got != 4 ] && fail "failslab after=$after: exit $got, expected 4"
	expect_no_out "unreferenced object"
done
exit 0
