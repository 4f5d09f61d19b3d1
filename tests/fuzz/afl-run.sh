#!/bin/sh
# tests/fuzz/afl-run.sh - run one AFL++ campaign on an instrumented target.
#
#   tests/fuzz/afl-run.sh [options] TARGET
#     --tree DIR     instrumented object tree (default build-fuzz/afl-address-undefined)
#     --out DIR      afl-fuzz output/sync dir (default build-fuzz/out/TARGET)
#     --jobs N       N afl-fuzz processes: one main (-M) and N-1 secondaries (-S)
#     --time SECS    stop after SECS seconds (afl-fuzz -V); default: until ^C
#     --seed N       fixed random seed (afl-fuzz -s), for reproducible smoke runs
#     --fresh        empty --out first (default: resume when it holds a campaign)
#
# Used by `make fuzz`, tests/fuzz/smoke.sh and bench/fuzzbench.sh.  Seeds
# are tests/fuzz/corpus/TARGET/, or a one-byte input when that is empty.
# Findings: OUT/*/crashes/ (the inputs) and OUT/reports/ (each input with
# the kernel log that made it a finding, from fuzz_finding()).
set -eu

tree=build-fuzz/afl-address-undefined out= jobs=1 time= seed= fresh=
while [ $# -gt 1 ]; do
	case $1 in
	--tree) tree=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--jobs) jobs=$2; shift 2 ;;
	--time) time=$2; shift 2 ;;
	--seed) seed=$2; shift 2 ;;
	--fresh) fresh=1; shift ;;
	*) echo "afl-run: unknown option '$1'" >&2; exit 2 ;;
	esac
done
[ $# = 1 ] || { echo "usage: $0 [--tree DIR] [--out DIR] [--jobs N] [--time SECS] [--seed N] [--fresh] TARGET" >&2; exit 2; }
target=$1
bin=$tree/build/fuzz/$target
out=${out:-build-fuzz/out/$target}

case $jobs in ''|*[!0-9]*|0) echo "afl-run: --jobs '$jobs': want a number >= 1" >&2; exit 2 ;; esac
case $time in *[!0-9]*) echo "afl-run: --time '$time': want seconds" >&2; exit 2 ;; esac
case $seed in *[!0-9]*) echo "afl-run: --seed '$seed': want a number" >&2; exit 2 ;; esac
command -v afl-fuzz >/dev/null || { echo "afl-run: afl-fuzz not found (make deps installs afl++)" >&2; exit 2; }
[ -x "$bin" ] || { echo "afl-run: $bin: no such target (make fuzz-build builds it)" >&2; exit 2; }

[ -n "$fresh" ] && rm -rf "$out"
seeds=tests/fuzz/corpus/$target
if [ -z "$(ls -A "$seeds" 2>/dev/null)" ]; then
	seeds=$out/.seed
	mkdir -p "$seeds"
	printf '\0' >"$seeds/one-byte"
fi
mkdir -p "$out/reports"
# A campaign already in OUT (each instance's own dir) is resumed.
[ -z "$fresh" ] && export AFL_AUTORESUME=1

# This machine: cpufreq is not ours to tune (containers, VMs), and other
# fuzzers may hold the cores, so bind when a core is free and go on if
# not.  /proc/sys/kernel/core_pattern is checked, not overridden: afl-fuzz
# refuses to start when it pipes cores to a program (crashes would time
# out); then the user fixes it or sets AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES.
export AFL_SKIP_CPUFREQ=1 AFL_TRY_AFFINITY=1
export KSIM_FUZZ_REPORTS=$(cd "$out/reports" && pwd)
# No status screen without a terminal (CI, make check, pipes).
[ -t 1 ] || export AFL_NO_UI=1
# ASan: abort so AFL++ sees a crash; the machine's own leak check
# (kmemleak at shutdown) reports leaks, LeakSanitizer at exit would only
# repeat them.  symbolize=0 keeps executions fast.  use_sigaltstack=0:
# with clang's ASan, a ksim task thread's exit trips ASan's own
# sigaltstack interceptor (a false report, then a crash describing it).
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:symbolize=0:detect_leaks=0:allocator_may_return_null=1:use_sigaltstack=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1}
# afl-fuzz sets LSAN_OPTIONS=...:fast_unwind_on_malloc=0 when it is unset,
# and ASan reads the common flags from it too: every malloc and free then
# takes its stack with the slow unwinder (libunwind), and an nvme-device
# execution costs 80 ms instead of 7.  Leaks are kmemleak's job here.
export LSAN_OPTIONS=${LSAN_OPTIONS:-detect_leaks=0:fast_unwind_on_malloc=1:symbolize=0}

afl() {
	role=$1 name=$2
	shift 2
	afl-fuzz $role "$name" -i "$seeds" -o "$out" -m none -t "${FUZZ_TIMEOUT_MS:-2000}" \
		${time:+-V "$time"} ${seed:+-s "$seed"} "$@" -- "$bin"
}

if [ "$jobs" = 1 ]; then
	afl -M main
	exit $?
fi
# Secondaries in the background with their output in OUT/<name>.log; the
# main in the foreground; ^C or the end of the main stops them all.
pids=
trap 'kill $pids 2>/dev/null || true' EXIT INT TERM
i=1
while [ $i -lt "$jobs" ]; do
	AFL_NO_UI=1 afl -S "s$i" >"$out/s$i.log" 2>&1 &
	pids="$pids $!"
	i=$((i + 1))
done
afl -M main
