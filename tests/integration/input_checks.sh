#!/bin/sh
# Bad input gets its own clear message naming it, and exit 2: the loader's
# ELF header checks (another machine, a 32-bit object, a truncated file)
# and the config parser's (a directory, an indented line, an over-long
# line at its real line number, a namespace key that does not add up).
. "$(dirname "$0")/lib.sh"
T=$(mktemp -d)
trap 'rm -rf "$T" "$OUT" "$ERR"' EXIT
good=$(sample minimal minimal)

# Another machine: the same module with e_machine set to AArch64 (183).
cp "$good" "$T/arm64.ko"
printf '\267\000' | dd of="$T/arm64.ko" bs=1 seek=18 conv=notrunc 2>/dev/null
ksim_expect 2 "$T/arm64.ko"
expect_err "$T/arm64.ko: built for AArch64 (ELF machine 183); this ksim loads x86-64 modules"

# A 32-bit object: ELFCLASS32 in the identification.
cp "$good" "$T/m32.ko"
printf '\001' | dd of="$T/m32.ko" bs=1 seek=4 conv=notrunc 2>/dev/null
ksim_expect 2 "$T/m32.ko"
expect_err "$T/m32.ko: a 32-bit ELF object; ksim loads 64-bit x86-64 modules"

# Truncated: inside the header, and after it (the section headers are gone).
head -c 40 "$good" >"$T/short.ko"
ksim_expect 2 "$T/short.ko"
expect_err "$T/short.ko: truncated: 40 bytes, shorter than an ELF header (64)"
head -c 2000 "$good" >"$T/cut.ko"
ksim_expect 2 "$T/cut.ko"
expect_err "$T/cut.ko: truncated: its headers reach byte"
expect_err "but the file has 2000 bytes"

# Config: a directory is not a config file.
ksim_expect 2 -c "$T"
expect_err "$T: is a directory, not a config file"

# An indented key would be folded into the previous value: refused at its line.
printf '[kernel]\nloglevel = 7\n  cpus = 4\n    ; an indented comment is fine\n' >"$T/indent.ini"
ksim_expect 2 -c "$T/indent.ini"
expect_err "$T/indent.ini:3: indented line 'cpus = 4'"

# A line longer than the parser's buffer: an error at its real line number.
{ printf '[kernel]\n; fine\nseed = 1\n'; printf 'loglevel = 7 ; %0300d\n' 0; printf 'cpus = 2\n'; } >"$T/long.ini"
ksim_expect 2 -c "$T/long.ini"
expect_err "$T/long.ini:4: line is"
expect_err "the parser's limit is"

# Namespace keys that do not add up name the key.
ksim_expect 2 --nvme=nvme0:ns1.size=1000
expect_err "nvme0: ns1.size: 1000 is not a multiple of the block size (512)"
printf '[nvme0]\nns1.size = 64M\nns1.lba_size = 4096\nns1.backend = file\n' >"$T/ns.ini"
ksim_expect 2 -c "$T/ns.ini"
expect_err "[nvme0]: ns1.backend: 'file' needs ns1.path = FILE"
# [kernel] firmware_dir: checked where it is written.
printf '[kernel]\nfirmware_dir = /nonexistent-ksim-fw\n' >"$T/fw.ini"
ksim_expect 2 -c "$T/fw.ini" "$(sample minimal minimal)"
expect_err "fw.ini:2: [kernel] firmware_dir: /nonexistent-ksim-fw: No such file or directory"
# Found by tests/fuzz/config: a NUL byte would cut its line without a word;
# a blank before a minus made a huge unsigned number; a size unit wrapped.
printf '[kernel]\nseed = 1\000junk\n' >"$T/nul.ini"
ksim_expect 2 -c "$T/nul.ini"
expect_err "$T/nul.ini:2: a NUL byte: not a text file"
ksim_expect 2 --seed=' -1'
expect_err "--seed: ' -1' is not a number"
ksim_expect 2 --job=j:size=99999999999T
expect_err "--job j: bad value '99999999999T' for 'size'"
exit 0
