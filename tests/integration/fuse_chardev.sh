#!/bin/sh
# Character devices under the FUSE mount: ksim --fuse with
# drivers/samples/miscfifo serves dev/miscfifo, and real programs drive the
# driver's file_operations through it: printf writes, dd and cat read
# (a read that blocks until another program writes), the sample's ioctls
# (_IOR GET_LEN with its int copied back, _IO RESET), poll that times out
# on an empty fifo and wakes when a writer comes (FUSE poll notify), the
# driver's errors as errno (EAGAIN from a non-blocking read, ENOTTY from an
# unknown ioctl), a signal ending a read blocked in the driver (EINTR), a
# blocked reader killed with -9, ->release seen for every open, dev/char/
# MAJ:MIN, and SIGTERM of ksim with a reader still blocked (ksim exits 0,
# unmounted).
. "$(dirname "$0")/lib.sh"
if [ "${KSIM_BACKEND:-}" = det ]; then
	echo "SKIP: the FUSE frontend runs on the threads backend only (its threads are libfuse's)"
	exit 77
fi
FIFO_KO=$(sample miscfifo miscfifo)
TOOL="$KSIM_OBJTREE/build/tests/tools/chrdev_tool"
[ -f "$FIFO_KO" ] || { echo "SKIP: drivers/samples/miscfifo not built"; exit 77; }
[ -x "$TOOL" ] || { echo "SKIP: $TOOL not built (make tests)"; exit 77; }
[ -n "$KSIM_VALGRIND" ] && { echo "SKIP: FUSE round trips under valgrind are too slow"; exit 77; }
[ -c /dev/fuse ] && [ -r /dev/fuse ] && [ -w /dev/fuse ] || { echo "SKIP: no usable /dev/fuse"; exit 77; }
command -v fusermount3 >/dev/null || [ "$(id -u)" = 0 ] ||
	{ echo "SKIP: mounting FUSE needs root or fusermount3"; exit 77; }
for t in dd timeout mountpoint; do
	command -v $t >/dev/null || { echo "SKIP: $t not installed"; exit 77; }
done

DIR=$(mktemp -d)
MNT=$DIR/k
DEV=$MNT/dev/miscfifo
mkdir -p "$MNT"
PID=
BG=

cleanup() {
	[ -n "$BG" ] && kill -9 $BG 2>/dev/null
	[ -n "$PID" ] && kill -9 "$PID" 2>/dev/null
	umount -l "$MNT" 2>/dev/null
	rm -rf "$DIR" "$OUT" "$ERR"
}
trap cleanup EXIT

fail_fuse() {
	echo "--- ksim log"; cat "$DIR/ksim.log"
	fail "$@"
}

# wait_file FILE: until FILE is not empty (a background program finished)
wait_file() {
	i=0
	while [ ! -s "$1" ]; do
		i=$((i + 1))
		[ $i -lt 300 ] || fail_fuse "no result in $1 after 30 s"
		sleep 0.1
	done
}

# tool EXPECTED ARGS...: chrdev_tool ARGS prints EXPECTED
tool() {
	want=$1
	shift
	got=$(timeout 60 "$TOOL" "$@")
	[ "$got" = "$want" ] || fail_fuse "chrdev_tool $*: printed '$got', expected '$want'"
}

# releases: how many ->release the driver logged so far
releases() { grep -c "miscfifo: release (" "$DIR/ksim.log"; }

"$KSIM_BIN" "$FIFO_KO" --fuse="$MNT" --run-time=inf >"$DIR/ksim.log" 2>&1 &
PID=$!
i=0
while [ ! -e "$DEV" ]; do
	i=$((i + 1))
	[ $i -lt 600 ] && kill -0 "$PID" 2>/dev/null || fail_fuse "dev/miscfifo did not appear"
	sleep 0.1
done

# The tree: dev/ with the misc device and char/ (cdevs by MAJ:MIN).
ls "$MNT" > "$OUT"
grep -qx dev "$OUT" || fail_fuse "no dev/ in the mount"
ls "$MNT/dev" > "$OUT"
grep -qx miscfifo "$OUT" || fail_fuse "ls dev/ lacks miscfifo"
grep -qx char "$OUT" || fail_fuse "ls dev/ lacks char"
[ -f "$DEV" ] || fail_fuse "dev/miscfifo is not a regular file to the host"
[ -d "$MNT/dev/char" ] || fail_fuse "dev/char is not a directory"
[ ! -e "$MNT/dev/nosuch" ] || fail_fuse "dev/nosuch exists"
# misc is major 10; a dynamic minor counts down from 127: the same driver.
printf 'byminor' > "$MNT/dev/char/10:127" || fail_fuse "write to dev/char/10:127"
tool 7 ioctl-int "$DEV" 0x80046601
tool 0 ioctl "$DEV" 0x6602
# Numbers nobody registered fail as the kernel's would: a major without a
# cdev is ENXIO, a misc minor without a device is misc_open's ENODEV.
if cat "$MNT/dev/char/200:0" 2>"$ERR"; then fail_fuse "dev/char/200:0 opened"; fi
grep -q "No such device or address" "$ERR" || fail_fuse "dev/char/200:0: $(cat "$ERR"), expected ENXIO"
if cat "$MNT/dev/char/10:3" 2>"$ERR"; then fail_fuse "dev/char/10:3 opened"; fi
grep -q "No such device$" "$ERR" || fail_fuse "dev/char/10:3: $(cat "$ERR"), expected ENODEV"

# Write with the shell, read back with dd; the fifo is empty afterwards.
printf 'hello fifo\n' > "$DEV" || fail_fuse "printf > dev/miscfifo failed"
tool 11 ioctl-int "$DEV" 0x80046601
dd if="$DEV" of="$DIR/got" bs=64 count=1 status=none || fail_fuse "dd from dev/miscfifo failed"
[ "$(cat "$DIR/got")" = "hello fifo" ] || fail_fuse "dd read '$(cat "$DIR/got")'"
tool 0 ioctl-int "$DEV" 0x80046601

# Errors of the driver as errno.
tool "error EAGAIN" read-nb "$DEV"
tool "error ENOTTY" ioctl "$DEV" 0x6663
# RESET (_IO) empties the fifo.
printf 'junk' > "$DEV"
tool 0 ioctl "$DEV" 0x6602
tool 0 ioctl-int "$DEV" 0x80046601

# poll: an empty fifo is writable, not readable; a poller sleeping in the
# driver's wait queue wakes when another program writes.
tool timeout poll "$DEV" in 200
tool out poll "$DEV" out 200
timeout 60 "$TOOL" poll "$DEV" in 30000 > "$DIR/poll" &
BG=$!
sleep 0.5
printf 'p' > "$DEV"
wait_file "$DIR/poll"
wait $BG
BG=
[ "$(cat "$DIR/poll")" = in ] || fail_fuse "poll woken by a write printed '$(cat "$DIR/poll")', expected 'in'"
tool p read-nb "$DEV"

# A read that blocks in the driver does not hold up the mount: cat waits
# while ls, an ioctl and a write go through, then gets the data.
cat "$DEV" > "$DIR/cat" &	# no timeout(1): BG must be cat itself
BG=$!
sleep 0.5
ls "$MNT/dev" >/dev/null || fail_fuse "ls while a read is blocked"
tool 0 ioctl-int "$DEV" 0x80046601
printf 'late\n' > "$DEV"
wait_file "$DIR/cat"
[ "$(cat "$DIR/cat")" = late ] || fail_fuse "blocked cat got '$(cat "$DIR/cat")'"
kill -9 $BG 2>/dev/null
wait $BG 2>/dev/null
BG=

# A signal ends a read blocked in the driver (FUSE_INTERRUPT -> EINTR).
tool "error EINTR" read-alarm "$DEV" 300
# kill -9 of a blocked reader: it goes, and the driver sees the release.
before=$(releases)
timeout --foreground -s KILL 1 cat "$DEV" && fail_fuse "cat of an empty fifo ended by itself"
i=0
until [ "$(releases)" -gt "$before" ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail_fuse "no ->release after kill -9 of a blocked reader"
	sleep 0.1
done
grep "miscfifo: release (" "$DIR/ksim.log" | tail -1 | grep -q "(0 still open)" ||
	fail_fuse "files left open: $(grep 'miscfifo: release (' "$DIR/ksim.log" | tail -1)"

# SIGTERM with a reader blocked in the driver: ksim ends it and exits 0.
cat "$DEV" > /dev/null 2>&1 &
BG=$!
sleep 0.5
kill -TERM "$PID"
wait "$PID"
st=$?
PID=
[ $st = 0 ] || fail_fuse "ksim exited $st after SIGTERM with a blocked reader"
! mountpoint -q "$MNT" || fail_fuse "still mounted after SIGTERM"
wait $BG 2>/dev/null
BG=
grep -q "ksim: ok: 1 module, 0 reports" "$DIR/ksim.log" || fail_fuse "ksim did not end clean"
echo "PASS: dev/miscfifo driven by printf, dd, cat, ioctl, poll and signals through FUSE"
