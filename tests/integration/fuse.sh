#!/bin/sh
# The FUSE frontend with the real tools: ksim --fuse serves the disks as
# files; mkfs.ext4, a loop mount, a copied tree compared by sha256, e2fsck;
# dd with O_DIRECT; fio psync and libaio verify jobs; fallocate punch hole
# and zero range; an injected read error seen by dd as EIO with the mount
# still up; SIGTERM and an outside umount end ksim cleanly; kill -9 during
# writes to a file-backed namespace, then a second run on the same file
# finds everything fsynced before the kill and a file system e2fsck accepts.
. "$(dirname "$0")/lib.sh"
if [ "${KSIM_BACKEND:-}" = det ]; then
	echo "SKIP: the FUSE and nbdkit frontends run on the threads backend only (their threads are libfuse's and nbdkit's)"
	exit 77
fi

CORE="$KSIM_OBJTREE/drivers/nvme/host/nvme-core.ko"
PCI="$KSIM_OBJTREE/drivers/nvme/host/nvme.ko"
[ -f "$CORE" ] && [ -f "$PCI" ] || { echo "SKIP: drivers/nvme/host not built"; exit 77; }
[ -n "$KSIM_VALGRIND" ] && { echo "SKIP: real-tool I/O under valgrind is too slow"; exit 77; }
[ -c /dev/fuse ] && [ -r /dev/fuse ] && [ -w /dev/fuse ] || { echo "SKIP: no usable /dev/fuse"; exit 77; }
[ "$(id -u)" = 0 ] || { echo "SKIP: loop mounts need root"; exit 77; }
for t in mkfs.ext4 e2fsck losetup fio dd sha256sum fallocate; do
	command -v $t >/dev/null || { echo "SKIP: $t not installed"; exit 77; }
done
[ -e /dev/loop-control ] || { echo "SKIP: no loop devices"; exit 77; }

DIR=$(mktemp -d)
MNT=$DIR/k
EXT=$DIR/ext4
mkdir -p "$MNT" "$EXT"
PID=

cleanup() {
	umount -l "$EXT" 2>/dev/null
	[ -n "$PID" ] && kill -9 "$PID" 2>/dev/null
	umount -l "$MNT" 2>/dev/null
	rm -rf "$DIR" "$OUT" "$ERR"
}
trap cleanup EXIT

fail_fuse() {
	echo "--- ksim log"; cat "$DIR/ksim.log"
	fail "$@"
}

# machine CONFIG NSLINES...: a config with nvme0 and the driver, no jobs
machine() {
	cfg=$1
	shift
	{
		echo "[kernel]"; echo "cpus = 2"
		echo "[nvme0]"; echo "queues = 2"
		for l in "$@"; do echo "$l"; done
		echo "[module nvme-core]"; echo "path = $CORE"; echo "io_timeout = 5"
		echo "[module nvme]"; echo "path = $PCI"
	} > "$cfg"
}

# start CONFIG [ARGS]: ksim in the background, until the mount answers
start() {
	"$KSIM_BIN" -q -c "$@" --fuse="$MNT" --run-time=inf >"$DIR/ksim.log" 2>&1 &
	PID=$!
	i=0
	while [ ! -e "$MNT/stats" ]; do
		i=$((i + 1))
		[ $i -lt 600 ] && kill -0 "$PID" 2>/dev/null || fail_fuse "the mount did not come up"
		sleep 0.1
	done
}

# stop: SIGTERM; ksim unmounts and exits 0
stop() {
	kill -TERM "$PID"
	wait "$PID"
	st=$?
	PID=
	[ $st = 0 ] || fail_fuse "ksim exited $st after SIGTERM"
	! mountpoint -q "$MNT" || fail_fuse "still mounted after SIGTERM"
}

# bad input, before anything boots
ksim_expect 2 --fuse="$DIR/none" --run-time=inf
expect_err "ksim: --fuse: mount point '$DIR/none': No such file or directory"
ksim_expect 2 --run-time=forever
expect_err "--run-time: 'forever' is not a number of seconds"

machine "$DIR/ram.ini" "ns1.size = 96M" "ns2.size = 32M" "ns2.lba_size = 4096"
start "$DIR/ram.ini"

# the directory: disks, dmesg, stats; owner only
[ "$(ls "$MNT" | tr '\n' ' ')" = "dev dmesg nvme0n1 nvme0n2 stats " ] || fail_fuse "ls: $(ls "$MNT")"
[ "$(stat -c %s "$MNT/nvme0n1")" = 100663296 ] || fail_fuse "nvme0n1 size $(stat -c %s "$MNT/nvme0n1")"
grep -q "nvme0n1: 196608 512-byte logical blocks" "$MNT/dmesg" || fail_fuse "dmesg lacks the probe"
grep -q "^nvme0 nvme_ready 1$" "$MNT/stats" || fail_fuse "stats lacks the model's events"
grep "$MNT" /proc/mounts | grep -q allow_other && fail_fuse "allow_other without asking for it"

# mkfs.ext4, a loop mount, a tree copied and compared, e2fsck clean
SRC=$KSIM_SRC	# this tree's sources: a few MB, many small files
mkfs.ext4 -q -F "$MNT/nvme0n1" || fail_fuse "mkfs.ext4"
mount -o loop "$MNT/nvme0n1" "$EXT" || fail_fuse "mount -o loop"
# The tracked sources (not the build's objects, which outgrow the disk).
(cd "$SRC" && { git ls-files kapi-shim drivers nvme-model sim tests 2>/dev/null ||
	find kapi-shim drivers nvme-model sim tests -type f -name '*.[ch]'; } | LC_ALL=C sort) >"$DIR/files"
[ -s "$DIR/files" ] || fail_fuse "no source files to copy"
mkdir -p "$EXT/tree" &&
	(cd "$SRC" && tar -cf - -T "$DIR/files") | (cd "$EXT/tree" && tar -xf -) || fail_fuse "copy the tree"
sync
(cd "$SRC" && xargs -d '\n' sha256sum <"$DIR/files") > "$DIR/want.sha"
umount "$EXT" || fail_fuse "umount"
mount -o loop,ro "$MNT/nvme0n1" "$EXT" || fail_fuse "mount again"
(cd "$EXT/tree" && sha256sum --quiet -c "$DIR/want.sha") || fail_fuse "the copied tree differs"
umount "$EXT"
e2fsck -fn "$MNT/nvme0n1" >"$DIR/fsck.log" 2>&1 || { cat "$DIR/fsck.log"; fail_fuse "e2fsck"; }
grep -q "^nvme0n1 flushes [1-9]" "$MNT/stats" || fail_fuse "no flush reached the disk"

# dd with O_DIRECT, on the 4 KiB-block namespace, and an unaligned write
head -c 4M /dev/urandom > "$DIR/data"
dd if="$DIR/data" of="$MNT/nvme0n2" bs=64k oflag=direct conv=notrunc,fsync status=none || fail_fuse "dd oflag=direct"
dd if="$MNT/nvme0n2" of="$DIR/back" bs=64k count=64 iflag=direct status=none || fail_fuse "dd iflag=direct"
cmp -s "$DIR/data" "$DIR/back" || fail_fuse "O_DIRECT data differs"
printf 'hello' | dd of="$MNT/nvme0n2" bs=1 seek=4097 conv=notrunc status=none
[ "$(dd if="$MNT/nvme0n2" bs=1 skip=4096 count=7 iflag=direct status=none | od -An -c | tr -d ' ')" = \
  "$(dd if="$DIR/data" bs=1 skip=4096 count=1 status=none | od -An -c | tr -d ' ')hello$(dd if="$DIR/data" bs=1 skip=4102 count=1 status=none | od -An -c | tr -d ' ')" ] ||
	fail_fuse "an unaligned write lost its neighbours"

# fallocate: punch hole (discard) and zero range (write zeroes) read as zeros
fallocate -p -o 1M -l 256k "$MNT/nvme0n2" || fail_fuse "fallocate --punch-hole"
fallocate -z -o 2M -l 100000 "$MNT/nvme0n2" || fail_fuse "fallocate --zero-range"
[ "$(dd if="$MNT/nvme0n2" bs=256k skip=4 count=1 iflag=direct status=none | tr -d '\0' | wc -c)" = 0 ] ||
	fail_fuse "a punched hole does not read as zeros"
[ "$(dd if="$MNT/nvme0n2" bs=4k skip=512 count=25 iflag=direct status=none | head -c 100000 | tr -d '\0' | wc -c)" = 0 ] ||
	fail_fuse "a zeroed range does not read as zeros"
grep -q "^nvme0 nvme_dsm [1-9]" "$MNT/stats" || fail_fuse "no discard reached the device"
grep -q "^nvme0n2 write_zeroes [1-9]" "$MNT/stats" || fail_fuse "no write zeroes"

# fio verify jobs: psync and libaio (O_DIRECT, 16 in flight)
for engine in "psync --numjobs=2 --offset_increment=16M" "libaio --iodepth=16 --direct=1"; do
	fio --name=verify --filename="$MNT/nvme0n1" --rw=randwrite --bs=4k --size=16M \
		--ioengine=$engine --verify=crc32c --do_verify=1 --verify_fatal=1 --verify_state_save=0 \
		--group_reporting >"$DIR/fio.log" 2>&1 ||
		{ grep -iE "error|verify|bad|fio:" "$DIR/fio.log" | head -20; fail_fuse "fio --ioengine=$engine"; }
	grep -q "err= 0" "$DIR/fio.log" || { cat "$DIR/fio.log"; fail_fuse "fio $engine reported an error"; }
done

stop
grep -q "ksim: ok: 2 modules, 0 reports" "$DIR/ksim.log" || fail_fuse "ksim did not end clean"

# an outside umount ends ksim by itself, cleanly
start "$DIR/ram.ini"
umount "$MNT" || fail_fuse "umount of the FUSE mount"
i=0
while kill -0 "$PID" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 300 ] || fail_fuse "ksim kept running after its mount went"
	sleep 0.1
done
wait "$PID" || fail_fuse "ksim exited $? after an umount"
PID=

# allow_other when asked for
start "$DIR/ram.ini" --fuse-allow-other
grep "$MNT" /proc/mounts | grep -q allow_other || fail_fuse "--fuse-allow-other not honoured"
stop

# an injected Unrecovered Read Error: dd sees EIO, the mount stays up
machine "$DIR/eio.ini" "ns1.size = 16M" "fault = read:every=1:sc=0x281:dnr"
start "$DIR/eio.ini"
dd if="$MNT/nvme0n1" of=/dev/null bs=4k count=1 iflag=direct 2>"$DIR/dd.err" &&
	fail_fuse "dd read through an injected error"
grep -q "Input/output error" "$DIR/dd.err" || { cat "$DIR/dd.err"; fail_fuse "dd: no EIO"; }
dd if=/dev/zero of="$MNT/nvme0n1" bs=4k count=1 oflag=direct conv=notrunc status=none ||
	fail_fuse "a write after the read error failed"
grep -q "^nvme0n1 errors [1-9]" "$MNT/stats" || fail_fuse "the error is not counted"
grep -q "Unrecovered Read Error" "$MNT/dmesg" || fail_fuse "dmesg lacks the error"
stop

# a controller that dies (fatal status, then its reset fails): EIO, mount up
cat > "$DIR/dead.ini" <<INI
[nvme0]
queues = 2
ns1.size = 16M
fault.1 = write:nth=1:fatal
fault.2 = admin:nth=10:fatal
[module nvme-core]
path = $CORE
io_timeout = 1
admin_timeout = 1
[module nvme]
path = $PCI
INI
start "$DIR/dead.ini"
dd if=/dev/zero of="$MNT/nvme0n1" bs=4k count=1 oflag=direct conv=notrunc 2>"$DIR/dd.err" &&
	fail_fuse "a write to a dead controller succeeded"
grep -q "Input/output error" "$DIR/dd.err" || { cat "$DIR/dd.err"; fail_fuse "dd on a dead controller: no EIO"; }
grep -q "Disabling device after reset failure" "$MNT/dmesg" || fail_fuse "the controller did not die"
dd if="$MNT/nvme0n1" of=/dev/null bs=4k count=1 iflag=direct 2>"$DIR/dd.err" &&
	fail_fuse "a read from a dead controller succeeded"
grep -q "Input/output error" "$DIR/dd.err" || fail_fuse "read on a dead controller: no EIO"
ls "$MNT" | grep -q stats || fail_fuse "the mount went with the controller"
kill -TERM "$PID"
wait "$PID"
PID=
! mountpoint -q "$MNT" || fail_fuse "still mounted after SIGTERM (dead controller)"

# kill -9 while writing to a file-backed namespace; fsynced data survives
machine "$DIR/file.ini" "ns1.size = 64M" "ns1.backend = file" "ns1.path = $DIR/ns1.img"
start "$DIR/file.ini"
mkfs.ext4 -q -F "$MNT/nvme0n1" || fail_fuse "mkfs.ext4 (file)"
mount -o loop "$MNT/nvme0n1" "$EXT" || fail_fuse "mount (file)"
head -c 3M /dev/urandom > "$DIR/kept"
cp "$DIR/kept" "$EXT/kept" && sync -f "$EXT/kept" && sync "$EXT" || fail_fuse "fsync"
sync
( i=0; while :; do head -c 256k /dev/urandom > "$EXT/churn$((i % 32))" 2>/dev/null || exit 0; i=$((i + 1)); done ) &
CHURN=$!
sleep 1.5
kill -9 "$PID"
wait "$PID" 2>/dev/null
PID=
kill "$CHURN" 2>/dev/null
wait "$CHURN" 2>/dev/null
umount -l "$EXT" 2>/dev/null
umount -l "$MNT" 2>/dev/null
start "$DIR/file.ini"
e2fsck -fy "$MNT/nvme0n1" >"$DIR/fsck.log" 2>&1
[ $? -le 1 ] || { cat "$DIR/fsck.log"; fail_fuse "e2fsck could not repair after the kill"; }
e2fsck -fn "$MNT/nvme0n1" >"$DIR/fsck.log" 2>&1 || { cat "$DIR/fsck.log"; fail_fuse "e2fsck after repair"; }
mount -o loop,ro "$MNT/nvme0n1" "$EXT" || fail_fuse "mount after the kill"
cmp -s "$DIR/kept" "$EXT/kept" || fail_fuse "an fsynced file changed across kill -9"
umount "$EXT"
stop
echo "ok"
