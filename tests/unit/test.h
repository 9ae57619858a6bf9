/* test.h: the smallest unit-test harness that does the job.
 *
 * Each tests/unit/test_<module>.c is its own program. It checks with the
 * macros below and ends with `return t_done("module");`, which prints
 * "module: N passed, M failed" (tests/run adds these up). A failed check
 * prints where it is and both values. */
#ifndef GONGKAI_TEST_H
#define GONGKAI_TEST_H

#include <stdio.h>
#include <string.h>

static int t_pass, t_fail;

#define T_OK(cond)                                                         \
	do {                                                               \
		if (cond) {                                                \
			t_pass++;                                          \
		} else {                                                   \
			t_fail++;                                          \
			printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		}                                                          \
	} while (0)

#define T_INT(got, want)                                                   \
	do {                                                               \
		long long t_g = (long long)(got), t_w = (long long)(want); \
		if (t_g == t_w) {                                          \
			t_pass++;                                          \
		} else {                                                   \
			t_fail++;                                          \
			printf("FAIL %s:%d: %s\n  got:  %lld\n  want: %lld\n", \
			       __FILE__, __LINE__, #got, t_g, t_w);        \
		}                                                          \
	} while (0)

#define T_STR(got, want)                                                   \
	do {                                                               \
		const char *t_g = (got), *t_w = (want);                    \
		if (t_g && t_w && strcmp(t_g, t_w) == 0) {                 \
			t_pass++;                                          \
		} else {                                                   \
			t_fail++;                                          \
			printf("FAIL %s:%d: %s\n  got:  %s\n  want: %s\n", \
			       __FILE__, __LINE__, #got,                   \
			       t_g ? t_g : "(null)", t_w ? t_w : "(null)"); \
		}                                                          \
	} while (0)

static inline int t_done(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, t_pass, t_fail);
	return t_fail ? 1 : 0;
}

#endif
