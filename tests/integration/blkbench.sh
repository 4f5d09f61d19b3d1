#!/bin/sh
# bench/blkbench: a short run of the ksim engines. ksim has one submitter
# by default and min(QD, CPUs) with --ksim-jobs cpus (as many CPUs as the
# psync baseline's threads spread over); each row and the JSON say how
# many; a bad --ksim-jobs is refused naming the value.
. "$(dirname "$0")/lib.sh"

BB="$KSIM_OBJTREE/build/bench/blkbench"
[ -x "$BB" ] || { echo "SKIP: build/bench/blkbench not built"; exit 77; }
# A benchmark of real threads against the real clock: nothing to replay,
# nothing for memcheck to time.
[ "${KSIM_BACKEND:-threads}" = threads ] || { echo "SKIP: blkbench runs on the threads backend only"; exit 77; }
[ -z "$KSIM_VALGRIND" ] || { echo "SKIP: blkbench is not run under valgrind"; exit 77; }
CPUS=$(getconf _NPROCESSORS_ONLN)
J=$(mktemp)
trap 'rm -f "$J" "$OUT" "$ERR"' EXIT

cd "$KSIM_OBJTREE" || fail "no object tree"
"$BB" --only "ksim null irq" --depths 1,2 --reps 1 --runtime 0.05 --no-fio --ksim-jobs cpus \
	--json "$J" --plot '' >"$OUT" 2>"$ERR" || fail "blkbench failed: $(tail -5 "$ERR")"
want=$(( CPUS < 2 ? CPUS : 2 ))
grep -Eq "^ksim null irq +read +1 +1 " "$OUT" || fail "QD1 row without 1 job"
grep -Eq "^ksim null irq +read +2 +$want " "$OUT" || fail "QD2 row without $want jobs"
grep -q '"jobs": 1' "$J" || fail "JSON lacks the jobs of each point"
grep -q '"jobs_rule"' "$J" || fail "JSON lacks the jobs rule"

"$BB" --only "ksim null irq" --depths 2 --reps 1 --runtime 0.05 --no-fio \
	--json "$J" --plot '' >"$OUT" 2>"$ERR" || fail "blkbench (default jobs) failed"
grep -Eq "^ksim null irq +read +2 +1 " "$OUT" || fail "ksim does not default to 1 submitter"

"$BB" --ksim-jobs 0 >"$OUT" 2>"$ERR"
[ $? = 2 ] || fail "--ksim-jobs 0 not refused with status 2"
expect_err "--ksim-jobs '0': not a count 1..16 or 'cpus'"
exit 0
