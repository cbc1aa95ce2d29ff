// SPDX-License-Identifier: GPL-2.0
/*
 * hzs_main.c - module parameters, the sysfs class "uacce" with the uacce
 * attributes, char devices /dev/hisi_zip-N, a platform parent device per
 * hisi_zip-N ("device" link with numa_node), and debugfs fault injection.
 */
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/slab.h>
#include <linux/topology.h>
#include <linux/version.h>
#include "hzs.h"

/* ------------------------------------------------------------ parameters */

static int devices = 1;
module_param(devices, int, 0444);
MODULE_PARM_DESC(devices, "number of hisi_zip-N devices (1..8)");

static int sec;
module_param(sec, int, 0444);
MODULE_PARM_DESC(sec, "number of hisi_sec2-N devices (SEC engine, 0..8, default 0); ids follow the ZIP devices");

static int hpre;
module_param(hpre, int, 0444);
MODULE_PARM_DESC(hpre, "number of hisi_hpre-N devices (HPRE engine, 0..8, default 0); ids follow the SEC devices");

static int sec_queues = 256;
module_param(sec_queues, int, 0444);
MODULE_PARM_DESC(sec_queues, "queues per SEC device (pf_q_num default 256), 1..1024");

static int hpre_queues = 64;
module_param(hpre_queues, int, 0444);
MODULE_PARM_DESC(hpre_queues, "queues per HPRE device (pf_q_num default 64), 1..1024");

int hzs_api = 2;
module_param_named(api, hzs_api, int, 0444);
MODULE_PARM_DESC(api, "QM version: 1, 2 (hisi_qm_v2, Kunpeng 920) or 3 (hisi_qm_v3)");

static int queues = 64;
module_param(queues, int, 0444);
MODULE_PARM_DESC(queues, "queues per device (available_instances), 1..1024");

static char *era = "B";
module_param(era, charp, 0444);
MODULE_PARM_DESC(era, "uacce state handling: A (5.7..K-fix-2022), B (K-fix-2022..K-fix-2025, OLK; default), C (K-fix-2025)");
enum hzs_era hzs_era = HZS_ERA_B;

bool hzs_sva = true;
module_param_named(sva, hzs_sva, bool, 0444);
MODULE_PARM_DESC(sva, "1: SVA (flags 1, buffers are process addresses); 0: openEuler IOMMU no-SVA mode (flags 0x80, SS region + GET_SS_DMA)");

bool hzs_remap_eexist;
module_param_named(remap_eexist, hzs_remap_eexist, bool, 0444);
MODULE_PARM_DESC(remap_eexist, "1: mmap after munmap of a region gives EEXIST (before K-fix-2023); 0: allowed (default)");

bool hzs_qp_info = true;
module_param_named(qp_info, hzs_qp_info, bool, 0444);
MODULE_PARM_DESC(qp_info, "1: SET_QP_INFO supported (default); 0: EINVAL like older kernels");

bool hzs_poll_needs_arm = true;
module_param_named(poll_needs_arm, hzs_poll_needs_arm, bool, 0444);
MODULE_PARM_DESC(poll_needs_arm, "1: poll() is woken only after a CQ doorbell with priority 1 (default)");

unsigned int hzs_cq_grace_ms = 100;
module_param_named(cq_grace_ms, hzs_cq_grace_ms, uint, 0444);
MODULE_PARM_DESC(cq_grace_ms, "wait this long for a CQ doorbell before a CQ overflow (default 100)");

int hzs_level = 6;
module_param_named(level, hzs_level, int, 0444);
MODULE_PARM_DESC(level, "deflate level used by the engine (1..9, default 6)");

unsigned int hzs_delay_us;
module_param_named(delay_us, hzs_delay_us, uint, 0644);
MODULE_PARM_DESC(delay_us, "slow completions: sleep this long after each SQE (default 0)");

unsigned int hzs_ss_max_mb = 64;
module_param_named(ss_max_mb, hzs_ss_max_mb, uint, 0444);
MODULE_PARM_DESC(ss_max_mb, "largest SS region in MiB (no-SVA mode, < 256)");

bool hzs_leak_on_exit;
module_param_named(leak_on_exit, hzs_leak_on_exit, bool, 0644);
MODULE_PARM_DESC(leak_on_exit, "TEST ONLY (default 0): a queue released because its process exited or was killed is not given back; shows that the kill campaign fails on a leak");

unsigned int hzs_cq_fault;
module_param_named(cq_fault, hzs_cq_fault, uint, 0644);
MODULE_PARM_DESC(cq_fault, "fault injection for queues opened from now on: 0 none (default); 1 CQ doorbells ignored (the CQ fills, then overflows after cq_grace_ms); 2 every CQE written twice (spurious completions, more CQEs than the ring holds)");

static int hzs_numa_node;
module_param_named(numa_node, hzs_numa_node, int, 0444);
MODULE_PARM_DESC(numa_node, "NUMA node of the parent devices (-1 = none)");

static int first_id;
module_param(first_id, int, 0444);
MODULE_PARM_DESC(first_id, "N of the first hisi_zip-N (uacce ids are global)");

/* ------------------------------------------------------------ geometry */

size_t hzs_mmio_size(void)
{
	if (hzs_api == 1)
		return PAGE_SIZE;
	return (1 + 0x1000 / PAGE_SIZE) * PAGE_SIZE;
}

size_t hzs_dus_size(int kind)
{
	return PAGE_ALIGN(ze_ring_bytes(kind)) + PAGE_SIZE;
}

static const char *const hzs_kind_names[] = {
	[ZE_KIND_ZIP] = HZS_NAME, [ZE_KIND_SEC] = "hisi_sec2", [ZE_KIND_HPRE] = "hisi_hpre",
};

/* ------------------------------------------------------------ sysfs */

static struct class *hzs_class;
static dev_t hzs_devt;
static struct hzs_dev *hzs_devs[HZS_MAX_DEVS];
static struct dentry *hzs_dbg_root;

static ssize_t api_show(struct device *d, struct device_attribute *a, char *buf)
{
	return sysfs_emit(buf, "hisi_qm_v%d\n", hzs_api);
}
static DEVICE_ATTR_RO(api);

static ssize_t flags_show(struct device *d, struct device_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%u\n", hzs_sva ? 0x1u : 0x80u);
}
static DEVICE_ATTR_RO(flags);

static ssize_t available_instances_show(struct device *d, struct device_attribute *a, char *buf)
{
	struct hzs_dev *hd = dev_get_drvdata(d);
	int n;

	spin_lock(&hd->qlock);
	n = hd->nr_queues - hd->used - hd->reserved;
	spin_unlock(&hd->qlock);
	return sysfs_emit(buf, "%d\n", n < 0 ? 0 : n);
}
static DEVICE_ATTR_RO(available_instances);

/* Spec §1.1: SEC "cipher\ndigest\naead" on every version; HPRE "rsa\ndh" on
 * V2 and, V3+, the capability-bitmap era's order (rsa dh ecdh ecdsa sm2
 * x25519 x448); the last newline removed, then "%s\n" as the kernel. */
static ssize_t algorithms_show(struct device *d, struct device_attribute *a, char *buf)
{
	struct hzs_dev *hd = dev_get_drvdata(d);
	const char *algs;

	if (hd->kind == ZE_KIND_SEC)
		algs = "cipher\ndigest\naead";
	else if (hd->kind == ZE_KIND_HPRE)
		algs = hzs_api >= 3 ? "rsa\ndh\necdh\necdsa\nsm2\nx25519\nx448" : "rsa\ndh";
	else
		algs = hzs_api >= 3 ? "zlib\ngzip\ndeflate" : "zlib\ngzip";
	return sysfs_emit(buf, "%s\n", algs);
}
static DEVICE_ATTR_RO(algorithms);

static ssize_t region_mmio_size_show(struct device *d, struct device_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%lu\n", (unsigned long)hzs_mmio_size());
}
static DEVICE_ATTR_RO(region_mmio_size);

static ssize_t region_dus_size_show(struct device *d, struct device_attribute *a, char *buf)
{
	struct hzs_dev *hd = dev_get_drvdata(d);

	return sysfs_emit(buf, "%lu\n", (unsigned long)hzs_dus_size(hd->kind));
}
static DEVICE_ATTR_RO(region_dus_size);

static ssize_t isolate_show(struct device *d, struct device_attribute *a, char *buf)
{
	struct hzs_dev *hd = dev_get_drvdata(d);

	return sysfs_emit(buf, "%d\n", READ_ONCE(hd->isolated));
}
static DEVICE_ATTR_RO(isolate);

static ssize_t isolate_strategy_show(struct device *d, struct device_attribute *a, char *buf)
{
	struct hzs_dev *hd = dev_get_drvdata(d);

	return sysfs_emit(buf, "%u\n", READ_ONCE(hd->isolate_strategy));
}

static ssize_t isolate_strategy_store(struct device *d, struct device_attribute *a,
				      const char *buf, size_t len)
{
	struct hzs_dev *hd = dev_get_drvdata(d);
	unsigned int v;

	if (kstrtouint(buf, 0, &v) || v > 65535)
		return -EINVAL;
	if (READ_ONCE(hd->isolated))
		return -EPERM;
	WRITE_ONCE(hd->isolate_strategy, v);
	return len;
}
static DEVICE_ATTR_RW(isolate_strategy);

static ssize_t dev_state_show(struct device *d, struct device_attribute *a, char *buf)
{
	struct hzs_dev *hd = dev_get_drvdata(d);

	return sysfs_emit(buf, "%d\n", READ_ONCE(hd->qm_stopped) ? -1 : 0);
}
static DEVICE_ATTR_RO(dev_state);

static ssize_t node_id_show(struct device *d, struct device_attribute *a, char *buf)
{
	struct hzs_dev *hd = dev_get_drvdata(d);

	return sysfs_emit(buf, "%d\n", dev_to_node(&hd->pdev->dev));
}
static DEVICE_ATTR_RO(node_id);

static ssize_t numa_distance_show(struct device *d, struct device_attribute *a, char *buf)
{
	struct hzs_dev *hd = dev_get_drvdata(d);
	int node = dev_to_node(&hd->pdev->dev);

	if (node < 0 || node >= nr_node_ids || !node_online(node))
		return sysfs_emit(buf, "%d\n", -1);
	return sysfs_emit(buf, "%d\n", node_distance(node, numa_node_id()));
}
static DEVICE_ATTR_RO(numa_distance);

static struct attribute *hzs_attrs[] = {
	&dev_attr_api.attr,
	&dev_attr_flags.attr,
	&dev_attr_available_instances.attr,
	&dev_attr_algorithms.attr,
	&dev_attr_region_mmio_size.attr,
	&dev_attr_region_dus_size.attr,
	&dev_attr_isolate.attr,
	&dev_attr_isolate_strategy.attr,
	&dev_attr_dev_state.attr,
	&dev_attr_node_id.attr,
	&dev_attr_numa_distance.attr,
	NULL,
};
ATTRIBUTE_GROUPS(hzs);

/* The parent's numa_node (UADK reads <uacce dev>/device/numa_node) comes
 * from the platform bus itself; it is shown only for a node >= 0. */

/* ------------------------------------------------------------ faults */

/* Reset (soft reset / FLR): TX-stop on all queues, stop the started ones,
 * RX-stop on all; the words stay 1 until the queue is reopened. */
static void hzs_inject_reset(struct hzs_dev *hd, bool started_only)
{
	struct hzs_queue *q;

	mutex_lock(&hd->lock);
	list_for_each_entry(q, &hd->queues, node) {
		if (started_only && READ_ONCE(q->state) != HZS_Q_STARTED)
			continue;
		mutex_lock(&q->eng_lock);
		ze_queue_fail(&q->ze);
		mutex_unlock(&q->eng_lock);
		wake_up_interruptible(&q->wait);
	}
	mutex_unlock(&hd->lock);
}

static void hzs_remove(struct hzs_dev *hd)
{
	struct hzs_queue *q;

	mutex_lock(&hd->lock);
	if (hd->removed) {
		mutex_unlock(&hd->lock);
		return;
	}
	hd->removed = true;
	list_for_each_entry(q, &hd->queues, node)
		hzs_queue_zombie(q);
	device_destroy(hzs_class, hd->devt);
	cdev_del(&hd->cdev);
	mutex_unlock(&hd->lock);
	pr_info("hisi_zip_stub: %s-%d removed\n", hd->name, hd->id);
}

static int dbg_get(void *data, u64 *val)
{
	*val = 0;
	return 0;
}

static int dbg_reset(void *data, u64 val)
{
	if (val)
		hzs_inject_reset(data, false);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(fops_reset, dbg_get, dbg_reset, "%llu\n");

static int dbg_cq_overflow(void *data, u64 val)
{
	if (val)
		hzs_inject_reset(data, true);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(fops_cq_overflow, dbg_get, dbg_cq_overflow, "%llu\n");

static int dbg_remove(void *data, u64 val)
{
	if (val)
		hzs_remove(data);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(fops_remove, dbg_get, dbg_remove, "%llu\n");

static int dbg_isolate_get(void *data, u64 *val)
{
	*val = READ_ONCE(((struct hzs_dev *)data)->isolated);
	return 0;
}
static int dbg_isolate_set(void *data, u64 val)
{
	WRITE_ONCE(((struct hzs_dev *)data)->isolated, val ? 1 : 0);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(fops_isolate, dbg_isolate_get, dbg_isolate_set, "%llu\n");

static int dbg_stopped_get(void *data, u64 *val)
{
	*val = READ_ONCE(((struct hzs_dev *)data)->qm_stopped);
	return 0;
}
static int dbg_stopped_set(void *data, u64 val)
{
	WRITE_ONCE(((struct hzs_dev *)data)->qm_stopped, !!val);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(fops_qm_stopped, dbg_stopped_get, dbg_stopped_set, "%llu\n");

static int dbg_reserved_get(void *data, u64 *val)
{
	*val = READ_ONCE(((struct hzs_dev *)data)->reserved);
	return 0;
}
static int dbg_reserved_set(void *data, u64 val)
{
	struct hzs_dev *hd = data;

	if (val > (u64)hd->nr_queues)
		return -EINVAL;
	spin_lock(&hd->qlock);
	hd->reserved = (int)val;
	spin_unlock(&hd->qlock);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(fops_reserved, dbg_reserved_get, dbg_reserved_set, "%llu\n");

static int stats_show(struct seq_file *m, void *v)
{
	struct hzs_dev *hd = m->private;
	struct hzs_queue *q;

	mutex_lock(&hd->lock);
	seq_printf(m, "removed %d used %d reserved %d\n", hd->removed, hd->used, hd->reserved);
	seq_printf(m, "released %llu by_exit %llu dropped_sqes %llu\n", hd->released, hd->released_exit,
		   hd->released_dropped);
	list_for_each_entry(q, &hd->queues, node) {
		struct ze_stats *s = &q->ze.stats;

		seq_printf(m, "q%d state %d sqes %llu cqes %llu doorbells %llu overflows %llu faults %llu bad_req %llu bad_data %llu\n",
			   q->qn, q->state, s->sqes, s->cqes, s->doorbells, s->overflows,
			   s->faults, s->bad_req, s->bad_data);
		seq_printf(m, "q%d latch latched %llu dropped %llu ignored %llu refused %llu full %llu\n",
			   q->qn, q->latch.latched, q->latch.dropped, q->latch.ignored,
			   q->latch.refused, q->latch.full);
	}
	mutex_unlock(&hd->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

static void hzs_debugfs(struct hzs_dev *hd)
{
	char name[32];

	snprintf(name, sizeof(name), "%s-%d", hd->name, hd->id);
	hd->dbg = debugfs_create_dir(name, hzs_dbg_root);
	debugfs_create_file_unsafe("reset", 0200, hd->dbg, hd, &fops_reset);
	debugfs_create_file_unsafe("cq_overflow", 0200, hd->dbg, hd, &fops_cq_overflow);
	debugfs_create_file_unsafe("remove", 0200, hd->dbg, hd, &fops_remove);
	debugfs_create_file_unsafe("isolate", 0600, hd->dbg, hd, &fops_isolate);
	debugfs_create_file_unsafe("qm_stopped", 0600, hd->dbg, hd, &fops_qm_stopped);
	debugfs_create_file_unsafe("reserved", 0600, hd->dbg, hd, &fops_reserved);
	debugfs_create_file("stats", 0400, hd->dbg, hd, &stats_fops);
}

/* ------------------------------------------------------------ devices */

/* idx: position over all devices (minor, id = first_id + idx). */
static int hzs_add(int idx, int kind)
{
	struct hzs_dev *hd;
	int ret, nq = kind == ZE_KIND_SEC ? sec_queues : kind == ZE_KIND_HPRE ? hpre_queues : queues;

	hd = kzalloc(sizeof(*hd), GFP_KERNEL);
	if (!hd)
		return -ENOMEM;
	hd->id = first_id + idx;
	hd->kind = kind;
	hd->name = hzs_kind_names[kind];
	hd->nr_queues = nq;
	hd->devt = MKDEV(MAJOR(hzs_devt), idx);
	mutex_init(&hd->lock);
	spin_lock_init(&hd->qlock);
	INIT_LIST_HEAD(&hd->queues);
	ret = -ENOMEM;
	hd->qmap = bitmap_zalloc(nq, GFP_KERNEL);
	if (!hd->qmap)
		goto free;

	hd->pdev = platform_device_alloc("hisi_zip_stub", hd->id);
	if (!hd->pdev)
		goto free;
	set_dev_node(&hd->pdev->dev, hzs_numa_node);
	ret = platform_device_add(hd->pdev);
	if (ret) {
		platform_device_put(hd->pdev);
		goto free;
	}

	cdev_init(&hd->cdev, &hzs_fops);
	hd->cdev.owner = THIS_MODULE;
	ret = cdev_add(&hd->cdev, hd->devt, 1);
	if (ret)
		goto unreg;
	hd->dev = device_create_with_groups(hzs_class, &hd->pdev->dev, hd->devt, hd, hzs_groups,
					    "%s-%d", hd->name, hd->id);
	if (IS_ERR(hd->dev)) {
		ret = PTR_ERR(hd->dev);
		cdev_del(&hd->cdev);
		goto unreg;
	}
	hzs_debugfs(hd);
	hzs_devs[idx] = hd;
	pr_info("hisi_zip_stub: /dev/%s-%d: api hisi_qm_v%d, %d queues, era %c, %s\n", hd->name,
		hd->id, hzs_api, nq, 'A' + hzs_era, hzs_sva ? "SVA" : "no-SVA (SS)");
	return 0;

unreg:
	platform_device_unregister(hd->pdev);
free:
	bitmap_free(hd->qmap);
	kfree(hd);
	return ret;
}

static void hzs_del(struct hzs_dev *hd)
{
	hzs_remove(hd);
	debugfs_remove_recursive(hd->dbg);
	platform_device_unregister(hd->pdev);
	bitmap_free(hd->qmap);
	kfree(hd);
}

static char *hzs_devnode(
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
			 const struct device *dev,
#else
			 struct device *dev,
#endif
			 umode_t *mode)
{
	if (mode)
		*mode = 0666;     /* tests run unprivileged too; real uacce: 0600 */
	return NULL;
}

static int __init hzs_init(void)
{
	int i, ret;

	if (devices < 1 || devices > HZS_MAX_PER_KIND || queues < 1 || queues > 1024 ||
	    sec < 0 || sec > HZS_MAX_PER_KIND || hpre < 0 || hpre > HZS_MAX_PER_KIND ||
	    sec_queues < 1 || sec_queues > 1024 || hpre_queues < 1 || hpre_queues > 1024 ||
	    hzs_api < 1 || hzs_api > 3 || hzs_ss_max_mb < 1 || hzs_ss_max_mb > 255 ||
	    first_id < 0 || !era || era[0] < 'A' || era[0] > 'C' || era[1]) {
		pr_err("hisi_zip_stub: bad module parameters\n");
		return -EINVAL;
	}
	hzs_era = (enum hzs_era)(era[0] - 'A');
	ze_global_init();
	ret = alloc_chrdev_region(&hzs_devt, 0, HZS_MAX_DEVS, "uacce");
	if (ret)
		return ret;
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
	hzs_class = class_create("uacce");
#else
	hzs_class = class_create(THIS_MODULE, "uacce");
#endif
	if (IS_ERR(hzs_class)) {
		ret = PTR_ERR(hzs_class);
		goto chrdev;
	}
	hzs_class->devnode = hzs_devnode;
	hzs_dbg_root = debugfs_create_dir("hisi_zip_stub", NULL);
	for (i = 0; i < devices + sec + hpre; i++) {
		ret = hzs_add(i, i < devices ? ZE_KIND_ZIP : i < devices + sec ? ZE_KIND_SEC : ZE_KIND_HPRE);
		if (ret)
			goto devs;
	}
	return 0;

devs:
	while (--i >= 0)
		hzs_del(hzs_devs[i]);
	debugfs_remove_recursive(hzs_dbg_root);
	class_destroy(hzs_class);
chrdev:
	unregister_chrdev_region(hzs_devt, HZS_MAX_DEVS);
	return ret;
}

static void __exit hzs_exit(void)
{
	int i;

	for (i = 0; i < HZS_MAX_DEVS; i++)
		if (hzs_devs[i])
			hzs_del(hzs_devs[i]);
	debugfs_remove_recursive(hzs_dbg_root);
	class_destroy(hzs_class);
	unregister_chrdev_region(hzs_devt, HZS_MAX_DEVS);
}

module_init(hzs_init);
module_exit(hzs_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("hisi_zip uacce device stub (QM queue + ZIP engine emulated in software)");
