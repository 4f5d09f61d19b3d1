#!/bin/sh
# ksim modinfo prints what modinfo(8) would.
. "$(dirname "$0")/lib.sh"

ksim_expect 0 modinfo "$(sample minimal minimal)"
expect_out "license:        GPL"
expect_out "author:         ksim developers"
expect_out "description:    Minimal sample: a module parameter and a kmalloc'd list"
expect_out "name:           minimal"
expect_out "parm:           count:How many numbers to put in the list (default 3) (uint)"
expect_out "parm:           greeting:What to say when loaded (charp)"

ksim_expect 0 modinfo "$(mod exports provider)"
expect_out "export:         provider_add"
expect_out "export:         provider_secret (GPL)"

ksim_expect 2 modinfo /nonexistent.ko
expect_err "/nonexistent.ko: No such file or directory"
exit 0
