#!/bin/sh
# bench/startup.sh: one short sitting prints the NVMe machine's start-up
# beside its two floors (ksim --version, /bin/true) and the memory one
# written page costs on a sparse 1 TiB namespace, and writes JSON holding
# every run; bad options are refused naming the value.
. "$(dirname "$0")/lib.sh"

# Process-level timing of real runs: nothing for det or memcheck to add.
[ "${KSIM_BACKEND:-threads}" = threads ] || { echo "SKIP: startup.sh runs on the threads backend only"; exit 77; }
[ -z "$KSIM_VALGRIND" ] || { echo "SKIP: startup.sh is not run under valgrind"; exit 77; }
command -v perf >/dev/null || { echo "SKIP: perf is not installed (Debian package linux-perf)"; exit 77; }
perf stat -e task-clock true >/dev/null 2>&1 || { echo "SKIP: perf stat cannot count here"; exit 77; }
[ -x /usr/bin/time ] || { echo "SKIP: /usr/bin/time is not installed (Debian package time)"; exit 77; }
J=$(mktemp)
trap 'rm -f "$J" "$OUT" "$ERR"' EXIT

cd "$KSIM_OBJTREE" || fail "no object tree"
"$KSIM_SRC"/bench/startup.sh --runs 2 --writes 2000 --json "$J" "$KSIM_BIN" >"$OUT" 2>"$ERR" ||
	fail "startup.sh failed: $(tail -5 "$ERR")"
grep -Eq "^  ksim, NVMe machine +wall +[0-9.]+ ms" "$OUT" || fail "no start-up row"
grep -q "floor: /bin/true" "$OUT" || fail "no /bin/true floor"
grep -q "floor: ksim --version" "$OUT" || fail "no ksim --version floor"
grep -Eq "bytes per written page" "$OUT" || fail "no memory figure"
python3 - "$J" <<'PY' || fail "JSON incomplete: $(cat "$J")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["runs"] == 2
for k in ("machine", "ksim_version", "true"):
    assert len(d["startup"][k]["wall_ms"]) == 2, k
    assert d["startup"][k]["cpu_ms_median"] > 0, k
m = d["memory"]
assert m["writes"] == [500, 2000]
# a written page costs about its 4 KiB: not nothing, not a 64 KiB chunk
assert 2048 <= m["bytes_per_write"] <= 16384, m
PY

"$KSIM_SRC"/bench/startup.sh --runs x >"$OUT" 2>"$ERR"
[ $? = 2 ] || fail "--runs x not refused with status 2"
expect_err "--runs 'x': want a positive number"
"$KSIM_SRC"/bench/startup.sh --bogus >"$OUT" 2>"$ERR"
[ $? = 2 ] || fail "an unknown option not refused with status 2"
expect_err "unknown option '--bogus'"
exit 0
