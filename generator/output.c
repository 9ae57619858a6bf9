#include "output.h"
#include "buf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *errmsg(const char *what, const char *path)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s %s：%s", what, path, strerror(errno));
	return buf_detach(&b);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

int rm_tree(const char *path)
{
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* 1 if dir is empty (or missing), 0 if not, -1 on error. */
static int dir_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int empty = 1;
	if (!d)
		return errno == ENOENT ? 1 : -1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			empty = 0;
			break;
		}
	closedir(d);
	return empty;
}

int out_begin(struct out *o, const char *target, char **err)
{
	struct stat st;
	struct buf b = BUF_INIT;

	memset(o, 0, sizeof(*o));
	*err = NULL;
	size_t n = strlen(target);
	while (n > 1 && target[n - 1] == '/')
		n--;
	o->target = xstrndup(target, n);
	if (stat(o->target, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			buf_printf(&b, "输出位置 %s 已存在且不是文件夹", o->target);
			*err = buf_detach(&b);
			return -1;
		}
		buf_printf(&b, "%s/%s", o->target, OUT_MARKER);
		int ours = access(b.ptr, F_OK) == 0;
		buf_clear(&b);
		if (!ours && dir_empty(o->target) != 1) {
			buf_printf(&b, "输出文件夹 %s 不是 gongkai 生成的网站（没有 %s 文件），为免误删不会覆盖它；请换一个输出位置（-o）",
				   o->target, OUT_MARKER);
			*err = buf_detach(&b);
			return -1;
		}
	}
	buf_printf(&b, "%s.tmp-XXXXXX", o->target);
	o->tmp = buf_detach(&b);
	if (!mkdtemp(o->tmp)) {
		*err = errmsg("无法建立临时文件夹", o->tmp);
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	chmod(o->tmp, 0755);
	return 0;
}

int out_mkdirs(struct out *o, const char *rel, char **err)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, o->tmp);
	size_t base = b.len;
	buf_putc(&b, '/');
	buf_puts(&b, rel);
	for (size_t i = base + 1; i < b.len; i++) {
		if (b.ptr[i] != '/')
			continue;
		b.ptr[i] = '\0';
		if (mkdir(b.ptr, 0755) != 0 && errno != EEXIST) {
			*err = errmsg("无法建立文件夹", b.ptr);
			buf_free(&b);
			return -1;
		}
		b.ptr[i] = '/';
	}
	buf_free(&b);
	return 0;
}

int out_write(struct out *o, const char *rel, const char *data, size_t len, char **err)
{
	struct buf path = BUF_INIT;
	buf_printf(&path, "%s/%s", o->tmp, rel);
	FILE *f = fopen(path.ptr, "wb");
	int r = 0;
	if (!f || (len && fwrite(data, 1, len, f) != len)) {
		*err = errmsg("无法写入", path.ptr);
		r = -1;
	}
	if (f && fclose(f) != 0 && r == 0) {
		*err = errmsg("无法写入", path.ptr);
		r = -1;
	}
	buf_free(&path);
	return r;
}

int out_commit(struct out *o, char **err)
{
	struct stat st;
	int r = 0;
	if (out_write(o, OUT_MARKER, "gongkai\n", 8, err) != 0)
		return -1;
	if (stat(o->target, &st) != 0) {
		if (rename(o->tmp, o->target) != 0) {
			*err = errmsg("无法把网站移到", o->target);
			return -1;
		}
		free(o->tmp);
		o->tmp = NULL;
		return 0;
	}
#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->target, RENAME_EXCHANGE) == 0) {
		/* o->tmp now names the old site. */
		rm_tree(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
		return 0;
	}
#endif
	/* No atomic exchange here: move the old site aside, then the new one in. */
	struct buf old = BUF_INIT;
	buf_printf(&old, "%s.old-XXXXXX", o->target);
	if (!mkdtemp(old.ptr) || rmdir(old.ptr) != 0 || rename(o->target, old.ptr) != 0) {
		*err = errmsg("无法替换", o->target);
		buf_free(&old);
		return -1;
	}
	if (rename(o->tmp, o->target) != 0) {
		*err = errmsg("无法把网站移到", o->target);
		rename(old.ptr, o->target);
		r = -1;
	} else {
		rm_tree(old.ptr);
		free(o->tmp);
		o->tmp = NULL;
	}
	buf_free(&old);
	return r;
}

void out_close(struct out *o)
{
	if (o->tmp) {
		rm_tree(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
	}
	free(o->target);
	o->target = NULL;
}
