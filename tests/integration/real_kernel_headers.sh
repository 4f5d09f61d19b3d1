#!/bin/sh
# Every module under drivers/ builds unchanged against the real Linux 6.1
# headers too (Debian's linux-headers-amd64, with its own Kbuild): the same
# source, both worlds.  A copy of each module directory is built in
# build/real-headers/ so nothing Kbuild writes lands in the source tree.
# Skips (77) when no 6.1 headers are installed.
. "$(dirname "$0")/lib.sh"

kdir=${KSIM_REAL_KDIR:-}
if [ -z "$kdir" ]; then
	for d in /usr/src/linux-headers-"$(uname -r)" /usr/src/linux-headers-6.1*-amd64; do
		[ -f "$d/Makefile" ] && [ -d "$d/include" ] && { kdir=$d; break; }
	done
fi
if [ -z "$kdir" ]; then
	echo "SKIP: no Linux 6.1 kernel headers (apt-get install linux-headers-amd64)"
	exit 77
fi

dest=$KSIM_SRC/build/real-headers
rm -rf "$dest"
failed=""
for kb in $(find drivers -name Kbuild | sort); do
	dir=$(dirname "$kb")
	if ! ls "$dir"/*.c >/dev/null 2>&1; then
		# Debian's 6.1 kernel is built without CONFIG_RUST: nothing to build a .rs module with.
		echo "skip  $dir: no C sources (a Rust module; this kernel has no CONFIG_RUST)"
		continue
	fi
	mkdir -p "$dest/$dir"
	cp "$dir"/Kbuild "$dir"/*.c "$dest/$dir/"
	cp "$dir"/*.h "$dest/$dir/" 2>/dev/null
	# KUnit suites compile against the real headers, but Debian's kernel has
	# no CONFIG_KUNIT, so its modpost cannot resolve KUnit's symbols: those
	# are warnings there, as KBUILD_MODPOST_WARN makes them; nothing else is.
	warn=""
	grep -q '<kunit/test.h>' "$dir"/*.c && warn="KBUILD_MODPOST_WARN=1"
	if make -C "$kdir" M="$dest/$dir" $warn modules >"$dest/$dir/build.log" 2>&1; then
		echo "ok    $dir against $(basename "$kdir")${warn:+ (KUnit symbols left to modpost warnings: no CONFIG_KUNIT there)}"
	else
		echo "FAIL  $dir against $(basename "$kdir"):"
		grep -E 'error|undefined' "$dest/$dir/build.log" | head -20 | sed 's/^/    /'
		failed="$failed $dir"
	fi
done
[ -z "$failed" ] || fail "modules that do not build against the real headers:$failed"
exit 0
