#!/bin/sh
# The file backend's safety: a symlink planted where a namespace's backing
# file should be is refused (its target keeps its size and contents), a new
# backing file is private to its owner, and a relative nsN.path in a config
# lives beside the config, not in a fixed shared directory.
. "$(dirname "$0")/lib.sh"

CORE="$KSIM_OBJTREE/drivers/nvme/host/nvme-core.ko"
PCI="$KSIM_OBJTREE/drivers/nvme/host/nvme.ko"
[ -f "$CORE" ] && [ -f "$PCI" ] || { echo "SKIP: drivers/nvme/host not built"; exit 77; }

DIR=$(mktemp -d)
trap 'rm -rf "$DIR" "$OUT" "$ERR"' EXIT
printf 'precious\n' > "$DIR/victim"
ln -s "$DIR/victim" "$DIR/ns1.img"

# the planted symlink: the controller cannot be created, the victim is intact
ksim_expect 2 --nvme="nvme0:ns1.size=32M,ns1.backend=file,ns1.path=$DIR/ns1.img" "$CORE" "$PCI"
expect_out "cannot open $DIR/ns1.img: Too many levels of symbolic links (a symlink: name its target instead)"
[ "$(cat "$DIR/victim")" = precious ] || fail "the symlink's target was changed"
[ "$(stat -c %s "$DIR/victim")" = 9 ] || fail "the symlink's target was resized"

# a new backing file: created with mode 0600 (never world-writable)
rm "$DIR/ns1.img"
ksim_expect 0 --nvme="nvme0:ns1.size=32M,ns1.backend=file,ns1.path=$DIR/ns1.img" "$CORE" "$PCI"
[ "$(stat -c %a "$DIR/ns1.img")" = 600 ] || fail "backing file mode $(stat -c %a "$DIR/ns1.img"), expected 600"
[ "$(stat -c %s "$DIR/ns1.img")" = 33554432 ] || fail "backing file not sized to 32M"

# relative to the config file, wherever ksim runs from
cat > "$DIR/rel.ini" <<INI
[nvme0]
ns1.size = 16M
ns1.backend = file
ns1.path = rel-ns1.img
[module nvme-core]
path = $CORE
[module nvme]
path = $PCI
INI
(cd / && "$KSIM_BIN" -c "$DIR/rel.ini") >"$OUT" 2>"$ERR" || fail "ksim -c rel.ini failed"
[ -f "$DIR/rel-ns1.img" ] || fail "a relative nsN.path was not resolved beside its config"
[ ! -e /rel-ns1.img ] || { rm -f /rel-ns1.img; fail "a relative nsN.path was resolved against the current directory"; }

# no shipped config names a fixed path in /tmp
! grep -n 'path *= */tmp' configs/*.ini || fail "a config ships a fixed /tmp path"
echo "ok"
