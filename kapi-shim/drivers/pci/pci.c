// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/drivers/pci/pci.c - what a PCI driver does to its function:
 * enable it, make it bus master, claim its BARs, map them (plain and
 * managed), save and restore state.
 */
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/io.h>
#include <linux/export.h>

#include "drivers/pci/ksim-pci.h"

static void pci_set_command_bits(struct pci_dev *dev, u16 bits, bool set)
{
	u16 cmd, old;

	pci_read_config_word(dev, PCI_COMMAND, &old);
	cmd = set ? old | bits : old & ~bits;
	if (cmd != old)
		pci_write_config_word(dev, PCI_COMMAND, cmd);
}

int pci_enable_device_mem(struct pci_dev *dev)
{
	if (atomic_inc_return(&dev->enable_cnt) > 1)
		return 0;
	pci_set_command_bits(dev, PCI_COMMAND_MEMORY, true);
	return 0;
}
EXPORT_SYMBOL(pci_enable_device_mem);

int pci_enable_device(struct pci_dev *dev)
{
	return pci_enable_device_mem(dev);
}
EXPORT_SYMBOL(pci_enable_device);

void pci_disable_device(struct pci_dev *dev)
{
	if (atomic_read(&dev->enable_cnt) <= 0) {
		dev_WARN_ONCE(&dev->dev, 1, "disabling already-disabled device");
		return;
	}
	if (atomic_dec_return(&dev->enable_cnt) != 0)
		return;
	pci_set_command_bits(dev, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER, false);
	dev->is_busmaster = 0;
}
EXPORT_SYMBOL(pci_disable_device);

static void pcim_release(struct device *gendev, void *res)
{
	struct pci_dev *dev = to_pci_dev(gendev);

	if (pci_is_enabled(dev))
		pci_disable_device(dev);
}

int pcim_enable_device(struct pci_dev *pdev)
{
	void *dr;
	int rc;

	dr = devres_find(&pdev->dev, pcim_release, NULL, NULL);
	if (!dr) {
		dr = devres_alloc(pcim_release, 0, GFP_KERNEL);
		if (!dr)
			return -ENOMEM;
		devres_add(&pdev->dev, dr);
	}
	rc = pci_enable_device(pdev);
	if (!rc)
		pdev->is_managed = 1;
	return rc;
}
EXPORT_SYMBOL(pcim_enable_device);

void pci_set_master(struct pci_dev *dev)
{
	pci_set_command_bits(dev, PCI_COMMAND_MASTER, true);
	dev->is_busmaster = 1;
}
EXPORT_SYMBOL(pci_set_master);

void pci_clear_master(struct pci_dev *dev)
{
	pci_set_command_bits(dev, PCI_COMMAND_MASTER, false);
	dev->is_busmaster = 0;
}
EXPORT_SYMBOL(pci_clear_master);

int pci_save_state(struct pci_dev *dev)
{
	dev->state_saved = 1;
	return 0;
}
EXPORT_SYMBOL(pci_save_state);

void pci_restore_state(struct pci_dev *dev)
{
	dev->state_saved = 0;
}
EXPORT_SYMBOL(pci_restore_state);

int pci_set_power_state(struct pci_dev *dev, pci_power_t state)
{
	dev->current_state = state;
	return 0;
}
EXPORT_SYMBOL(pci_set_power_state);

int pci_wake_from_d3(struct pci_dev *dev, bool enable)
{
	return 0;
}
EXPORT_SYMBOL(pci_wake_from_d3);

/* Function level reset is not simulated. */
int pcie_flr(struct pci_dev *dev)
{
	return -ENOTTY;
}
EXPORT_SYMBOL_GPL(pcie_flr);

int pci_reset_function(struct pci_dev *dev)
{
	return -ENOTTY;
}
EXPORT_SYMBOL_GPL(pci_reset_function);

/* ---- regions ---- */

int pci_select_bars(struct pci_dev *dev, unsigned long flags)
{
	int i, bars = 0;

	for (i = 0; i < PCI_STD_NUM_BARS; i++)
		if (pci_resource_flags(dev, i) & flags)
			bars |= 1 << i;
	return bars;
}
EXPORT_SYMBOL(pci_select_bars);

int pci_request_region(struct pci_dev *pdev, int bar, const char *name)
{
	struct ksim_pci_dev *kdev = ksim_pdev(pdev);

	if (bar < 0 || bar >= PCI_STD_NUM_BARS || !pci_resource_len(pdev, bar))
		return 0;
	if (kdev->regions & (1u << bar)) {
		pci_warn(pdev, "BAR %d: can't reserve [mem %#010llx-%#010llx 64bit]\n", bar,
			 (unsigned long long)pci_resource_start(pdev, bar),
			 (unsigned long long)pci_resource_end(pdev, bar));
		return -EBUSY;
	}
	kdev->regions |= 1u << bar;
	return 0;
}
EXPORT_SYMBOL(pci_request_region);

void pci_release_region(struct pci_dev *pdev, int bar)
{
	if (bar >= 0 && bar < PCI_STD_NUM_BARS)
		ksim_pdev(pdev)->regions &= ~(1u << bar);
}
EXPORT_SYMBOL(pci_release_region);

int pci_request_selected_regions(struct pci_dev *pdev, int bars, const char *name)
{
	int i;

	for (i = 0; i < PCI_STD_NUM_BARS; i++) {
		if (!(bars & (1 << i)))
			continue;
		if (pci_request_region(pdev, i, name))
			goto err_out;
	}
	return 0;
err_out:
	while (--i >= 0)
		if (bars & (1 << i))
			pci_release_region(pdev, i);
	return -EBUSY;
}
EXPORT_SYMBOL(pci_request_selected_regions);

void pci_release_selected_regions(struct pci_dev *pdev, int bars)
{
	int i;

	for (i = 0; i < PCI_STD_NUM_BARS; i++)
		if (bars & (1 << i))
			pci_release_region(pdev, i);
}
EXPORT_SYMBOL(pci_release_selected_regions);

int pci_request_regions(struct pci_dev *pdev, const char *name)
{
	return pci_request_selected_regions(pdev, (1 << PCI_STD_NUM_BARS) - 1, name);
}
EXPORT_SYMBOL(pci_request_regions);

void pci_release_regions(struct pci_dev *pdev)
{
	pci_release_selected_regions(pdev, (1 << PCI_STD_NUM_BARS) - 1);
}
EXPORT_SYMBOL(pci_release_regions);

/* ---- managed mappings ---- */

static void pcim_iomap_release(struct device *gendev, void *res)
{
	struct pci_dev *dev = to_pci_dev(gendev);
	struct ksim_pci_dev *kdev = ksim_pdev(dev);
	int i;

	for (i = 0; i < PCI_STD_NUM_BARS; i++) {
		if (kdev->iomap_table[i])
			pci_iounmap(dev, kdev->iomap_table[i]);
		kdev->iomap_table[i] = NULL;
	}
}

void __iomem * const *pcim_iomap_table(struct pci_dev *pdev)
{
	void *dr = devres_find(&pdev->dev, pcim_iomap_release, NULL, NULL);

	if (dr)
		return ksim_pdev(pdev)->iomap_table;
	dr = devres_alloc(pcim_iomap_release, 0, GFP_KERNEL);
	if (!dr)
		return NULL;
	devres_add(&pdev->dev, dr);
	return ksim_pdev(pdev)->iomap_table;
}
EXPORT_SYMBOL(pcim_iomap_table);

void __iomem *pcim_iomap(struct pci_dev *pdev, int bar, unsigned long maxlen)
{
	struct ksim_pci_dev *kdev = ksim_pdev(pdev);
	void __iomem *addr;

	if (bar < 0 || bar >= PCI_STD_NUM_BARS || !pcim_iomap_table(pdev))
		return NULL;
	if (kdev->iomap_table[bar])
		return NULL;
	addr = pci_iomap(pdev, bar, maxlen);
	kdev->iomap_table[bar] = addr;
	return addr;
}
EXPORT_SYMBOL(pcim_iomap);

void pcim_iounmap(struct pci_dev *pdev, void __iomem *addr)
{
	struct ksim_pci_dev *kdev = ksim_pdev(pdev);
	int i;

	pci_iounmap(pdev, addr);
	for (i = 0; i < PCI_STD_NUM_BARS; i++)
		if (kdev->iomap_table[i] == addr)
			kdev->iomap_table[i] = NULL;
}
EXPORT_SYMBOL(pcim_iounmap);

int pcim_iomap_regions(struct pci_dev *pdev, int mask, const char *name)
{
	struct ksim_pci_dev *kdev = ksim_pdev(pdev);
	int i, rc;

	if (!pcim_iomap_table(pdev))
		return -ENOMEM;
	for (i = 0; i < PCI_STD_NUM_BARS; i++) {
		if (!(mask & (1 << i)) || !pci_resource_len(pdev, i))
			continue;
		rc = pci_request_region(pdev, i, name);
		if (rc)
			goto err;
		rc = -ENOMEM;
		if (!pcim_iomap(pdev, i, 0)) {
			pci_release_region(pdev, i);
			goto err;
		}
	}
	return 0;
err:
	while (--i >= 0) {
		if (!(mask & (1 << i)) || !kdev->iomap_table[i])
			continue;
		pcim_iounmap(pdev, kdev->iomap_table[i]);
		pci_release_region(pdev, i);
	}
	return rc;
}
EXPORT_SYMBOL(pcim_iomap_regions);

static void devm_ioremap_release(struct device *dev, void *res)
{
	iounmap(*(void __iomem **)res);
}

static int devm_ioremap_match(struct device *dev, void *res, void *match_data)
{
	return *(void **)res == match_data;
}

void __iomem *devm_ioremap(struct device *dev, resource_size_t offset,
			   resource_size_t size)
{
	void __iomem **ptr, *addr;

	ptr = devres_alloc(devm_ioremap_release, sizeof(*ptr), GFP_KERNEL);
	if (!ptr)
		return NULL;
	addr = ioremap(offset, size);
	if (!addr) {
		devres_free(ptr);
		return NULL;
	}
	*ptr = addr;
	devres_add(dev, ptr);
	return addr;
}
EXPORT_SYMBOL(devm_ioremap);

void devm_iounmap(struct device *dev, void __iomem *addr)
{
	WARN_ON(devres_destroy(dev, devm_ioremap_release, devm_ioremap_match,
			       (void __force *)addr));
	iounmap(addr);
}
EXPORT_SYMBOL(devm_iounmap);
