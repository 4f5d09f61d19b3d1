#!/bin/sh
# The timer, kthread and workqueue samples: they log what they did, with
# parameters honoured, and unload with no report (exit 0).
. "$(dirname "$0")/lib.sh"

for s in timer/sample_timer kthread/sample_kthread workqueue/sample_workqueue; do
	[ -f "$(sample "${s%/*}" "${s#*/}")" ] || { echo "skip: $s.ko not built"; exit 77; }
done

ksim_expect 0 "$(sample timer sample_timer)" count=3
expect_out "sample_timer: tick 1 at "
expect_out "sample_timer: tick 3 at "
expect_out "(in_softirq: 1)"
expect_no_out "sample_timer: tick 4 "
expect_out "sample_timer: 3 ticks in "
expect_out "sample_timer: timer stopped after 3 ticks"
expect_out "ksim: ok: 1 module, 0 reports"

ksim_expect 0 "$(sample kthread sample_kthread)" count=3
expect_out "sample_kthread: sample_kt/3 produced 9"
expect_out "sample_kthread: sample_kt/3 produced 3 numbers, sum of squares 14"
expect_out "sample_kthread: thread stopped, it returned 3"
expect_out "ksim: ok: 1 module, 0 reports"

ksim_expect 0 "$(sample workqueue sample_workqueue)" delay_ms=40
expect_out "sample_workqueue: work item runs on kworker/"
expect_out "sample_workqueue: work item done"
expect_out "(asked for 40 ms)"
expect_out "sample_workqueue: delayed work done"
expect_out "sample_workqueue: workqueue destroyed"
expect_out "ksim: ok: 1 module, 0 reports"

# The delayed work never runs early.
ms=$(sed -n 's/.*delayed work runs on .*, \([0-9]*\) ms after queueing.*/\1/p' "$OUT")
[ -n "$ms" ] && [ "$ms" -ge 40 ] || fail "delayed work after '$ms' ms, asked for 40"
exit 0
