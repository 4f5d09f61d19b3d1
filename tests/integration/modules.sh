#!/bin/sh
# Module life cycle: failing init, exports between modules, reverse unload, signals.
. "$(dirname "$0")/lib.sh"
PROV=$(mod exports provider)
CONS=$(mod exports consumer)

# A failing init unloads the module cleanly: exit 4, no leak
ksim_expect 4 "$(mod init_fail init_fail)"
expect_err "could not insert module"
expect_err "No such device"
expect_out "init_fail: init fails with -19"
expect_out "0 reports"
ksim_expect 0 "$(mod init_fail init_fail)" err=0

# Injected allocation failures reach the module's error path: minimal's
# init fails with -ENOMEM on its first kmalloc, unwinds, nothing leaks.
ksim_expect 4 --failslab=probability=100,times=-1,module=minimal,verbose=1 \
	"$(sample minimal minimal)" count=3
expect_err "Cannot allocate memory"
expect_out "FAULT_INJECTION: forcing a failure"
expect_out "0 reports"
# ...and the same from a config file, failing only the third allocation.
printf '[failslab]\nprobability = 100\nafter = 2\nmodule = minimal\n' >"$OUT.ini"
ksim_expect 4 -c "$OUT.ini" "$(sample minimal minimal)" count=5
expect_out "0 reports"
rm -f "$OUT.ini"

# EXPORT_SYMBOL between modules; unloaded in reverse order
ksim_expect 0 "$PROV" "$CONS"
expect_out "consumer: provider_add(2, 3) = 5, provider_secret() = 42"
first=$(grep -n "provider: gone" "$OUT" | cut -d: -f1)
[ -n "$first" ] || fail "provider was not unloaded"

# The consumer alone is refused, naming every missing symbol
ksim_expect 2 "$CONS"
expect_err "unknown symbols"
expect_err "provider_add"
expect_err "provider_secret"
expect_err "it depends on: provider"

# SIGINT while running: modules unloaded, clean exit.  Not under det, whose
# --run-time is virtual: 60 seconds pass before a signal could arrive.
[ "${KSIM_BACKEND:-}" = det ] && exit 0
$KSIM_VALGRIND "$KSIM_BIN" --run-time=60 "$(sample minimal minimal)" >"$OUT" 2>"$ERR" &
pid=$!
for i in $(seq 1 200); do
	grep -q "built a list" "$OUT" && break
	sleep 0.05
done
kill -INT $pid
wait $pid
rc=$?
[ $rc = 0 ] || fail "exit $rc after SIGINT"
expect_err "caught Interrupt"
expect_out "minimal: goodbye (exit)"
exit 0
