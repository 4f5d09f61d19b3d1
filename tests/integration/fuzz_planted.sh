#!/bin/sh
# The planted target (tests/fuzz/planted/, tests/fuzz/README.md): every
# crash input in tests/fuzz/planted/crashes/ replays with the plain
# build/fuzz/planted as a finding with the report its planted bug makes,
# the seed corpus replays clean, and KSIM_FUZZ_MODULES swaps in another
# driver: the fixed one (ksim_mbox_fixed.ko) survives every crash input,
# relative paths are taken as given, a missing file is named.
. "$(dirname "$0")/lib.sh"
# Under SAN, ASan stops a planted overflow at the write with its own
# report, before ksim's slab checks: the texts below are the plain build's.
[ -n "${SAN:-}" ] && { echo "SKIP: SAN=${SAN:-}: the expected report texts are the plain build's (ASan reports the planted bugs in its own words)"; exit 77; }

FUZZ="$KSIM_OBJTREE/build/fuzz/planted"
MOD="$KSIM_OBJTREE/tests/fuzz/planted/ksim_mbox.ko"
FIXED="$KSIM_OBJTREE/tests/fuzz/planted/ksim_mbox_fixed.ko"
CRASHES="$KSIM_SRC/tests/fuzz/planted/crashes"
CORPUS="$KSIM_SRC/tests/fuzz/corpus/planted"
[ -x "$FUZZ" ] && [ -f "$MOD" ] && [ -f "$FIXED" ] ||
	{ echo "SKIP: build/fuzz/planted or its modules not built"; exit 77; }
REPORTS=$(mktemp -d)
trap 'rm -f "$OUT" "$ERR"; rm -rf "$REPORTS"' EXIT
unset KSIM_FUZZ_MODULES KSIM_FUZZ_CONSOLE

# the seed corpus takes the normal paths: no finding
$KSIM_VALGRIND "$FUZZ" "$CORPUS" >"$OUT" 2>"$ERR" || fail "corpus replay: exit $?"
expect_out "no finding"
# the crash inputs abort on purpose; valgrind adds nothing to that
[ -n "$KSIM_VALGRIND" ] && exit 0

# An ASan build (make SAN=address) reports an out-of-bounds write where it
# happens, before the slab red-zone check at kfree() would.
ASAN_BUILD=
nm "$FUZZ" 2>/dev/null | grep -q __asan_init && ASAN_BUILD=1
export ASAN_OPTIONS=${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}abort_on_error=1

# crash FILE REGEX...: FILE is a finding whose report matches every REGEX (grep -E)
crash() {
	file=$CRASHES/$1
	shift
	[ -f "$file" ] || fail "missing crash input $file"
	KSIM_FUZZ_REPORTS="$REPORTS" "$FUZZ" "$file" >"$OUT" 2>"$ERR"
	got=$?
	[ "$got" -ne 0 ] && [ "$got" -ne 2 ] || fail "$file: exit $got, expected a finding (abort)"
	for text in "$@"; do
		grep -qE -- "$text" "$ERR" || fail "$file: stderr lacks: $text"
	done
}

# (1) device channel count as an index: slab out-of-bounds write
if [ -n "$ASAN_BUILD" ]; then
	crash 1-channel-count "Right Redzone overwritten|ERROR: AddressSanitizer"
else
	crash 1-channel-count "finding:" "Right Redzone overwritten" "BUG kmalloc-8" "mbox_probe"
fi
# (2) device reply length for a memcpy: out-of-bounds write into mf->reply
if [ -n "$ASAN_BUILD" ]; then
	crash 2-reply-length "Right Redzone overwritten|ERROR: AddressSanitizer"
else
	crash 2-reply-length "finding:" "Right Redzone overwritten" "BUG kmalloc-64" \
		"Allocated in mbox_open"
fi
# (3) double completion: the message unmapped and freed twice
crash 3-double-completion "finding:" "BUG: KASAN: double-free in mbox_irq" "DMA-API:"
# (4) a query the device never completes: no timeout, hung task
crash 4-query-never-completes "finding: hung task" "INFO: task mboxctl:" "mbox_read"
# (5) rare status: the bounce buffer leaks
crash 5-fw-reset-status "finding:" "unreferenced object" "kmemleak:" "mbox_read"
# (6) aborted message: its DMA mapping leaks
crash 6-aborted-post "finding:" "DMA-API:" "pending DMA allocations while released" "mapped at mbox_write"

# the report is kept beside the input (an ASan abort bypasses ksim's report)
n=$(ls "$REPORTS" | grep -c '\.txt$')
[ -n "$ASAN_BUILD" ] || [ "$n" = 6 ] || fail "KSIM_FUZZ_REPORTS holds $n reports, expected 6"
grep -qF "unreferenced object" "$REPORTS"/*.txt || fail "kept reports lack the text"

# KSIM_FUZZ_MODULES: the fixed driver survives every crash input and the corpus
KSIM_FUZZ_MODULES="$FIXED" "$FUZZ" "$CRASHES" "$CORPUS" >"$OUT" 2>"$ERR" ||
	fail "fixed driver: exit $?"
expect_out "no finding"
expect_out "11 input(s) ran"
# ... the planted one given the same way still crashes (the variable is obeyed)
KSIM_FUZZ_MODULES="$MOD" "$FUZZ" "$CRASHES/1-channel-count" >"$OUT" 2>"$ERR" &&
	fail "KSIM_FUZZ_MODULES=ksim_mbox.ko: no finding"
expect_err "Right Redzone overwritten"
# ... a relative path is taken from the current directory, as given
(cd "$(dirname "$FIXED")" && KSIM_FUZZ_MODULES=ksim_mbox_fixed.ko "$FUZZ" \
	"$CRASHES/1-channel-count") >"$OUT" 2>"$ERR" || fail "relative KSIM_FUZZ_MODULES: exit $?"
expect_out "no finding"
# ... and a missing module is a set-up error naming it, not a finding
KSIM_FUZZ_MODULES="no/such.ko" "$FUZZ" "$CORPUS" >"$OUT" 2>"$ERR"
got=$?
[ "$got" = 2 ] || fail "missing module: exit $got, expected 2"
expect_err "KSIM_FUZZ_MODULES: no/such.ko: no such module file"
exit 0
