#!/bin/sh
# The kernel's debugging aids, each on a planted bug, with the kernel's
# report shape and a non-zero exit: lockdep's order graph (an ABBA pair that
# did not deadlock in this run), locks held when init returns, slub_debug's
# red zones (an out-of-bounds write) and free poisoning (a use-after-free
# write).
. "$(dirname "$0")/lib.sh"

abba=$(mod lockdep lockdep_abba)
for kind in mutex spinlock rwsem; do
	ksim_expect 1 "$abba" kind=$kind
	expect_out "WARNING: possible circular locking dependency detected"
	expect_out "is trying to acquire lock:"
	expect_out "but task is already holding lock:"
	expect_out "the existing dependency chain (in reverse order) is:"
	expect_out "-> #1 ("
	expect_out "-> #0 ("
	expect_out " Possible unsafe locking scenario:"
	expect_out " *** DEADLOCK ***"
	expect_out "lockdep_abba.c:"
	expect_out "both orders done, no deadlock in this run"
	expect_out "ksim: FAILED: 1 module, 1 report (1 locking)"
done

ksim_expect 1 "$(mod lockdep lock_held)"
expect_out "WARNING: lock held when returning to user space!"
expect_out "insmod/1 is leaving the kernel with locks still held!"
expect_out "(lock_held_mutex), at: lock_held_init"
expect_out "ksim: FAILED: 1 module, 1 report (1 locking)"

# A spinlock: named as such at init's return, not blamed on later code.
ksim_expect 1 "$(mod lockdep spin_held)"
expect_out "(spin_held_lock), at: spin_held_init"
expect_out "initcall spin_held_init"
expect_out "returned with preemption imbalance disabled interrupts"
expect_no_out "destroy_workqueue"
expect_no_out "sleeping function called from invalid context"

# Under SAN=address the slab's red zones and quarantine are ASan-poisoned:
# ASan stops the planted write itself (exit 1, its own report on stderr).
case "${SAN:-}" in
*address*)
	ksim_expect 1 "$(mod slab_debug slab_oob)"
	expect_err "ERROR: AddressSanitizer: use-after-poison"
	ksim_expect 1 "$(mod slab_debug slab_uaf)" where=cache
	expect_err "ERROR: AddressSanitizer: use-after-poison"
	exit 0
	;;
esac

oob=$(mod slab_debug slab_oob)
ksim_expect 1 "$oob"
expect_out "BUG kmalloc-16 (Tainted: G B): Right Redzone overwritten"
expect_out "@offset=13. First byte 0x0 instead of 0xcc"
expect_out "Allocated in slab_oob_init"
expect_out "FIX kmalloc-16: Restoring Right Redzone"
expect_out "ksim: FAILED: 1 module, 1 report (1 slab corruption)"
ksim_expect 1 "$oob" where=cache
expect_out "BUG slab_oob_cache (Tainted: G B): Right Redzone overwritten"
ksim_expect 1 "$oob" where=left
expect_out "Left Redzone overwritten"

uaf=$(mod slab_debug slab_uaf)
for where in kmalloc cache; do
	ksim_expect 1 --kmemleak-stack "$uaf" where=$where
	expect_out "Poison overwritten"
	expect_out "First byte 0x2a instead of 0x6b"
	expect_out "Freed in put_obj"
	expect_out "BUG: KASAN: use-after-free write in freed object"
	expect_out "Allocated by task 1:"
	expect_out "Freed by task 1:"
	expect_out "slab_uaf.c:"
	expect_out "ksim: FAILED: 1 module, 1 report (1 slab corruption)"
done
exit 0
