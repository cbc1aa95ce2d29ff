// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * hzs_kill_campaign.c - the multi-process kill campaign's killer (issue 13 §2;
 * docs/reliability.md "Kill campaign on the kernel stub"). Starts worker
 * processes that share the uacce devices, SIGKILLs a random one every few
 * seconds (at a random point, so mostly mid-request; only workers that have
 * started: printed their first line), waits until every
 * device's available_instances is back, restarts the victim, and at the end
 * stops the others cleanly (EOF on their stdin) and checks that every
 * device is back at its initial value.
 *
 *   hzs_kill_campaign [-t seconds (from when every worker is ready)] [-i kill_interval_ms] [-b bound_ms]
 *                     [-S stall_s] [-P progress_s] [-K min] [-s seed] -w|-W N:COMMAND [-w|-W N:COMMAND ...]
 *
 * -w starts N workers running COMMAND with /bin/sh -c "exec COMMAND" (so the
 * pid is the worker's), each killable once it printed its first line (a JVM
 * is not killed again before it is up); -W: killable from its start. A worker prints lines on stdout: "READY ...",
 * "OK n [kind=m ...]" (requests verified so far, in all and per kind of
 * request), "DONE n [kind=m ...]"; "WRONG ..." / "ERROR ..." are
 * violations. hzs_async's summary ("... verified n, ...") counts too, so it
 * serves as a C worker (it exits 0 after its -n requests and is restarted).
 *
 * The invariant checked after each kill, for every device of
 * /sys/class/uacce: available_instances == its initial value - the queues
 * the live workers hold (their open fds on /dev/<device>, from /proc), read
 * twice around the fd count with the same value. Recovery time = SIGKILL to
 * that. Violations (exit 1): a worker's WRONG/ERROR line or any exit we did
 * not cause with status != 0; a victim not reaped or a device not recovered
 * within bound_ms (default 10000: a hang detector, not a timing assertion);
 * no output line from a worker for stall_s (default 120), or not every worker
 * ready (first line) within stall_s of the start; a device not at its
 * initial value after the end; a worker still alive stall_s after its EOF
 * (a worker still starting when the campaign ends is SIGKILLed instead);
 * with -P progress_s (> 0): a live worker that printed READY whose count in
 * all or of one of its kinds did not grow for progress_s while the campaign
 * runs (a survivor that stalls: a hang detector, the bound generous).
 * With -K min: a worker that printed READY is killable only once each of
 * its counts reached min in this run, so every run of it verifies requests
 * of every kind before it can be killed (a JVM's start-up under TCG is long
 * against a kill every few seconds), and a stalled one stays alive for -P
 * to see.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_W    32
#define MAX_DEV  24
#define MAX_KILL 4096
#define MAX_KIND 4            /* kinds of request a worker reports: "requests" (n) + 3 */

struct worker {
	const char *cmd;
	int cls;                  /* index of its -w option */
	pid_t pid;                /* 0: not running */
	int in, out;              /* its stdin (write end), stdout (read end) */
	char buf[4096];
	size_t len;
	int ready, killed;
	int at_once;              /* -W: killable from its start (no READY line to wait for) */
	long now_n, total, runs, kills;
	double started, last_line;
	int reports;              /* printed READY: its OK lines count progress (-P) */
	int nk;                   /* kinds seen: [0] = every request (n), then kind=m fields */
	char kname[MAX_KIND][16];
	long kval[MAX_KIND], ktotal[MAX_KIND];
	double kprog[MAX_KIND];   /* when the count last grew (or READY) */
};

static struct worker w[MAX_W];
static int nw;
static const char *cls_cmd[MAX_W];
static int ncls;
static int all_ready;
static char dev[MAX_DEV][64];
static long init_avail[MAX_DEV];
static int ndev;
static double rec_ms[MAX_KILL], reap_ms[MAX_KILL];
static int nkill, kills;
static long violations;
static unsigned long long rnd = 88172645463325252ull;

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static unsigned long long xrand(void)
{
	rnd ^= rnd << 13;
	rnd ^= rnd >> 7;
	rnd ^= rnd << 17;
	return rnd;
}

static void violation(const char *fmt, ...)
{
	va_list ap;

	violations++;
	printf("kill-campaign: VIOLATION: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static long read_avail(int d)
{
	char p[160], b[32];
	long v = -1;
	int fd;
	ssize_t n;

	snprintf(p, sizeof(p), "/sys/class/uacce/%s/available_instances", dev[d]);
	fd = open(p, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, b, sizeof(b) - 1);
	if (n > 0) {
		b[n] = 0;
		v = strtol(b, NULL, 10);
	}
	close(fd);
	return v;
}

static void find_devices(void)
{
	DIR *d = opendir("/sys/class/uacce");
	struct dirent *e;

	if (!d) {
		printf("kill-campaign: no /sys/class/uacce\n");
		exit(2);
	}
	while ((e = readdir(d)) && ndev < MAX_DEV) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(dev[ndev], sizeof(dev[ndev]), "%.63s", e->d_name);
		init_avail[ndev] = read_avail(ndev);
		ndev++;
	}
	closedir(d);
}

/* Open fds of process pid on /dev/<dev[i]>, added into held[i]. */
static void count_fds(pid_t pid, long *held)
{
	char p[64], l[128];
	DIR *d;
	struct dirent *e;
	int i;

	snprintf(p, sizeof(p), "/proc/%d/fd", (int)pid);
	d = opendir(p);
	if (!d)
		return;
	while ((e = readdir(d))) {
		ssize_t n;

		if (e->d_name[0] == '.')
			continue;
		n = readlinkat(dirfd(d), e->d_name, l, sizeof(l) - 1);
		if (n <= 5)
			continue;
		l[n] = 0;
		if (strncmp(l, "/dev/", 5))
			continue;
		for (i = 0; i < ndev; i++)
			if (!strcmp(l + 5, dev[i]))
				held[i]++;
	}
	closedir(d);
}

/* Every device at init - (queues held by live workers), stable around the count. */
static int recovered(int verbose)
{
	long a1[MAX_DEV], a2[MAX_DEV], held[MAX_DEV] = { 0 };
	int i, ok = 1;

	for (i = 0; i < ndev; i++)
		a1[i] = read_avail(i);
	for (i = 0; i < nw; i++)
		if (w[i].pid > 0)
			count_fds(w[i].pid, held);
	for (i = 0; i < ndev; i++) {
		a2[i] = read_avail(i);
		if (a1[i] != a2[i] || a1[i] != init_avail[i] - held[i]) {
			ok = 0;
			if (verbose)
				printf("kill-campaign:   %s: available_instances %ld/%ld, expected %ld (initial %ld - %ld held by live workers)\n",
				       dev[i], a1[i], a2[i], init_avail[i] - held[i], init_avail[i], held[i]);
		}
	}
	return ok;
}

static void start(struct worker *x)
{
	int in[2], out[2];
	pid_t pid;

	if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC)) {
		perror("pipe");
		exit(2);
	}
	pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(2);
	}
	if (pid == 0) {
		char *sh;

		dup2(in[0], 0);
		dup2(out[1], 1);
		if (asprintf(&sh, "exec %s", x->cmd) < 0)
			_exit(127);
		execl("/bin/sh", "sh", "-c", sh, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	fcntl(out[0], F_SETFL, O_NONBLOCK);
	x->pid = pid;
	x->in = in[1];
	x->out = out[0];
	x->len = 0;
	x->ready = x->at_once;
	x->killed = 0;
	x->now_n = 0;
	x->reports = 0;
	memset(x->kval, 0, sizeof(x->kval));
	x->runs++;
	x->started = x->last_line = now_s();
}

/* One count of an OK/DONE line: kind k's value; its progress time when it grew. */
static void count(struct worker *x, const char *name, size_t len, long v)
{
	int k;

	for (k = 0; k < x->nk; k++)
		if (strlen(x->kname[k]) == len && !strncmp(x->kname[k], name, len))
			break;
	if (k == x->nk) {
		if (x->nk == MAX_KIND || len >= sizeof(x->kname[0]))
			return;
		snprintf(x->kname[k], sizeof(x->kname[k]), "%.*s", (int)len, name);
		x->kprog[k] = x->last_line;
		x->nk++;
	}
	if (v > x->kval[k])
		x->kprog[k] = x->last_line;
	x->kval[k] = v;
}

static void line(struct worker *x, char *s)
{
	char *v;
	int k;

	x->last_line = now_s();
	x->ready = 1;   /* READY (KillWorker), or a first line (hzs_async's banner) */
	if (!strncmp(s, "READY", 5)) {
		x->reports = 1;
		for (k = 0; k < MAX_KIND; k++)
			x->kprog[k] = x->last_line;
	} else if (!strncmp(s, "OK ", 3) || !strncmp(s, "DONE ", 5)) {
		char *p = strchr(s, ' ') + 1, *e;

		x->now_n = strtol(p, &p, 10);
		count(x, "requests", 8, x->now_n);
		while ((p = strchr(p, ' ')) && (e = strchr(++p, '='))) {   /* " kind=m" */
			char *name = p;
			long m = strtol(e + 1, &p, 10);

			count(x, name, (size_t)(e - name), m);
		}
	} else if ((v = strstr(s, " verified "))) {
		x->now_n = strtol(v + 10, NULL, 10);
	} else if (!strncmp(s, "WRONG", 5) || !strncmp(s, "ERROR", 5) || strstr(s, "STALLED")) {
		violation("worker %d (pid %d): %s", (int)(x - w), (int)x->pid, s);
	}
}

static void drain(struct worker *x)
{
	ssize_t n;

	if (x->out < 0)
		return;
	for (;;) {
		char *nl;

		n = read(x->out, x->buf + x->len, sizeof(x->buf) - 1 - x->len);
		if (n <= 0)
			break;
		x->len += (size_t)n;
		x->buf[x->len] = 0;
		while ((nl = strchr(x->buf, '\n'))) {
			*nl = 0;
			line(x, x->buf);
			memmove(x->buf, nl + 1, x->len - (size_t)(nl + 1 - x->buf) + 1);
			x->len -= (size_t)(nl + 1 - x->buf);
		}
		if (x->len == sizeof(x->buf) - 1)
			x->len = 0;   /* an over-long line: dropped */
	}
}

static void pump(int ms)
{
	struct pollfd p[MAX_W];
	int i, n = 0;

	for (i = 0; i < nw; i++)
		if (w[i].out >= 0) {
			p[n].fd = w[i].out;
			p[n].events = POLLIN;
			n++;
		}
	poll(p, (nfds_t)n, ms);
	for (i = 0; i < nw; i++)
		drain(&w[i]);
}

/* The worker's process is gone: account it; 1 if it ended on its own (exit 0). */
static int ended(struct worker *x, int st)
{
	drain(x);
	close(x->out);
	close(x->in);
	x->out = x->in = -1;
	x->pid = 0;
	x->total += x->now_n;
	for (int k = 0; k < x->nk; k++)
		x->ktotal[k] += x->kval[k];
	if (x->killed)
		return 0;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 1;
	if (WIFEXITED(st))
		violation("worker %d (%s) exited with status %d", (int)(x - w), x->cmd, WEXITSTATUS(st));
	else
		violation("worker %d (%s) died of signal %d", (int)(x - w), x->cmd, WTERMSIG(st));
	return 0;
}

/* Reaps every exited worker; restarts those that ended on their own unless stopping. */
static void reap(int stopping)
{
	int i, st;

	for (i = 0; i < nw; i++) {
		if (w[i].pid <= 0 || w[i].killed)
			continue;
		if (waitpid(w[i].pid, &st, WNOHANG) == w[i].pid && ended(&w[i], st) && !stopping)
			start(&w[i]);
	}
}

/* A reporting worker is killable once each of its counts reached min in this run. */
static int killable(const struct worker *x, long min)
{
	int k;

	if (!x->reports || min <= 0)
		return 1;
	if (x->nk == 0)
		return 0;
	for (k = 0; k < x->nk; k++)
		if (x->kval[k] < min)
			return 0;
	return 1;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double pct(double *v, int n, double p)
{
	double s[MAX_KILL];

	if (n == 0)
		return 0;
	memcpy(s, v, sizeof(double) * (size_t)n);
	qsort(s, (size_t)n, sizeof(double), cmp_d);
	return s[(int)(p * (n - 1) + 0.5)];
}

int main(int argc, char **argv)
{
	double dur = 60, interval = 4000, bound = 10000, stall = 120, progress = 0, t0, end, next;
	long min_before_kill = 0;
	int i, o, victim = -1, reaped = 0, stopping = 0;
	double kill_t = 0, reap_t = 0;
	long long seed = 1;

	signal(SIGPIPE, SIG_IGN);
	while ((o = getopt(argc, argv, "t:i:b:S:P:K:s:w:W:")) != -1) {
		switch (o) {
		case 't': dur = atof(optarg); break;
		case 'i': interval = atof(optarg); break;
		case 'b': bound = atof(optarg); break;
		case 'S': stall = atof(optarg); break;
		case 'P': progress = atof(optarg); break;
		case 'K': min_before_kill = atol(optarg); break;
		case 's': seed = atoll(optarg); break;
		case 'w':
		case 'W': {
			char *c = strchr(optarg, ':');
			int n = c ? atoi(optarg) : 0;

			if (!c || n < 1 || nw + n > MAX_W) {
				fprintf(stderr, "kill-campaign: -w N:COMMAND (at most %d workers)\n", MAX_W);
				return 2;
			}
			cls_cmd[ncls] = c + 1;
			for (; n > 0; n--) {
				w[nw].cmd = c + 1;
				w[nw].cls = ncls;
				w[nw].at_once = o == 'W';
				w[nw].in = w[nw].out = -1;
				nw++;
			}
			ncls++;
			break;
		}
		default:
			fprintf(stderr, "usage: %s [-t s] [-i ms] [-b ms] [-S s] [-P s] [-K min] [-s seed] -w|-W N:COMMAND ...\n", argv[0]);
			return 2;
		}
	}
	if (nw == 0) {
		fprintf(stderr, "kill-campaign: no worker (-w N:COMMAND)\n");
		return 2;
	}
	rnd ^= (unsigned long long)seed * 0x9E3779B97F4A7C15ull;
	find_devices();
	printf("kill-campaign: %d workers, %.0f s, a SIGKILL every %.0f ms +-50 %%, bound %.0f ms, progress bound %.0f s, killable after %ld of each kind, seed %lld\n",
	       nw, dur, interval, bound, progress, min_before_kill, seed);
	for (i = 0; i < ndev; i++)
		printf("kill-campaign: %s: available_instances %ld at the start\n", dev[i], init_avail[i]);
	fflush(stdout);
	for (i = 0; i < nw; i++)
		start(&w[i]);
	t0 = now_s();
	end = t0 + dur;
	next = t0 + interval / 1000.0 * (0.5 + (double)(xrand() % 1000) / 1000.0);

	while (!violations || victim >= 0) {
		double t;

		pump(2);
		reap(stopping);
		t = now_s();
		for (i = 0; i < nw; i++)
			if (w[i].pid > 0 && !w[i].killed && t - w[i].last_line > stall) {
				violation("worker %d (pid %d) silent for %.0f s", i, (int)w[i].pid, t - w[i].last_line);
				w[i].last_line = t;
			}
		/* a survivor must keep verifying requests of every kind it runs */
		for (i = 0; progress > 0 && !stopping && i < nw; i++) {
			int k;

			if (w[i].pid <= 0 || w[i].killed || !w[i].reports)
				continue;
			for (k = 0; k < w[i].nk; k++)
				if (t - w[i].kprog[k] > progress) {
					violation("worker %d (pid %d) verified no new %s request for %.0f s (progress bound; %ld so far in this run)",
						  i, (int)w[i].pid, w[i].kname[k], t - w[i].kprog[k], w[i].kval[k]);
					w[i].kprog[k] = t;
				}
		}
		if (victim >= 0) {
			int st;
			struct worker *x = &w[victim];

			if (!reaped && waitpid(x->pid, &st, WNOHANG) == x->pid) {
				reaped = 1;
				reap_t = t;
				ended(x, st);
			}
			if (reaped && recovered(0)) {
				if (nkill < MAX_KILL) {
					rec_ms[nkill] = (t - kill_t) * 1000;
					reap_ms[nkill] = (reap_t - kill_t) * 1000;
					nkill++;
				}
				victim = -1;
				if (!stopping)
					start(x);
				next = t + interval / 1000.0 * (0.5 + (double)(xrand() % 1000) / 1000.0);
			} else if ((t - kill_t) * 1000 > bound) {
				violation("worker %d (SIGKILL %.0f ms ago): %s", victim,
					  (t - kill_t) * 1000, reaped ? "device(s) not recovered:" : "not reaped");
				recovered(1);
				if (!reaped)
					break;
				victim = -1;
			}
			continue;
		}
		if (!all_ready) {
			int n = 0;

			for (i = 0; i < nw; i++)
				n += w[i].ready;
			if (n == nw) {
				all_ready = 1;
				printf("kill-campaign: every worker ready after %.1f s; the campaign runs %.0f s from now\n",
				       t - t0, dur);
				fflush(stdout);
				end = t + dur;
				next = t + interval / 1000.0 * (0.5 + (double)(xrand() % 1000) / 1000.0);
			} else if (t - t0 > stall) {
				violation("%d of %d workers not ready after %.0f s", nw - n, nw, t - t0);
				break;
			}
			continue;
		}
		if (!stopping && t >= end) {
			stopping = 1;
			for (i = 0; i < nw; i++) {
				if (w[i].in >= 0) {
					close(w[i].in);
					w[i].in = -1;
				}
				/* still starting (a restarted JVM): no requests to finish, end it now */
				if (w[i].pid > 0 && !w[i].ready) {
					w[i].killed = 1;
					kill(w[i].pid, SIGKILL);
				}
			}
			end = t + stall;  /* the grace for clean stops */
			continue;
		}
		if (stopping) {
			int alive = 0, st;

			for (i = 0; i < nw; i++)
				if (w[i].pid > 0 && w[i].killed && waitpid(w[i].pid, &st, WNOHANG) == w[i].pid)
					ended(&w[i], st);

			for (i = 0; i < nw; i++)
				alive += w[i].pid > 0;
			if (!alive)
				break;
			if (t >= end) {
				for (i = 0; i < nw; i++)
					if (w[i].pid > 0)
						violation("worker %d (pid %d) still alive %.0f s after EOF", i, (int)w[i].pid, stall);
				break;
			}
			continue;
		}
		if (t >= next) {
			int live[MAX_W], n = 0;

			for (i = 0; i < nw; i++)
				if (w[i].pid > 0 && w[i].ready && killable(&w[i], min_before_kill))
					live[n++] = i;
			if (n == 0)
				continue;
			victim = live[xrand() % (unsigned)n];
			w[victim].killed = 1;
			w[victim].kills++;
			kills++;
			reaped = 0;
			/* a niced C worker would exit at its nice level, starved by the JVMs */
			setpriority(PRIO_PROCESS, (id_t)w[victim].pid, 0);
			kill_t = now_s();
			kill(w[victim].pid, SIGKILL);
		}
	}
	/* every worker stopped: each device back at its initial value */
	for (i = 0; i < nw; i++)
		if (w[i].pid > 0) {
			kill(w[i].pid, SIGKILL);
			waitpid(w[i].pid, NULL, 0);
			w[i].pid = 0;
		}
	{
		double t1 = now_s();

		while (!recovered(0) && now_s() - t1 < bound / 1000.0)
			usleep(5000);
		if (!recovered(1))
			violation("devices not back at their initial available_instances %.0f ms after the end",
				  (now_s() - t1) * 1000);
		else
			printf("kill-campaign: end: every device back at its initial available_instances %.0f ms after the last exit\n",
			       (now_s() - t1) * 1000);
	}

	printf("kill-campaign: %.1f s, %d kills (%d recovered); recovery of available_instances after SIGKILL: p50 %.1f ms, p90 %.1f ms, max %.1f ms; victim reaped: p50 %.1f ms, max %.1f ms\n",
	       now_s() - t0, kills, nkill, pct(rec_ms, nkill, 0.5), pct(rec_ms, nkill, 0.9),
	       pct(rec_ms, nkill, 1.0), pct(reap_ms, nkill, 0.5), pct(reap_ms, nkill, 1.0));
	for (i = 0; i < nw; i++) {
		char kinds[160] = "";
		int k;

		for (k = 1; k < w[i].nk; k++)
			snprintf(kinds + strlen(kinds), sizeof(kinds) - strlen(kinds), "%s%s %ld", k > 1 ? ", " : " (",
				 w[i].kname[k], w[i].ktotal[k]);
		if (w[i].nk > 1)
			snprintf(kinds + strlen(kinds), sizeof(kinds) - strlen(kinds), ")");
		printf("kill-campaign: worker %d [%s]: %ld runs, %ld killed, %ld requests verified%s\n",
		       i, w[i].cmd, w[i].runs, w[i].kills, w[i].total, kinds);
	}
	printf("kill-campaign: %s (%ld violations)\n", violations ? "FAIL" : "PASS", violations);
	return violations ? 1 : 0;
}
