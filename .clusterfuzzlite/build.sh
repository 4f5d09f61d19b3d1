#!/bin/bash -eu
# .clusterfuzzlite/build.sh - build ksim's fuzz targets the OSS-Fuzz way.
#
# Compiles with $CC $CFLAGS unchanged (the engine's coverage and the
# sanitizer it asks for), links each target with $LIB_FUZZING_ENGINE, and
# builds the modules the targets load with the same $CC $CFLAGS, so the
# .ko files have coverage too.  Into $OUT: each target, the modules at
# their tree paths beside it (drivers/nvme/host/*.ko: a target moved out of
# its object tree finds them next to itself, see fuzz_objtree()), the
# shared libraries the targets need that the runner image lacks ($OUT/lib,
# found through an $ORIGIN rpath), and <target>_seed_corpus.zip.
#
# Local test: tests/fuzz/clusterfuzzlite-local.sh.

# The source tree: the working directory (the Dockerfile's WORKDIR), else $SRC/ksim.
[ -f mk/fuzz.mk ] || cd "$SRC/ksim"
TREE=build-fuzz/cfl

make -j"$(nproc)" --no-print-directory CC="$CC" OBJTREE="$TREE" SAN= \
	CFLAGS="$CFLAGS" KCFLAGS="$CFLAGS" \
	FUZZ_INSTRUMENTED=oss-fuzz FUZZ_DRIVER="$LIB_FUZZING_ENGINE" \
	FUZZ_LDFLAGS='-Wl,-rpath,\$$ORIGIN/lib' \
	fuzz-instrumented

mkdir -p "$OUT/lib"
for bin in "$TREE"/build/fuzz/*; do
	[ -x "$bin" ] && [ -f "$bin" ] || continue
	t=$(basename "$bin")
	cp "$bin" "$OUT/$t"
	if [ -d "tests/fuzz/corpus/$t" ] && [ -n "$(ls -A "tests/fuzz/corpus/$t")" ]; then
		(cd "tests/fuzz/corpus/$t" && zip -q -r "$OUT/${t}_seed_corpus.zip" .)
	fi
	# Libraries outside the C library itself, which every runner has.
	ldd "$bin" | awk '$3 ~ /^\// { print $3 }' |
		grep -vE '/(libc|libm|libpthread|libdl|librt|ld-linux[^/]*)\.so' |
		while read -r lib; do cp -L "$lib" "$OUT/lib/"; done
done
(cd "$TREE" && find drivers tests -name '*.ko' -print) | while read -r ko; do
	mkdir -p "$OUT/$(dirname "$ko")"
	cp "$TREE/$ko" "$OUT/$ko"
done
