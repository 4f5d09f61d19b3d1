/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/pci.h - PCI devices and drivers on ksim's simulated bus.
 *
 * The bus (kapi-shim/drivers/pci/) holds the functions device models plug
 * in through <ksim/platform.h>; each appears here as a struct pci_dev with
 * a standard type 0 configuration space, 64-bit memory BARs and MSI-X.
 * Drivers match, probe and remove as in the kernel.  MSI is not emulated
 * (PCI_IRQ_MSI alone gets -ENOSPC), nor is INTx.
 */
#ifndef LINUX_PCI_H
#define LINUX_PCI_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/errno.h>
#include <linux/mod_devicetable.h>
#include <linux/pci_ids.h>
#include <linux/ioport.h>
#include <linux/device.h>
#include <linux/io.h>
#include <linux/irqreturn.h>
#include <linux/interrupt.h>
#include <linux/dma-mapping.h>
#include <linux/atomic.h>
#include <linux/module.h>
#include <uapi/linux/pci_regs.h>

#define PCI_DEVFN(slot, func)	((((slot) & 0x1f) << 3) | ((func) & 0x07))
#define PCI_SLOT(devfn)		(((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)		((devfn) & 0x07)

#define PCI_STD_NUM_BARS	6
#define PCI_ROM_RESOURCE	6
#define DEVICE_COUNT_RESOURCE	7

#define PCI_DEVICE(vend, dev) \
	.vendor = (vend), .device = (dev), \
	.subvendor = PCI_ANY_ID, .subdevice = PCI_ANY_ID
#define PCI_DEVICE_SUB(vend, dev, subvend, subdev) \
	.vendor = (vend), .device = (dev), \
	.subvendor = (subvend), .subdevice = (subdev)
#define PCI_DEVICE_CLASS(dev_class, dev_class_mask) \
	.class = (dev_class), .class_mask = (dev_class_mask), \
	.vendor = PCI_ANY_ID, .device = PCI_ANY_ID, \
	.subvendor = PCI_ANY_ID, .subdevice = PCI_ANY_ID
#define PCI_VDEVICE(vend, dev) \
	.vendor = PCI_VENDOR_ID_##vend, .device = (dev), \
	.subvendor = PCI_ANY_ID, .subdevice = PCI_ANY_ID, 0, 0

typedef int __bitwise pci_power_t;
#define PCI_D0		((pci_power_t __force) 0)
#define PCI_D3hot	((pci_power_t __force) 3)
#define PCI_D3cold	((pci_power_t __force) 4)

typedef unsigned int __bitwise pci_channel_state_t;
enum pci_channel_state {
	pci_channel_io_normal = (__force pci_channel_state_t) 1,
	pci_channel_io_frozen = (__force pci_channel_state_t) 2,
	pci_channel_io_perm_failure = (__force pci_channel_state_t) 3,
};

typedef unsigned int __bitwise pci_ers_result_t;
enum pci_ers_result {
	PCI_ERS_RESULT_NONE = (__force pci_ers_result_t) 1,
	PCI_ERS_RESULT_CAN_RECOVER = (__force pci_ers_result_t) 2,
	PCI_ERS_RESULT_NEED_RESET = (__force pci_ers_result_t) 3,
	PCI_ERS_RESULT_DISCONNECT = (__force pci_ers_result_t) 4,
	PCI_ERS_RESULT_RECOVERED = (__force pci_ers_result_t) 5,
	PCI_ERS_RESULT_NO_AER_DRIVER = (__force pci_ers_result_t) 6,
};

struct pci_bus {
	struct pci_bus *parent;
	unsigned char number;
	int domain_nr;
};

struct pci_driver;

struct pci_dev {
	struct list_head bus_list;
	struct pci_bus *bus;
	unsigned int devfn;
	unsigned short vendor;
	unsigned short device;
	unsigned short subsystem_vendor;
	unsigned short subsystem_device;
	unsigned int class;		/* 3 bytes: (base, sub, prog-if) */
	u8 revision;
	u8 hdr_type;
	u8 msix_cap;			/* MSI-X capability offset */
	u8 msi_cap;
	u8 pcie_cap;
	struct pci_driver *driver;
	u64 dma_mask;
	struct device_dma_parameters dma_parms;
	pci_power_t current_state;
	pci_channel_state_t error_state;
	struct device dev;
	int cfg_size;
	unsigned int irq;
	struct resource resource[DEVICE_COUNT_RESOURCE];
	unsigned int msi_enabled:1;
	unsigned int msix_enabled:1;
	unsigned int is_busmaster:1;
	unsigned int is_managed:1;
	unsigned int state_saved:1;
	atomic_t enable_cnt;
};

static inline struct pci_dev *to_pci_dev(const struct device *dev)
{
	return (struct pci_dev *)((char *)dev - offsetof(struct pci_dev, dev));
}

#define for_each_pci_dev(d) while ((d = pci_get_device(PCI_ANY_ID, PCI_ANY_ID, d)) != NULL)

struct pci_error_handlers {
	pci_ers_result_t (*error_detected)(struct pci_dev *dev,
					   pci_channel_state_t error);
	pci_ers_result_t (*mmio_enabled)(struct pci_dev *dev);
	pci_ers_result_t (*slot_reset)(struct pci_dev *dev);
	void (*reset_prepare)(struct pci_dev *dev);
	void (*reset_done)(struct pci_dev *dev);
	void (*resume)(struct pci_dev *dev);
};

struct pci_driver {
	struct list_head node;
	const char *name;
	const struct pci_device_id *id_table;
	int (*probe)(struct pci_dev *dev, const struct pci_device_id *id);
	void (*remove)(struct pci_dev *dev);
	int (*suspend)(struct pci_dev *dev, int state);
	int (*resume)(struct pci_dev *dev);
	void (*shutdown)(struct pci_dev *dev);
	int (*sriov_configure)(struct pci_dev *dev, int num_vfs);
	const struct pci_error_handlers *err_handler;
	const struct attribute_group **groups;
	const struct attribute_group **dev_groups;
	struct device_driver driver;
};

static inline struct pci_driver *to_pci_driver(struct device_driver *drv)
{
	return (struct pci_driver *)((char *)drv - offsetof(struct pci_driver, driver));
}

extern struct bus_type pci_bus_type;

int __must_check __pci_register_driver(struct pci_driver *drv, struct module *owner,
				       const char *mod_name);
#ifdef KBUILD_MODNAME
#define pci_register_driver(driver) \
	__pci_register_driver(driver, THIS_MODULE, KBUILD_MODNAME)
#else
#define pci_register_driver(driver) \
	__pci_register_driver(driver, THIS_MODULE, NULL)
#endif
void pci_unregister_driver(struct pci_driver *drv);
#define module_pci_driver(__pci_driver) \
	module_driver(__pci_driver, pci_register_driver, pci_unregister_driver)

const struct pci_device_id *pci_match_id(const struct pci_device_id *ids,
					 struct pci_dev *dev);

static inline const char *pci_name(const struct pci_dev *pdev)
{
	return dev_name(&pdev->dev);
}

static inline void *pci_get_drvdata(struct pci_dev *pdev)
{
	return dev_get_drvdata(&pdev->dev);
}

static inline void pci_set_drvdata(struct pci_dev *pdev, void *data)
{
	dev_set_drvdata(&pdev->dev, data);
}

static inline int pci_domain_nr(struct pci_bus *bus)
{
	return bus->domain_nr;
}

static inline bool pci_is_enabled(struct pci_dev *pdev)
{
	return atomic_read(&pdev->enable_cnt) > 0;
}

static inline int pci_pcie_type(const struct pci_dev *dev)
{
	return 0;
}

static inline bool pci_is_pcie(struct pci_dev *dev)
{
	return !!dev->pcie_cap;
}

static inline struct pci_dev *pci_physfn(struct pci_dev *dev)
{
	return dev;
}

struct pci_dev *pci_dev_get(struct pci_dev *dev);
void pci_dev_put(struct pci_dev *dev);
struct pci_dev *pci_get_device(unsigned int vendor, unsigned int device,
			       struct pci_dev *from);
bool pci_device_is_present(struct pci_dev *pdev);

int __must_check pci_enable_device(struct pci_dev *dev);
int __must_check pci_enable_device_mem(struct pci_dev *dev);
int __must_check pcim_enable_device(struct pci_dev *pdev);
void pci_disable_device(struct pci_dev *dev);
void pci_set_master(struct pci_dev *dev);
void pci_clear_master(struct pci_dev *dev);
int pci_save_state(struct pci_dev *dev);
void pci_restore_state(struct pci_dev *dev);
int pci_set_power_state(struct pci_dev *dev, pci_power_t state);
int pci_wake_from_d3(struct pci_dev *dev, bool enable);
int pcie_flr(struct pci_dev *dev);
int pci_reset_function(struct pci_dev *dev);

/* Resources */
#define pci_resource_start(dev, bar)	((dev)->resource[(bar)].start)
#define pci_resource_end(dev, bar)	((dev)->resource[(bar)].end)
#define pci_resource_flags(dev, bar)	((dev)->resource[(bar)].flags)
#define pci_resource_len(dev, bar)					\
	((pci_resource_end((dev), (bar)) == 0) ? 0 :			\
	 (pci_resource_end((dev), (bar)) - pci_resource_start((dev), (bar)) + 1))
int pci_select_bars(struct pci_dev *dev, unsigned long flags);
int __must_check pci_request_region(struct pci_dev *pdev, int bar, const char *name);
void pci_release_region(struct pci_dev *pdev, int bar);
int __must_check pci_request_regions(struct pci_dev *pdev, const char *name);
void pci_release_regions(struct pci_dev *pdev);
int __must_check pci_request_selected_regions(struct pci_dev *pdev, int bars,
					      const char *name);
void pci_release_selected_regions(struct pci_dev *pdev, int bars);
static inline int pci_request_mem_regions(struct pci_dev *pdev, const char *name)
{
	return pci_request_selected_regions(pdev,
			pci_select_bars(pdev, IORESOURCE_MEM), name);
}
static inline void pci_release_mem_regions(struct pci_dev *pdev)
{
	return pci_release_selected_regions(pdev,
			pci_select_bars(pdev, IORESOURCE_MEM));
}

void __iomem *pci_iomap(struct pci_dev *dev, int bar, unsigned long max);
void __iomem *pci_iomap_range(struct pci_dev *dev, int bar, unsigned long offset,
			      unsigned long maxlen);
void pci_iounmap(struct pci_dev *dev, void __iomem *addr);
void __iomem *pcim_iomap(struct pci_dev *pdev, int bar, unsigned long maxlen);
void pcim_iounmap(struct pci_dev *pdev, void __iomem *addr);
void __iomem * const *pcim_iomap_table(struct pci_dev *pdev);
int pcim_iomap_regions(struct pci_dev *pdev, int mask, const char *name);
void __iomem *pci_ioremap_bar(struct pci_dev *pdev, int bar);

/* Config space */
#define PCIBIOS_SUCCESSFUL		0x00
#define PCIBIOS_FUNC_NOT_SUPPORTED	0x81
#define PCIBIOS_BAD_VENDOR_ID		0x83
#define PCIBIOS_DEVICE_NOT_FOUND	0x86
#define PCIBIOS_BAD_REGISTER_NUMBER	0x87
#define PCIBIOS_SET_FAILED		0x88
#define PCIBIOS_BUFFER_TOO_SMALL	0x89
#define PCI_ERROR_RESPONSE		(~0ULL)
#define PCI_POSSIBLE_ERROR(val)		((val) == ((typeof(val)) PCI_ERROR_RESPONSE))

int pci_read_config_byte(const struct pci_dev *dev, int where, u8 *val);
int pci_read_config_word(const struct pci_dev *dev, int where, u16 *val);
int pci_read_config_dword(const struct pci_dev *dev, int where, u32 *val);
int pci_write_config_byte(const struct pci_dev *dev, int where, u8 val);
int pci_write_config_word(const struct pci_dev *dev, int where, u16 val);
int pci_write_config_dword(const struct pci_dev *dev, int where, u32 val);
u8 pci_find_capability(struct pci_dev *dev, int cap);

static inline int pcibios_err_to_errno(int err)
{
	if (err <= PCIBIOS_SUCCESSFUL)
		return err;
	switch (err) {
	case PCIBIOS_FUNC_NOT_SUPPORTED:
		return -ENOENT;
	case PCIBIOS_BAD_VENDOR_ID:
		return -ENOTTY;
	case PCIBIOS_DEVICE_NOT_FOUND:
		return -ENODEV;
	case PCIBIOS_BAD_REGISTER_NUMBER:
		return -EFAULT;
	case PCIBIOS_SET_FAILED:
		return -EIO;
	case PCIBIOS_BUFFER_TOO_SMALL:
		return -ENOSPC;
	}
	return -ERANGE;
}

/* The simulated functions have no PCI Express capability. */
static inline int pcie_capability_read_word(struct pci_dev *dev, int pos, u16 *val)
{
	*val = 0;
	return 0;
}
static inline int pcie_capability_read_dword(struct pci_dev *dev, int pos, u32 *val)
{
	*val = 0;
	return 0;
}
static inline int pcie_capability_write_word(struct pci_dev *dev, int pos, u16 val)
{
	return 0;
}
static inline int pcie_capability_clear_and_set_word(struct pci_dev *dev, int pos,
						     u16 clear, u16 set)
{
	return 0;
}
#define pcie_capability_set_word(dev, pos, set) \
	pcie_capability_clear_and_set_word(dev, pos, 0, set)
#define pcie_capability_clear_word(dev, pos, clear) \
	pcie_capability_clear_and_set_word(dev, pos, clear, 0)
static inline int pci_enable_pcie_error_reporting(struct pci_dev *dev)
{
	return -EINVAL;
}
static inline int pci_disable_pcie_error_reporting(struct pci_dev *dev)
{
	return -EINVAL;
}
static inline int pcie_aer_is_native(struct pci_dev *dev)
{
	return 0;
}

#define pci_printk(level, pdev, fmt, arg...) dev_printk(level, &(pdev)->dev, fmt, ##arg)
#define pci_emerg(pdev, fmt, arg...)	dev_emerg(&(pdev)->dev, fmt, ##arg)
#define pci_alert(pdev, fmt, arg...)	dev_alert(&(pdev)->dev, fmt, ##arg)
#define pci_crit(pdev, fmt, arg...)	dev_crit(&(pdev)->dev, fmt, ##arg)
#define pci_err(pdev, fmt, arg...)	dev_err(&(pdev)->dev, fmt, ##arg)
#define pci_warn(pdev, fmt, arg...)	dev_warn(&(pdev)->dev, fmt, ##arg)
#define pci_notice(pdev, fmt, arg...)	dev_notice(&(pdev)->dev, fmt, ##arg)
#define pci_info(pdev, fmt, arg...)	dev_info(&(pdev)->dev, fmt, ##arg)
#define pci_dbg(pdev, fmt, arg...)	dev_dbg(&(pdev)->dev, fmt, ##arg)
#define pci_WARN(pdev, condition, fmt, arg...) \
	WARN(condition, "%s %s: " fmt, dev_driver_string(&(pdev)->dev), pci_name(pdev), ##arg)

/* Interrupt vectors */
#define PCI_IRQ_LEGACY		(1 << 0)
#define PCI_IRQ_MSI		(1 << 1)
#define PCI_IRQ_MSIX		(1 << 2)
#define PCI_IRQ_AFFINITY	(1 << 3)
#define PCI_IRQ_ALL_TYPES	(PCI_IRQ_LEGACY | PCI_IRQ_MSI | PCI_IRQ_MSIX)

struct irq_affinity {
	void (*calc_sets)(struct irq_affinity *, unsigned int nvecs);
	void *priv;
	unsigned int pre_vectors;
	unsigned int post_vectors;
	unsigned int nr_sets;
	unsigned int set_size[4];
};

int pci_alloc_irq_vectors_affinity(struct pci_dev *dev, unsigned int min_vecs,
				   unsigned int max_vecs, unsigned int flags,
				   struct irq_affinity *affd);
static inline int pci_alloc_irq_vectors(struct pci_dev *dev, unsigned int min_vecs,
					unsigned int max_vecs, unsigned int flags)
{
	return pci_alloc_irq_vectors_affinity(dev, min_vecs, max_vecs, flags, NULL);
}
void pci_free_irq_vectors(struct pci_dev *dev);
int pci_irq_vector(struct pci_dev *dev, unsigned int nr);
int pci_msix_vec_count(struct pci_dev *dev);
int pci_msi_vec_count(struct pci_dev *dev);
const struct cpumask *pci_irq_get_affinity(struct pci_dev *pdev, int vec);
int pci_request_irq(struct pci_dev *dev, unsigned int nr, irq_handler_t handler,
		    irq_handler_t thread_fn, void *dev_id, const char *fmt, ...);
void pci_free_irq(struct pci_dev *dev, unsigned int nr, void *dev_id);
static inline void pci_intx(struct pci_dev *dev, int enable) { }

#endif
