# scripts/gdb/ksim.py - gdb helpers for ksim (load with: gdb -x scripts/gdb/ksim.py --args ./ksim ...)
#
# - Breakpoints in a module's functions are set before the module is loaded
#   (ksim dlopen()s it later), so pending breakpoints are turned on.
# - ksim-dmesg (alias dmesg): print the kernel log buffer, as the kernel's
#   lx-dmesg does.  It reads memory only (no call into the program), so it
#   works at any stop and on a core file.
import gdb

gdb.execute("set breakpoint pending on")


class KsimDmesg(gdb.Command):
    """Print ksim's kernel log (the dmesg buffer of kapi-shim/kernel/printk/printk.c)."""

    def __init__(self):
        super().__init__("ksim-dmesg", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        try:
            buf = int(gdb.parse_and_eval("'printk.c'::dmesg"))
            length = int(gdb.parse_and_eval("'printk.c'::dmesg_len"))
        except gdb.error as e:
            raise gdb.GdbError("ksim-dmesg: no ksim log here (%s)" % e)
        if not buf or not length:
            gdb.write("(the kernel log is empty)\n")
            return
        data = gdb.selected_inferior().read_memory(buf, length).tobytes()
        gdb.write(data.decode("utf-8", "replace"))


KsimDmesg()
gdb.execute("alias -a dmesg = ksim-dmesg")
