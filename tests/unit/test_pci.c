// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_pci.c - drivers/pci/bus.c and pci.c: matching, probe and
 * remove, configuration space, enable/master/regions, managed resources.
 */
#include "ktest.h"
#include "fakedev.h"

#include <linux/pci.h>
#include <linux/slab.h>

TestSuite(pci, .init = ktest_boot, .fini = ktest_shutdown);

static int probes, removes;
static struct pci_dev *probed;

static int t_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	probes++;
	probed = pdev;
	pci_set_drvdata(pdev, (void *)id);
	return 0;
}

static void t_remove(struct pci_dev *pdev)
{
	removes++;
}

static const struct pci_device_id by_id[] = {
	{ PCI_DEVICE(FAKE_VENDOR, FAKE_DEVICE), .driver_data = 7 },
	{ 0, }
};

static struct pci_driver id_driver = {
	.name = "tpci",
	.id_table = by_id,
	.probe = t_probe,
	.remove = t_remove,
};

static const struct pci_device_id by_class[] = {
	{ PCI_DEVICE_CLASS(0x010802, 0xffffff), .driver_data = 9 },
	{ 0, }
};

static struct pci_driver class_driver = {
	.name = "tclass",
	.id_table = by_class,
	.probe = t_probe,
	.remove = t_remove,
};

Test(pci, probe_on_match_only)
{
	struct fakedev a = { 0 }, b = { 0 };

	cr_assert_eq(pci_register_driver(&id_driver), 0);
	cr_assert_eq(fakedev_add_ids(&a, 0x1111, 0x2222, FAKE_CLASS), 0);
	cr_assert_eq(probes, 0, "a non-matching device was probed");
	cr_assert_eq(fakedev_add(&b), 0);
	cr_assert_eq(probes, 1);
	cr_assert_eq(((const struct pci_device_id *)pci_get_drvdata(probed))->driver_data, 7);
	cr_assert_str_eq(pci_name(probed), ksim_pci_dev_name(b.kdev));
	cr_assert_eq(probed->vendor, FAKE_VENDOR);
	cr_assert_eq(probed->class, FAKE_CLASS);
	cr_assert_eq(probed->subsystem_vendor, 0xabcd);
	cr_assert_eq(probed->revision, 3);
	cr_assert(ksim_dmesg_contains("pci 0000:00:04.0: [1111:2222]"));
	ksim_pci_remove_device(a.kdev);
	ksim_pci_remove_device(b.kdev);
	cr_assert_eq(removes, 1);
	pci_unregister_driver(&id_driver);
}

Test(pci, probe_by_class_at_register)
{
	struct fakedev a = { 0 };

	cr_assert_eq(fakedev_add_ids(&a, 0x8086, 0x0953, 0x010802), 0);
	cr_assert_eq(probes, 0);
	cr_assert_eq(pci_register_driver(&class_driver), 0);
	cr_assert_eq(probes, 1, "no probe when a matching driver registered");
	cr_assert_eq(((const struct pci_device_id *)pci_get_drvdata(probed))->driver_data, 9);
	pci_unregister_driver(&class_driver);
	cr_assert_eq(removes, 1, "unregister did not remove");
	cr_assert_null(probed->driver);
	ksim_pci_remove_device(a.kdev);
	cr_assert_eq(removes, 1);
}

Test(pci, remove_on_device_removal)
{
	struct fakedev a = { 0 };

	cr_assert_eq(pci_register_driver(&id_driver), 0);
	cr_assert_eq(fakedev_add(&a), 0);
	cr_assert_eq(probes, 1);
	ksim_pci_remove_device(a.kdev);
	cr_assert_eq(removes, 1);
	pci_unregister_driver(&id_driver);
	cr_assert_eq(removes, 1, "removed twice");
}

Test(pci, match_id_semantics)
{
	struct pci_dev dev = { .vendor = 1, .device = 2, .subsystem_vendor = 3,
			       .subsystem_device = 4, .class = 0x010802 };
	const struct pci_device_id ids[] = {
		{ PCI_DEVICE_SUB(1, 2, 3, 5) },
		{ PCI_DEVICE_CLASS(0x010800, 0xffff00), .driver_data = 2 },
		{ 0, }
	};

	cr_assert_eq(pci_match_id(ids, &dev), &ids[1]);
	dev.class = 0x010601;
	cr_assert_null(pci_match_id(ids, &dev));
}

Test(pci, config_space)
{
	struct fakedev a = { 0 };
	u32 v, lo, hi;
	u16 w;
	u8 pos, b;

	cr_assert_eq(pci_register_driver(&id_driver), 0);
	cr_assert_eq(fakedev_add(&a), 0);
	pci_read_config_dword(probed, PCI_VENDOR_ID, &v);
	cr_assert_eq(v, FAKE_DEVICE << 16 | FAKE_VENDOR);
	pci_read_config_dword(probed, PCI_CLASS_REVISION, &v);
	cr_assert_eq(v, FAKE_CLASS << 8 | 3);
	pci_read_config_word(probed, PCI_SUBSYSTEM_VENDOR_ID, &w);
	cr_assert_eq(w, 0xabcd);

	/* BAR sizing: write all ones, read back the size mask. */
	pci_read_config_dword(probed, PCI_BASE_ADDRESS_0, &lo);
	cr_assert_eq(lo & PCI_BASE_ADDRESS_MEM_TYPE_MASK, PCI_BASE_ADDRESS_MEM_TYPE_64);
	cr_assert_eq(lo & ~0xfu, (u32)pci_resource_start(probed, 0));
	pci_write_config_dword(probed, PCI_BASE_ADDRESS_0, 0xffffffff);
	pci_write_config_dword(probed, PCI_BASE_ADDRESS_1, 0xffffffff);
	pci_read_config_dword(probed, PCI_BASE_ADDRESS_0, &v);
	pci_read_config_dword(probed, PCI_BASE_ADDRESS_1, &hi);
	cr_assert_eq(v, ~(u32)(FAKE_BAR0_SIZE - 1) | PCI_BASE_ADDRESS_MEM_TYPE_64, "%#x", v);
	cr_assert_eq(hi, 0xffffffff);
	pci_write_config_dword(probed, PCI_BASE_ADDRESS_0, lo);
	pci_read_config_dword(probed, PCI_BASE_ADDRESS_4, &v);
	cr_assert_eq(v, 0, "an absent BAR reads zero");
	cr_assert_eq(pci_resource_len(probed, 0), FAKE_BAR0_SIZE);
	cr_assert_eq(pci_resource_len(probed, 2), FAKE_BAR2_SIZE);
	cr_assert_eq(pci_resource_len(probed, 1), 0);
	cr_assert(pci_resource_flags(probed, 0) & IORESOURCE_MEM);

	/* MSI-X capability */
	pci_read_config_word(probed, PCI_STATUS, &w);
	cr_assert(w & PCI_STATUS_CAP_LIST);
	pos = pci_find_capability(probed, PCI_CAP_ID_MSIX);
	cr_assert_neq(pos, 0);
	pci_read_config_word(probed, pos + PCI_MSIX_FLAGS, &w);
	cr_assert_eq(w & PCI_MSIX_FLAGS_QSIZE, FAKE_MSIX_VECS - 1);
	cr_assert_eq(w & PCI_MSIX_FLAGS_ENABLE, 0);
	pci_read_config_dword(probed, pos + PCI_MSIX_TABLE, &v);
	cr_assert_eq(v, FAKE_MSIX_TABLE | 0);
	pci_read_config_dword(probed, pos + PCI_MSIX_PBA, &v);
	cr_assert_eq(v, FAKE_MSIX_PBA | 0);
	cr_assert_eq(pci_msix_vec_count(probed), FAKE_MSIX_VECS);

	/* Command register: memory and bus master, read-only vendor id. */
	cr_assert_eq(pci_enable_device(probed), 0);
	pci_set_master(probed);
	pci_read_config_word(probed, PCI_COMMAND, &w);
	cr_assert_eq(w & (PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER),
		     PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	cr_assert(ksim_pci_bus_master_enabled(a.kdev));
	cr_assert_eq(a.bus_master_calls, 1);
	pci_clear_master(probed);
	cr_assert(!ksim_pci_bus_master_enabled(a.kdev));
	cr_assert_eq(a.bus_master_calls, 2);
	pci_write_config_word(probed, PCI_VENDOR_ID, 0);
	pci_read_config_word(probed, PCI_VENDOR_ID, &w);
	cr_assert_eq(w, FAKE_VENDOR);
	cr_assert_eq(pci_read_config_word(probed, 1, &w), PCIBIOS_BAD_REGISTER_NUMBER);
	pci_disable_device(probed);
	pci_read_config_byte(probed, PCI_COMMAND, &b);
	cr_assert_eq(b & PCI_COMMAND_MEMORY, 0);

	ksim_pci_surprise_remove(a.kdev);
	cr_assert_eq(pci_read_config_dword(probed, PCI_VENDOR_ID, &v), PCIBIOS_DEVICE_NOT_FOUND);
	cr_assert_eq(v, 0xffffffff);
	ksim_pci_remove_device(a.kdev);
	pci_unregister_driver(&id_driver);
}

Test(pci, regions_and_managed_enable)
{
	struct fakedev a = { 0 };
	u16 w;

	cr_assert_eq(pci_register_driver(&id_driver), 0);
	cr_assert_eq(fakedev_add(&a), 0);
	cr_assert_eq(pcim_enable_device(probed), 0);
	cr_assert(pci_is_enabled(probed));
	cr_assert_eq(pci_request_mem_regions(probed, "tpci"), 0);
	cr_assert_eq(pci_request_region(probed, 0, "again"), -EBUSY);
	pci_release_mem_regions(probed);
	cr_assert_eq(pci_request_regions(probed, "tpci"), 0);
	pci_release_regions(probed);
	pci_unregister_driver(&id_driver);
	/* pcim_enable_device: disabled again at unbind */
	cr_assert(!pci_is_enabled(probed));
	pci_read_config_word(probed, PCI_COMMAND, &w);
	cr_assert_eq(w & PCI_COMMAND_MEMORY, 0);
	ksim_pci_remove_device(a.kdev);
}

static int failing_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	void *p = devm_kzalloc(&pdev->dev, 128, GFP_KERNEL);

	cr_assert_not_null(p);
	return -EIO;
}

static struct pci_driver failing_driver = {
	.name = "tfail",
	.id_table = by_id,
	.probe = failing_probe,
};

Test(pci, failed_probe_releases_devres)
{
	struct fakedev a = { 0 };

	cr_assert_eq(pci_register_driver(&failing_driver), 0);
	cr_assert_eq(fakedev_add(&a), 0);
	cr_assert(ksim_dmesg_contains("tfail: probe of 0000:00:04.0 failed with error -5"));
	ksim_pci_remove_device(a.kdev);
	pci_unregister_driver(&failing_driver);
	/* ktest_shutdown: no leak report, so the devm memory was freed */
}

static int devm_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	char *p = devm_kzalloc(&pdev->dev, 4096, GFP_KERNEL);

	cr_assert_not_null(p);
	cr_assert_eq(p[100], 0);
	dev_info(&pdev->dev, "probed with %d\n", 42);
	return 0;
}

static struct pci_driver devm_driver = {
	.name = "tdevm",
	.id_table = by_id,
	.probe = devm_probe,
};

Test(pci, devm_freed_after_remove_and_dev_printk_prefix)
{
	struct fakedev a = { 0 };

	cr_assert_eq(pci_register_driver(&devm_driver), 0);
	cr_assert_eq(fakedev_add(&a), 0);
	cr_assert(ksim_dmesg_contains("tdevm 0000:00:04.0: probed with 42"));
	ksim_pci_remove_device(a.kdev);
	pci_unregister_driver(&devm_driver);
}

Test(pci, get_device_iterates_and_presence)
{
	struct fakedev a = { 0 }, b = { 0 };
	struct pci_dev *d = NULL;
	int n = 0;

	cr_assert_eq(fakedev_add(&a), 0);
	cr_assert_eq(fakedev_add_ids(&b, 0x1111, 0x2222, FAKE_CLASS), 0);
	while ((d = pci_get_device(FAKE_VENDOR, PCI_ANY_ID, d)) != NULL) {
		cr_assert(pci_device_is_present(d));
		n++;
	}
	cr_assert_eq(n, 1);
	d = pci_get_device(0x1111, 0x2222, NULL);
	cr_assert_not_null(d);
	ksim_pci_surprise_remove(b.kdev);
	cr_assert(!pci_device_is_present(d));
	pci_dev_put(d);
	ksim_pci_remove_device(a.kdev);
	ksim_pci_remove_device(b.kdev);
}
