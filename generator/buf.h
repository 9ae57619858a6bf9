/* buf: a growable byte string that is always NUL-terminated.
 *
 * Start every buffer from BUF_INIT; it then reads as "" without allocating.
 * Running out of memory aborts the program with a message: gongkai is a
 * command-line tool and has nothing sensible to do without memory. */
#ifndef GONGKAI_BUF_H
#define GONGKAI_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *ptr;  /* text, NUL-terminated; points at a shared "" until grown */
	size_t len; /* bytes in use, not counting the NUL */
	size_t cap; /* bytes allocated; 0 while ptr is the shared "" */
};

extern char buf__empty[1];
#define BUF_INIT { buf__empty, 0, 0 }

void buf_grow(struct buf *b, size_t extra);
void buf_put(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_truncate(struct buf *b, size_t len);
void buf_clear(struct buf *b);
/* Take ownership of the text (malloc'd, caller frees); b is reset. */
char *buf_detach(struct buf *b);
void buf_free(struct buf *b);

/* Abort with "gongkai: out of memory". */
void oom(void) __attribute__((noreturn));
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
