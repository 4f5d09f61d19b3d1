#!/bin/sh
# docs/kernel-api-symbols.txt lists exactly what the shim exports (make symbols).
. "$(dirname "$0")/lib.sh"

"$KSIM_BIN" symvers | awk -F'\t' '{ print $2 ($4 == "EXPORT_SYMBOL_GPL" ? " (GPL)" : "") }' \
	| LC_ALL=C sort >"$OUT"
diff -u docs/kernel-api-symbols.txt "$OUT" >"$ERR" || fail "docs/kernel-api-symbols.txt is stale: run 'make symbols'"
# Every export is unique and names a real symbol.
[ "$(cut -d' ' -f1 "$OUT" | sort | uniq -d | wc -l)" = 0 ] || fail "a symbol is exported twice"
exit 0
