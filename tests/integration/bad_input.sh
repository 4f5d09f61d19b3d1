#!/bin/sh
# Every bad input gets a clear error naming it, exit status 2, nothing left running.
. "$(dirname "$0")/lib.sh"
MIN=$(sample minimal minimal)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP" "$OUT" "$ERR"' EXIT

ksim_expect 2 /nonexistent/x.ko
expect_err "/nonexistent/x.ko: No such file or directory"

echo "not a module" >"$TMP/text.ko"
ksim_expect 2 "$TMP/text.ko"
expect_err "not an ELF file, so not a kernel module"

ksim_expect 2 /bin/true.ko 2>/dev/null || true
cp /bin/true "$TMP/true.ko"
ksim_expect 2 "$TMP/true.ko"
expect_err "not a kernel module (no .modinfo section"

ksim_expect 2 "$MIN" nosuch=1
expect_err "unknown parameter 'nosuch' (known:"
expect_err " count"
expect_err " greeting"

ksim_expect 2 "$MIN" count=abc
expect_err "'abc' invalid for parameter 'count'"
expect_out "ksim: stopped on bad input"

ksim_expect 2 "$MIN" count=-1
expect_err "invalid for parameter 'count'"

ksim_expect 2 "$MIN" count
expect_err "parameter 'count' needs a value"

ksim_expect 2 --loglevel=x "$MIN"
expect_err "--loglevel: 'x' is not a number"

ksim_expect 2 --no-such-option
expect_err "unrecognized option"

ksim_expect 2 count=5
expect_err "expected a module"

printf '[kernel]\nloglevel = 7\ncolour = blue\n' >"$TMP/bad.ini"
ksim_expect 2 -c "$TMP/bad.ini"
expect_err "bad.ini:3: [kernel]: unknown key 'colour'"

printf '[kernel]\ncpus = many\n' >"$TMP/bad2.ini"
ksim_expect 2 -c "$TMP/bad2.ini"
expect_err "bad2.ini:2: [kernel] cpus: 'many' is not a number"

printf '[nonsense]\nx = 1\n' >"$TMP/bad3.ini"
ksim_expect 2 -c "$TMP/bad3.ini"
expect_err "bad3.ini:1: unknown section [nonsense]"

printf '[module minimal]\npath = %s\ncount = 2\nbogus = 1\n' "$MIN" >"$TMP/bad4.ini"
ksim_expect 2 -c "$TMP/bad4.ini"
expect_err "bad4.ini:4: [module minimal] bogus"
expect_err "unknown parameter 'bogus'"

printf '[module minimal]\ncount = 2\n' >"$TMP/bad5.ini"
ksim_expect 2 -c "$TMP/bad5.ini"
expect_err "missing 'path = file.ko'"

printf '[failslab]\nprobabilty = 5\n' >"$TMP/bad6.ini"
ksim_expect 2 -c "$TMP/bad6.ini" "$MIN"
expect_err "bad6.ini:2: [failslab] probabilty: unknown failslab key 'probabilty'"

ksim_expect 2 -c "$TMP/missing.ini"
expect_err "missing.ini: No such file or directory"

# Nothing may be left running: no stray ksim process from these runs.
! pgrep -f "$TMP" >/dev/null || fail "a ksim process was left running"
exit 0
