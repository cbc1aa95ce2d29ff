// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * hzc_main.c - options, one CUSE device process per /dev/hisi_zip-N, and
 * the uacce-like sysfs tree <dir>/sysfs/hisi_zip-N/ that the Java driver
 * reads through its configurable sysfs root (-Duacce.sysfs.root).
 *
 *   hisi_zip_cuse --dir DIR [--devices N] [--first-id N] [--queues N]
 *                 [--api 1|2|3] [--era A|B|C] [--sva 1|0] [--numa-node N]
 *                 [--qp-info 1|0] [--poll-needs-arm 1|0] [--remap-eexist 1|0]
 *                 [--cq-grace-ms MS] [--level 1..9] [--delay-us US]
 *                 [--ss-max-mb MB] [--sec N] [--hpre N] [-v]...
 *
 * --sec N / --hpre N add N hisi_sec2-M / hisi_hpre-M devices (SEC, HPRE
 * engines on OpenSSL libcrypto) whose ids follow the ZIP devices'.
 *
 * The main process forks one process per device and waits; SIGTERM or
 * SIGINT stops every device (its node disappears, its sysfs and region
 * directories are deleted). If one device process dies the others are
 * stopped and the exit status is 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "hzc.h"

int hzc_sysfs_publish(struct hzc_dev *hd);

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st; (void)flag; (void)f;
	return remove(p);
}

static void rm_rf(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Writes one attribute atomically (temporary file + rename): a reader
 * never sees a half-written value. */
static int write_file(const char *dir, const char *attr, const char *fmt, va_list ap)
{
	char tmp[PATH_MAX + 64], path[PATH_MAX + 64];
	FILE *f;
	int ok;

	snprintf(tmp, sizeof(tmp), "%s/.%s.tmp", dir, attr);
	snprintf(path, sizeof(path), "%s/%s", dir, attr);
	f = fopen(tmp, "w");
	if (!f)
		return -1;
	ok = vfprintf(f, fmt, ap) >= 0;
	ok = (fclose(f) == 0) && ok;
	if (!ok || rename(tmp, path)) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int write_attr(const char *dir, const char *attr, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = write_file(dir, attr, fmt, ap);
	va_end(ap);
	return r;
}

int hzc_sysfs_write(struct hzc_dev *hd, const char *attr, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (hd->removed)   /* the entry is gone, as the kernel's class device */
		return 0;
	va_start(ap, fmt);
	r = write_file(hd->sysdir, attr, fmt, ap);
	va_end(ap);
	return r;
}

/* Device removal: the sysfs entry goes (the node stays: CUSE cannot drop it). */
void hzc_sysfs_remove(struct hzc_dev *hd)
{
	rm_rf(hd->sysdir);
}

int hzc_sysfs_available(struct hzc_dev *hd)
{
	int n = hd->o->queues - hd->used - hd->reserved;

	return hzc_sysfs_write(hd, "available_instances", "%d\n", n < 0 ? 0 : n);
}

/* Spec §1.1 (the kernel stub's choice): SEC "cipher\ndigest\naead"; HPRE
 * "rsa\ndh", V3+ in the capability-bitmap era's order. */
static const char *hzc_algorithms(const struct hzc_dev *hd)
{
	int v3 = hd->o->api >= 3;

	if (hd->kind == ZE_KIND_SEC)
		return "cipher\ndigest\naead";
	if (hd->kind == ZE_KIND_HPRE)
		return v3 ? "rsa\ndh\necdh\necdsa\nsm2\nx25519\nx448" : "rsa\ndh";
	return v3 ? "zlib\ngzip\ndeflate" : "zlib\ngzip";
}

/* Builds the tree under <dir>/tmp, then renames it into <dir>/sysfs. */
int hzc_sysfs_publish(struct hzc_dev *hd)
{
	const struct hzc_opts *o = hd->o;
	char tmp[PATH_MAX], devdir[PATH_MAX + 8];
	int node = o->numa_node;

	snprintf(tmp, sizeof(tmp), "%s/tmp/%s", o->dir, hd->name);
	rm_rf(tmp);
	if (mkdir(tmp, 0755))
		return -1;
	snprintf(devdir, sizeof(devdir), "%s/device", tmp);
	if (mkdir(devdir, 0755) ||
	    write_attr(tmp, "api", "hisi_qm_v%d\n", o->api) ||
	    write_attr(tmp, "flags", "%u\n", o->sva ? 0x1u : 0x80u) ||
	    write_attr(tmp, "available_instances", "%d\n", o->queues - hd->used - hd->reserved) ||
	    write_attr(tmp, "algorithms", "%s\n", hzc_algorithms(hd)) ||
	    write_attr(tmp, "region_mmio_size", "%zu\n", hd->mmio_size) ||
	    write_attr(tmp, "region_dus_size", "%zu\n", hd->dus_size) ||
	    write_attr(tmp, "isolate", "%d\n", hd->isolated) ||
	    write_attr(tmp, "isolate_strategy", "%u\n", 0u) ||
	    write_attr(tmp, "dev_state", "%d\n", hd->qm_stopped ? -1 : 0) ||
	    write_attr(tmp, "node_id", "%d\n", node) ||
	    write_attr(tmp, "numa_distance", "%d\n", node < 0 ? -1 : 10) ||
	    write_attr(devdir, "numa_node", "%d\n", node) ||
	    write_attr(tmp, HZC_REGION_ATTR, "../../regions/%s\n", hd->name))
		return -1;
	rm_rf(hd->sysdir);
	return rename(tmp, hd->sysdir);
}

/* ------------------------------------------------------------ device */

static size_t page_align(size_t v, size_t page)
{
	return (v + page - 1) & ~(page - 1);
}

static int run_device(const struct hzc_opts *o, int idx)
{
	static const char *argv[] = { "hisi_zip_cuse", "-f", "-s", NULL, NULL };
	struct hzc_dev hd;
	struct cuse_info ci;
	struct fuse_session *se;
	char devname[64];
	const char *dev_info[] = { devname };
	int argc = 3, mt = 0, rc;
	sigset_t stop_sigs;

	memset(&hd, 0, sizeof(hd));
	hd.o = o;
	hd.delay_us = o->delay_us;
	hd.id = o->first_id + idx;
	hd.kind = idx < o->devices ? ZE_KIND_ZIP : idx < o->devices + o->sec ? ZE_KIND_SEC : ZE_KIND_HPRE;
	snprintf(hd.name, sizeof(hd.name), "%s-%d", hd.kind == ZE_KIND_SEC ? "hisi_sec2" :
		 hd.kind == ZE_KIND_HPRE ? "hisi_hpre" : HZC_NAME, hd.id);
	snprintf(hd.sysdir, sizeof(hd.sysdir), "%s/sysfs/%s", o->dir, hd.name);
	snprintf(hd.regdir, sizeof(hd.regdir), "%s/regions/%s", o->dir, hd.name);
	hd.page = (size_t)sysconf(_SC_PAGESIZE);
	hd.mmio_size = o->api == 1 ? hd.page : (1 + 0x1000 / hd.page) * hd.page;
	hd.dus_size = page_align(ze_ring_bytes(hd.kind), hd.page) + hd.page;
	hd.qmap = calloc((size_t)o->queues, 1);
	if (!hd.qmap)
		return 1;
	rm_rf(hd.sysdir);
	rm_rf(hd.regdir);
	if (mkdir(hd.regdir, 0777)) {
		fprintf(stderr, "%s: mkdir %s: %s\n", hd.name, hd.regdir, strerror(errno));
		return 1;
	}
	chmod(hd.regdir, 0777);

	snprintf(devname, sizeof(devname), "DEVNAME=%s", hd.name);
	memset(&ci, 0, sizeof(ci));
	ci.dev_info_argc = 1;
	ci.dev_info_argv = dev_info;
	ci.flags = CUSE_UNRESTRICTED_IOCTL;
	if (o->verbose > 2)
		argv[argc++] = "-d";
	se = cuse_lowlevel_setup(argc, (char **)argv, &ci, &hzc_ops, &mt, &hd);
	if (!se) {
		fprintf(stderr, "%s: CUSE setup failed (is the cuse module loaded and /dev/cuse"
			" present and writable?)\n", hd.name);
		rm_rf(hd.regdir);
		return 1;
	}
	rc = fuse_session_loop(se);
	/* a second SIGTERM must not cut the clean-up short */
	sigemptyset(&stop_sigs);
	sigaddset(&stop_sigs, SIGTERM);
	sigaddset(&stop_sigs, SIGINT);
	sigaddset(&stop_sigs, SIGHUP);
	sigprocmask(SIG_BLOCK, &stop_sigs, NULL);
	if (o->verbose)
		fprintf(stderr, "%s: session loop returned %d\n", hd.name, rc);
	/* sysfs goes first: a device listed there always has its node */
	rm_rf(hd.sysdir);
	hzc_dev_shutdown(&hd);
	cuse_lowlevel_teardown(se);
	rm_rf(hd.regdir);
	free(hd.qmap);
	fprintf(stderr, "%s: stopped\n", hd.name);
	return rc < 0 ? 1 : 0;
}

/* ------------------------------------------------------------ main */

/* How long device processes get to end after SIGTERM before SIGKILL. */
#define HZC_STOP_GRACE_S 10

static volatile sig_atomic_t stopping, grace_over;
static void on_signal(int sig)
{
	if (sig == SIGALRM)
		grace_over = 1;
	else
		stopping = 1;
}

static void usage(void)
{
	fprintf(stderr, "usage: hisi_zip_cuse --dir DIR [--devices N] [--first-id N] [--queues N]\n"
		"  [--api 1|2|3] [--era A|B|C] [--sva 1|0] [--numa-node N] [--qp-info 1|0]\n"
		"  [--poll-needs-arm 1|0] [--remap-eexist 1|0] [--cq-grace-ms MS] [--level 1..9]\n"
		"  [--delay-us US] [--ss-max-mb MB] [--sec N] [--hpre N] [-v]...\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "dir", 1, 0, 'D' }, { "devices", 1, 0, 'n' }, { "first-id", 1, 0, 'f' },
		{ "queues", 1, 0, 'q' }, { "api", 1, 0, 'a' }, { "era", 1, 0, 'e' },
		{ "sva", 1, 0, 's' }, { "numa-node", 1, 0, 'N' }, { "qp-info", 1, 0, 'i' },
		{ "poll-needs-arm", 1, 0, 'p' }, { "remap-eexist", 1, 0, 'r' },
		{ "cq-grace-ms", 1, 0, 'g' }, { "level", 1, 0, 'l' }, { "delay-us", 1, 0, 'd' },
		{ "ss-max-mb", 1, 0, 'm' }, { "verbose", 0, 0, 'v' }, { "help", 0, 0, 'h' },
		{ "sec", 1, 0, 'S' }, { "hpre", 1, 0, 'H' },
		{ 0, 0, 0, 0 } };
	struct hzc_opts o = { .devices = 1, .queues = 64, .api = 2, .era = HZC_ERA_B, .sva = 1,
			      .qp_info = 1, .poll_needs_arm = 1, .level = 6, .cq_grace_ms = 100,
			      .ss_max_mb = 64 };
	char path[PATH_MAX + 16];
	pid_t pids[16];
	struct sigaction sa;
	int c, i, live, all, rc = 0;

	while ((c = getopt_long(argc, argv, "vh", lo, NULL)) != -1) {
		switch (c) {
		case 'D': o.dir = optarg; break;
		case 'n': o.devices = atoi(optarg); break;
		case 'f': o.first_id = atoi(optarg); break;
		case 'q': o.queues = atoi(optarg); break;
		case 'a': o.api = atoi(optarg); break;
		case 'e': o.era = optarg[0] - 'A'; if (optarg[1]) o.era = -1; break;
		case 's': o.sva = atoi(optarg); break;
		case 'N': o.numa_node = atoi(optarg); break;
		case 'i': o.qp_info = atoi(optarg); break;
		case 'p': o.poll_needs_arm = atoi(optarg); break;
		case 'r': o.remap_eexist = atoi(optarg); break;
		case 'g': o.cq_grace_ms = (unsigned int)atoi(optarg); break;
		case 'l': o.level = atoi(optarg); break;
		case 'd': o.delay_us = (unsigned int)atoi(optarg); break;
		case 'm': o.ss_max_mb = (unsigned int)atoi(optarg); break;
		case 'S': o.sec = atoi(optarg); break;
		case 'H': o.hpre = atoi(optarg); break;
		case 'v': o.verbose++; break;
		default: usage();
		}
	}
	if (!o.dir || optind != argc || o.devices < 1 || o.sec < 0 || o.hpre < 0 ||
	    o.devices + o.sec + o.hpre > 16 || o.queues < 1 ||
	    o.queues > 1024 || o.api < 1 || o.api > 3 || o.era < 0 || o.era > 2 ||
	    o.first_id < 0 || o.ss_max_mb < 1 || o.ss_max_mb > 255)
		usage();
	zp_log_level = o.verbose ? 2 : 1;
	ze_global_init();
	umask(0);
	mkdir(o.dir, 0777);
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", o.dir, i == 0 ? "sysfs" : i == 1 ? "regions" : "tmp");
		if (mkdir(path, 0777) && errno != EEXIST) {
			fprintf(stderr, "hisi_zip_cuse: mkdir %s: %s\n", path, strerror(errno));
			return 1;
		}
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);   /* no SA_RESTART: interrupts waitpid */
	all = o.devices + o.sec + o.hpre;   /* device processes: ZIP, SEC, HPRE */
	for (i = 0; i < all; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			perror("fork");
			all = i;
			stopping = 1;
			rc = 1;
			break;
		}
		if (pids[i] == 0) {
			signal(SIGTERM, SIG_DFL);
			signal(SIGINT, SIG_DFL);
			signal(SIGHUP, SIG_DFL);
			prctl(PR_SET_PDEATHSIG, SIGTERM);
			_exit(run_device(&o, i));
		}
	}
	/* wait; a signal or the death of one device stops them all */
	live = all;
	while (live > 0) {
		int st;
		pid_t p = waitpid(-1, &st, 0);

		if (p < 0) {
			if (errno != EINTR)
				break;
		} else {
			for (i = 0; i < all; i++)
				if (pids[i] == p || pids[i] == -p) {
					pids[i] = 0;
					live--;
					if (!stopping)
						rc = 1;
					if (!WIFEXITED(st) || WEXITSTATUS(st)) {
						fprintf(stderr, "hisi_zip_cuse: device process %d ended with status 0x%x\n",
							(int)p, st);
						rc = 1;
					}
				}
			if (!stopping)
				stopping = 1;
		}
		if (stopping) {
			for (i = 0; i < all; i++)
				if (pids[i] > 0) {
					kill(pids[i], SIGTERM);
					pids[i] = -pids[i];   /* signalled once */
					alarm(HZC_STOP_GRACE_S);
				}
			if (grace_over) {
				/* a device process stuck in its CUSE session: do not wait forever */
				for (i = 0; i < all; i++)
					if (pids[i] < 0) {
						fprintf(stderr, "hisi_zip_cuse: device process %d still running %d s after"
							" SIGTERM (HZC_STOP_GRACE_S); sending SIGKILL\n",
							(int)-pids[i], HZC_STOP_GRACE_S);
						kill(-pids[i], SIGKILL);
					}
				grace_over = 0;
				alarm(HZC_STOP_GRACE_S);
				rc = 1;
			}
		}
	}
	snprintf(path, sizeof(path), "%s/tmp", o.dir);
	rm_rf(path);
	return rc;
}
