#!/bin/sh
# The user side from the command line: --exec and [user] scripts drive the
# misc fifo and debugfs samples; failures name the command and exit 7.
. "$(dirname "$0")/lib.sh"

FIFO=$(sample miscfifo miscfifo)
DBG=$(sample debugfs debugfs_sample)

# echo, then cat -n (stop when nothing more is ready), expect
ksim_expect 0 "$FIFO" --exec='echo hello > /dev/miscfifo; cat -n /dev/miscfifo; expect hello'
expect_out "miscfifo: /dev/miscfifo: misc minor 127"
expect_out "miscfifo: release (0 still open)"
expect_out "ksim: ok: 1 module, 0 reports"

# a blocking read in the background is woken by a later write
ksim_expect 0 "$FIFO" --exec='read /dev/miscfifo 5 &; sleep 0.1; echo wake > /dev/miscfifo; wait'
expect_out "wake"

# O_NONBLOCK on an empty fifo: EAGAIN; poll readiness; the ioctl
ksim_expect 0 "$FIFO" --exec='fails EAGAIN read -n /dev/miscfifo; poll /dev/miscfifo in; expect timeout;
	echo abc > /dev/miscfifo; poll /dev/miscfifo inout 100; expect "in out";
	ioctl /dev/miscfifo 0x80046601; expect 4; ioctl /dev/miscfifo 0x6602; ioctl /dev/miscfifo 0x80046601; expect 0'

# a config file with a [user] section
ksim_expect 0 -c configs/miscfifo.ini
expect_out "two words"
expect_out "ksim: ok"

# failures: a missing file, an unmet expectation, a wrong errno, bad syntax
ksim_expect 7 "$FIFO" --exec='cat /dev/nothing'
expect_err "ksim: --exec command 1: cat /dev/nothing: open /dev/nothing: No such file or directory (ENOENT)"
expect_out "ksim: user command failed"
ksim_expect 7 "$FIFO" --exec='echo a > /dev/miscfifo; cat -n /dev/miscfifo; expect b'
expect_err 'ksim: --exec command 3: expect: wanted "b", the last command printed "a"'
ksim_expect 7 "$FIFO" --exec='fails EFAULT read -n /dev/miscfifo'
expect_err "read: Resource temporarily unavailable (EAGAIN)"
ksim_expect 7 "$FIFO" --exec='frobnicate /dev/miscfifo'
expect_err "unknown command 'frobnicate'"
ksim_expect 7 "$FIFO" --exec='echo "unterminated > /dev/miscfifo'
expect_err "unterminated quote"
ksim_expect 7 "$FIFO" --exec='ioctl /dev/miscfifo 0x1234'
expect_err "ioctl: Inappropriate ioctl for device (ENOTTY)"

# [user] errors name the file and line
cfg=$(mktemp)
printf '[module miscfifo]\npath = %s\n\n[user]\nrun = ls\nrun = cat /dev/nope\n' "$FIFO" >"$cfg"
ksim_expect 7 -c "$cfg"
expect_err "$cfg:6: [user]: cat /dev/nope"
printf '[user]\nrun = ls\ncat = /dev/x\n' >"$cfg"
ksim_expect 2 -c "$cfg"
expect_err "[user]: unknown key 'cat'"
rm -f "$cfg"

# debugfs and /proc through the debugfs sample
ksim_expect 0 "$DBG" --exec='echo 2 > /sys/kernel/debug/debugfs_sample/count;
	cat /proc/debugfs_sample; expect "item 0
item 1"; echo Y > /sys/kernel/debug/debugfs_sample/shout;
	cat /sys/kernel/debug/debugfs_sample/items; expect "ITEM 0
ITEM 1"; fails EINVAL echo 5000 > /sys/kernel/debug/debugfs_sample/answer;
	cat /sys/kernel/debug/debugfs_sample/answer; expect 42; ls'
expect_out "/sys/kernel/debug/debugfs_sample/items"
expect_out "/proc/debugfs_sample"
exit 0
