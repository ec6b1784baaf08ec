/* sandbox_linux.c: the PDF worker's Landlock domain, entered before the Go
 * runtime starts.
 *
 * Landlock restricts the thread that asks and the threads it starts later,
 * not the threads already running, and Go starts its own threads before
 * main (and cannot run a system call on all of them in a cgo program). A
 * constructor runs while the process still has one thread, so every
 * thread of the worker is inside the domain. Seccomp, which can synchronise
 * all threads, is installed from Go (sandbox_linux.go).
 *
 * The constant values below are those of Linux's Landlock ABI
 * (include/uapi/linux/landlock.h), written out so that older kernel
 * headers still build this file; the kernel tells at run time which of
 * them it knows. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_add_rule 445
#define SYS_landlock_restrict_self 446
#endif

#define FS_LL_CREATE_RULESET_VERSION (1U << 0)
#define FS_LL_RULE_PATH_BENEATH 1

/* Filesystem rights, by the ABI version that introduced them. */
#define FS_LL_READ_FILE (1ULL << 2)
#define FS_LL_READ_DIR (1ULL << 3)
#define FS_LL_FS_V1 ((1ULL << 13) - 1) /* execute ... make_sym */
#define FS_LL_FS_V2 (1ULL << 13)       /* refer */
#define FS_LL_FS_V3 (1ULL << 14)       /* truncate */
#define FS_LL_FS_V5 (1ULL << 15)       /* ioctl on devices */
#define FS_LL_NET_V4 ((1ULL << 0) | (1ULL << 1)) /* bind and connect TCP */
#define FS_LL_SCOPE_V6 ((1ULL << 0) | (1ULL << 1)) /* abstract unix sockets, signals */

struct fs_ll_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
	uint64_t scoped;
};

struct fs_ll_path_beneath_attr {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

/* FS_SANDBOX_ENV in the environment asks for the sandbox: its value is the
 * folders the worker may read, one a line, or, for tests, "off" (no
 * sandbox) or "no-landlock" (the seccomp filter alone, as on a kernel
 * without Landlock). */
#define FS_SANDBOX_ENV "FIELDSHELF_PDF_SANDBOX"

/* What happened, for sandbox_linux.go: fs_sandbox_state is one of
 * FS_SANDBOX_* (sandbox_linux.go mirrors them). */
enum {
	FS_SANDBOX_NONE = 0,     /* not asked: not the worker */
	FS_SANDBOX_OFF = 1,      /* asked off (tests' baseline) */
	FS_SANDBOX_ON = 2,       /* Landlock domain entered */
	FS_SANDBOX_NO_LANDLOCK = 3, /* the kernel has no Landlock */
	FS_SANDBOX_FAILED = 4,   /* fs_sandbox_errno says why */
};
int fs_sandbox_state;
int fs_sandbox_abi;     /* the kernel's Landlock ABI version, 0 if none */
int fs_sandbox_errno;
int fs_sandbox_threads; /* the process's threads when it entered the domain */
int fs_sandbox_rules;   /* folders allowed */
long long fs_sandbox_ns; /* how long entering the domain took */

/* fs_thread_count reads the process's number of threads. */
static int fs_thread_count(void)
{
	char line[128];
	int n = -1;
	FILE *f = fopen("/proc/self/status", "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "Threads: %d", &n) == 1)
			break;
	fclose(f);
	return n;
}

static uint64_t fs_handled_fs(int abi)
{
	uint64_t fs = FS_LL_FS_V1;
	if (abi >= 2)
		fs |= FS_LL_FS_V2;
	if (abi >= 3)
		fs |= FS_LL_FS_V3;
	if (abi >= 5)
		fs |= FS_LL_FS_V5;
	return fs;
}

/* fs_allow lets the domain read beneath dir; a missing folder is skipped. */
static void fs_allow(int ruleset, const char *dir)
{
	struct fs_ll_path_beneath_attr pb;
	int fd = open(dir, O_PATH | O_CLOEXEC | O_DIRECTORY);
	if (fd < 0)
		return;
	memset(&pb, 0, sizeof pb);
	pb.allowed_access = FS_LL_READ_FILE | FS_LL_READ_DIR;
	pb.parent_fd = fd;
	if (syscall(SYS_landlock_add_rule, ruleset, FS_LL_RULE_PATH_BENEATH, &pb, 0) == 0)
		fs_sandbox_rules++;
	close(fd);
}

static void fs_fail_errno(void)
{
	fs_sandbox_state = FS_SANDBOX_FAILED;
	fs_sandbox_errno = errno;
}

/* fs_enter builds the domain: no right on the filesystem but reading the
 * folders of dirs (newline-separated); on newer kernels no TCP, no
 * abstract unix socket and no signal outside the domain either. */
static void fs_enter(const char *dirs)
{
	struct fs_ll_ruleset_attr attr;
	int abi, ruleset;
	char *list, *dir, *save = NULL;

	fs_sandbox_threads = fs_thread_count();
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		fs_fail_errno();
		return;
	}
	abi = (int)syscall(SYS_landlock_create_ruleset, NULL, 0, FS_LL_CREATE_RULESET_VERSION);
	if (abi < 1) {
		fs_sandbox_state = FS_SANDBOX_NO_LANDLOCK;
		fs_sandbox_errno = errno;
		return;
	}
	fs_sandbox_abi = abi;
	memset(&attr, 0, sizeof attr);
	attr.handled_access_fs = fs_handled_fs(abi);
	if (abi >= 4)
		attr.handled_access_net = FS_LL_NET_V4;
	if (abi >= 6)
		attr.scoped = FS_LL_SCOPE_V6;
	ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
	if (ruleset < 0) {
		fs_fail_errno();
		return;
	}
	list = strdup(dirs);
	if (list) {
		for (dir = strtok_r(list, "\n", &save); dir; dir = strtok_r(NULL, "\n", &save))
			if (dir[0] == '/')
				fs_allow(ruleset, dir);
		free(list);
	}
	if (syscall(SYS_landlock_restrict_self, ruleset, 0) != 0) {
		fs_fail_errno();
		close(ruleset);
		return;
	}
	close(ruleset);
	fs_sandbox_state = FS_SANDBOX_ON;
}

__attribute__((constructor)) static void fs_sandbox_early(void)
{
	struct timespec t0, t1;
	const char *v = getenv(FS_SANDBOX_ENV);
	if (!v)
		return;
	if (strcmp(v, "off") == 0) {
		fs_sandbox_state = FS_SANDBOX_OFF;
		return;
	}
	if (strcmp(v, "no-landlock") == 0) {
		fs_sandbox_state = FS_SANDBOX_NO_LANDLOCK;
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	fs_enter(v);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fs_sandbox_ns = (t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
}
