#!/bin/sh
# The nbdkit plugin: one disk of a machine booted from a config, exported
# over NBD, driven with nbdinfo, nbdcopy and qemu-img: size and flags,
# data written and read back (random data, then a sparse image whose holes
# become zero/trim requests), FUA writes, and a clear error for a bad
# config or disk name.
. "$(dirname "$0")/lib.sh"
if [ "${KSIM_BACKEND:-}" = det ]; then
	echo "SKIP: the FUSE and nbdkit frontends run on the threads backend only (their threads are libfuse's and nbdkit's)"
	exit 77
fi

PLUGIN="$KSIM_OBJTREE/build/nbdkit-ksim.so"
[ -n "$KSIM_VALGRIND" ] && { echo "SKIP: nbdkit loads the plugin itself"; exit 77; }
[ -f "$PLUGIN" ] || { echo "SKIP: $PLUGIN not built (not built with SAN=)"; exit 77; }
for t in nbdkit nbdinfo nbdcopy; do
	command -v $t >/dev/null || { echo "SKIP: $t not installed (nbdkit, libnbd-bin)"; exit 77; }
done

DIR=$(mktemp -d)
trap 'rm -rf "$DIR" "$OUT" "$ERR"' EXIT
export DIR

# nbdkit_run SCRIPT: serve nvme0n1 of configs/nvme.ini while SCRIPT runs ($uri set)
nbdkit_run() {
	timeout 300 nbdkit -U - "$PLUGIN" config=configs/nvme.ini disk="${DISK:-nvme0n1}" \
		--run "$1" >"$OUT" 2>"$ERR"
}

nbdkit_run 'nbdinfo "$uri"' || fail "nbdinfo"
expect_out "export-size: 67108864 (64M)"
expect_out "can_fua: true"
expect_out "can_trim: true"
expect_out "can_zero: true"
expect_out "can_multi_conn: true"
expect_out "block_size_minimum: 512"

# random data in and back out, 4 connections in parallel
head -c 48M /dev/urandom > "$DIR/data"
nbdkit_run 'nbdcopy -C 4 "$DIR/data" "$uri" && nbdcopy -C 4 "$uri" "$DIR/back" &&
	cmp -n 50331648 "$DIR/data" "$DIR/back"' || fail "nbdcopy round trip"

# a sparse image over random data: its holes arrive as zero requests
head -c 1M /dev/urandom > "$DIR/sparse"
truncate -s 32M "$DIR/sparse"
head -c 1M /dev/urandom | dd of="$DIR/sparse" bs=1M seek=20 conv=notrunc status=none
head -c 32M "$DIR/data" > "$DIR/data32"
DISK=nvme0n2 nbdkit_run 'nbdcopy "$DIR/data32" "$uri" && nbdcopy "$DIR/sparse" "$uri" &&
	nbdcopy "$uri" "$DIR/back" && cmp "$DIR/sparse" "$DIR/back"' ||
	fail "a sparse image did not read back (zero/trim)"

# qemu-img, where installed: a FUA-free convert and compare
if command -v qemu-img >/dev/null; then
	nbdkit_run 'qemu-img convert -n -f raw -O raw "$DIR/sparse" "$uri" &&
		qemu-img compare -f raw -F raw "$DIR/sparse" "$uri"' || fail "qemu-img convert/compare"
else
	echo "note: qemu-img not installed; its part skipped"
fi

# as a daemon (nbdkit forks and changes to / before the machine boots)
nbdkit -P "$DIR/pid" -U "$DIR/daemon.sock" "$PLUGIN" config=configs/nvme.ini disk=nvme0n2 ||
	fail "nbdkit as a daemon"
timeout 60 nbdinfo "nbd+unix:///?socket=$DIR/daemon.sock" >"$OUT" 2>"$ERR"
st=$?
kill "$(cat "$DIR/pid")"
[ $st = 0 ] || fail "nbdinfo on the daemon"
expect_out "export-size: 33554432 (32M)"

# bad input: named, and nbdkit fails (in the foreground: with --run, nbdkit
# would return the command's status)
timeout 60 nbdkit -f -U "$DIR/sock" "$PLUGIN" config=configs/nvme.ini disk=nvme9n9 >"$OUT" 2>"$ERR" &&
	fail "a missing disk was served"
expect_err "no disk named 'nvme9n9'"
printf '[nvme0]\nqueues = lots\n' > "$DIR/bad.ini"
timeout 60 nbdkit -f -U "$DIR/sock" "$PLUGIN" config="$DIR/bad.ini" disk=nvme0n1 >"$OUT" 2>"$ERR" &&
	fail "a bad config was accepted"
expect_err "bad.ini:2"
echo "ok"
