/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/io.h - MMIO (see asm/io.h) and the managed ioremap helpers.
 */
#ifndef _LINUX_IO_H
#define _LINUX_IO_H

#include <linux/types.h>
#include <linux/err.h>
#include <linux/ioport.h>
#include <asm/io.h>

struct device;

#define IOMEM_ERR_PTR(err) ((__force void __iomem *)ERR_PTR(err))

void __iomem *devm_ioremap(struct device *dev, resource_size_t offset,
			   resource_size_t size);
void devm_iounmap(struct device *dev, void __iomem *addr);

#endif
