#!/bin/sh
# Kernel-world API checks (tests/modules/api-breadth): the 6.1 include graph,
# jiffies as a variable that moves, hweight without libgcc (the module would
# not link otherwise), atomic ordering variants, and a '-' in a module name
# becoming '_' in its log prefix and modinfo name.
. "$(dirname "$0")/lib.sh"

ko=$(mod api-breadth api-breadth)
ksim_expect 0 "$ko" bits=0xff
expect_out "api_breadth: ok include graph HZ=250 le16=0x1234 le64=0x7"
expect_out "api_breadth: ok jiffies moved, param named jiffies 15"
expect_out "api_breadth: ok hweight32=8 hweight64=16"
expect_out "api_breadth: ok atomics 1 3"

ksim_expect 0 modinfo "$ko"
expect_out "name:           api_breadth"
exit 0
