// SPDX-License-Identifier: GPL-2.0
/*
 * api-breadth - kernel-world checks of what only a module can show: names
 * 6.1 reaches through its include graph (only module.h, pci.h and
 * completion.h are included for HZ, le16_to_cpu, cpu_to_le64), jiffies as a
 * real variable (a local may be called jiffies; the global moves), helpers
 * that must not need libgcc (hweight on run-time values), and the
 * atomic ordering variants.  Prints "api_breadth: ok ..." lines.
 */
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/completion.h>

static unsigned int bits = 0xf0f0;
module_param(bits, uint, 0444);

/* A parameter named jiffies, as real drivers write. */
static unsigned long later_than(unsigned long jiffies, unsigned long delta)
{
	return jiffies + delta;
}

static int __init api_breadth_init(void)
{
	__le16 le = cpu_to_le16(0x1234);
	unsigned long start = jiffies, *jp = (unsigned long *)&jiffies;
	atomic_t a = ATOMIC_INIT(1);
	atomic64_t b = ATOMIC64_INIT(5);
	u64 word = (u64)bits << 32 | bits;
	unsigned long n;

	pr_info("api_breadth: ok include graph HZ=%d le16=%#x le64=%#llx\n", HZ,
		le16_to_cpu(le), (unsigned long long)le64_to_cpu(cpu_to_le64(7)));
	/* A busy wait on the global: cpu_relax() keeps it moving. */
	for (n = 0; !time_after(jiffies, start + 1) && n < 100000000; n++)
		cpu_relax();
	pr_info("api_breadth: ok jiffies %s, param named jiffies %lu\n",
		time_after(*jp, start) ? "moved" : "STUCK",
		later_than(10, 5));
	pr_info("api_breadth: ok hweight32=%u hweight64=%lu\n",
		hweight32(bits), hweight64(word));
	atomic_inc_return_release(&a);
	atomic_fetch_dec_acquire(&a);
	atomic64_fetch_andnot_release(1, &b);
	atomic64_dec_return_acquire(&b);
	pr_info("api_breadth: ok atomics %d %lld\n", atomic_read(&a),
		(long long)atomic64_read(&b));
	return 0;
}

static void __exit api_breadth_exit(void)
{
}

module_init(api_breadth_init);
module_exit(api_breadth_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Checks of the 6.1 include graph, jiffies, hweight and atomics in kernel world");
