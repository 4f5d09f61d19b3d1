#!/bin/sh
# The sample module: parameters reach init, the log reads like dmesg, exit 0.
. "$(dirname "$0")/lib.sh"

ksim_expect 0 "$(sample minimal minimal)" count=5
expect_out "minimal: Hello from the minimal sample (init)"
expect_out "minimal: count=5"
expect_out "minimal: my numbers are: 36 72 108 144 180"
expect_out "minimal: goodbye (exit)"
expect_out "ksim: ok: 1 module, 0 reports"
grep -qE '^\[ +[0-9]+\.[0-9]{6}\] minimal: count=5$' "$OUT" || fail "no dmesg-style timestamp"

# charp parameter, and a bare default
ksim_expect 0 "$(sample minimal minimal)" greeting=howdy
expect_out "minimal: howdy (init)"
expect_out "minimal: count=3"

# loglevel=: info messages (level 6) are hidden at loglevel 6, shown at 7
ksim_expect 0 loglevel=6 "$(sample minimal minimal)"
expect_no_out "minimal: count=3"
expect_out "ksim: ok"
ksim_expect 0 --loglevel=7 "$(sample minimal minimal)"
expect_out "minimal: count=3"
# --help and --version
ksim_expect 0 --help
expect_out "Usage: ksim [OPTION]... [MODULE.ko [PARAM=VALUE]...]..."
expect_out "Exit status:"
ksim_expect 0 --version
expect_out "Linux 6.1 kernel API"

# make run's configuration, from another directory
(cd / && $KSIM_VALGRIND "$KSIM_BIN" -c "$KSIM_SRC/configs/default.ini") >"$OUT" 2>"$ERR" ||
	fail "configs/default.ini from / failed"
expect_out "minimal: my numbers are: 36 72 108 144 180"
expect_out "nvme nvme0: pci function 0000:00:04.0"
expect_out "rust_minimal: test_parameter: 7"
expect_out "rust_minimal: Rust minimal sample (exit)"
expect_out "ksim: ok: 8 modules, 0 reports"
exit 0
