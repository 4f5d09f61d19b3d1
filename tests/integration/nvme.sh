#!/bin/sh
# The NVMe host driver against the emulated controller: probe log, queue
# layout, namespaces, faults during probe, and a clean unload (0 reports:
# no leak, no DMA mapping and no IRQ left behind).
. "$(dirname "$0")/lib.sh"

CORE="$KSIM_OBJTREE/drivers/nvme/host/nvme-core.ko"
PCI="$KSIM_OBJTREE/drivers/nvme/host/nvme.ko"
[ -f "$CORE" ] && [ -f "$PCI" ] || { echo "SKIP: drivers/nvme/host not built"; exit 77; }

# default: one namespace, one interrupt-driven queue per CPU
ksim_expect 0 --cpus=2 --nvme=nvme0:queues=4,ns1.size=64M "$CORE" "$PCI"
expect_out "nvme nvme0: pci function 0000:00:04.0"
expect_out "nvme nvme0: ksim NVMe controller, serial KSIM0001, firmware 1.0, NVMe 2.0"
expect_out "nvme nvme0: 2/0/0 default/read/poll queues"
expect_out "nvme0n1: 131072 512-byte logical blocks"
expect_out "0 reports"

# two namespaces, the second with 4 KiB blocks
ksim_expect 0 --nvme=nvme0:ns1.size=64M,ns2.size=32M,ns2.lba_size=4096 "$CORE" "$PCI"
expect_out "nvme0n1: 131072 512-byte logical blocks"
expect_out "nvme0n2: 8192 4096-byte logical blocks"

# a polled queue pair beside the interrupt-driven ones
ksim_expect 0 --cpus=4 --nvme=nvme0:queues=8 "$CORE" "$PCI" poll_queues=1
expect_out "nvme nvme0: 4/0/1 default/read/poll queues"

# the controller grants fewer queues than CPUs
ksim_expect 0 --cpus=4 --nvme=nvme0:queues=1 "$CORE" "$PCI"
expect_out "nvme nvme0: 1/0/0 default/read/poll queues"

# Set Features (Number of Queues) fails: admin queue only, no disk; the
# driver failed its device (exit 8), said so
ksim_expect 8 --nvme='nvme0:fault=admin:nth=2:sc=0x6:dnr' "$CORE" "$PCI"
expect_err "no disk nvme0n1: its driver failed the device"
expect_out "nvme nvme0: Could not set queue count"
expect_out "nvme nvme0: IO queues not created"
expect_no_out "nvme0n1"

# the controller dies during probe: the admin command times out, probe
# fails, everything is released; the driver failed its device (exit 8)
ksim_expect 8 --nvme='nvme0:fault=admin:nth=3:fatal' "$CORE" admin_timeout=1 "$PCI"
expect_out "nvme nvme0: admin command 0x5 (id 0) timed out"
expect_out "nvme: probe of 0000:00:04.0 failed with error -4"
expect_out "0 reports"

# configs/nvme.ini boots the same way
ksim_expect 0 -c "$KSIM_SRC/configs/nvme.ini"
expect_out "nvme0n2: 8192 4096-byte logical blocks"
exit 0
