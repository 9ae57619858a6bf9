#include "source.h"
#include "buf.h"
#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct source_entry *)a)->name,
		      ((const struct source_entry *)b)->name);
}

int file_read(const char *path, char **out, size_t *len, char **err)
{
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");

	*out = NULL;
	*len = 0;
	if (!f) {
		int e = errno;
		if (e == ENOENT)
			return 1;
		if (err)
			*err = xstrdup(strerror(e));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&b, chunk, n);
	if (ferror(f)) {
		if (err)
			*err = xstrdup(strerror(errno));
		fclose(f);
		buf_free(&b);
		return -1;
	}
	fclose(f);
	*len = b.len;
	*out = buf_detach(&b);
	return 0;
}

static char *join(const char *root, const char *path)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, root);
	if (path[0]) {
		buf_putc(&b, '/');
		buf_puts(&b, path);
	}
	return buf_detach(&b);
}

static int dir_list(struct source *s, const char *dir, struct source_entry **out, size_t *n)
{
	char *full = join(s->root, dir);
	DIR *d = opendir(full);
	struct source_entry *v = NULL;
	size_t len = 0, cap = 0;
	struct dirent *de;

	*out = NULL;
	*n = 0;
	if (!d) {
		free(full);
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue; /* ., .., and hidden files such as editors' swap files */
		char *p = join(full, de->d_name);
		struct stat st;
		int ok = stat(p, &st) == 0;
		free(p);
		if (!ok || !(S_ISDIR(st.st_mode) || S_ISREG(st.st_mode)))
			continue;
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[len].name = xstrdup(de->d_name);
		v[len].is_dir = S_ISDIR(st.st_mode);
		len++;
	}
	closedir(d);
	free(full);
	if (len > 1)
		qsort(v, len, sizeof(*v), entry_cmp);
	*out = v;
	*n = len;
	return 0;
}

static int dir_read(struct source *s, const char *path, char **out, size_t *len, char **err)
{
	char *full = join(s->root, path);
	int r = file_read(full, out, len, err);
	free(full);
	return r;
}

static void dir_free(struct source *s)
{
	(void)s;
}

static const struct source_ops dir_ops = { dir_list, dir_read, dir_free };

int source_open_dir(struct source **out, const char *root)
{
	struct source *s = xcalloc(1, sizeof(*s));
	s->ops = &dir_ops;
	s->root = xstrdup(root);
	*out = s;
	return 0;
}

void source_free(struct source *s)
{
	if (!s)
		return;
	if (s->ops && s->ops->free)
		s->ops->free(s);
	free(s->root);
	free(s);
}

/* Where the record of a read names path: as opened from the current
 * folder for a folder on disk ("content/x" under "."), else as given. */
static char *track_path(const struct source *s, const char *path)
{
	if (s->ops != &dir_ops || strcmp(s->root, ".") == 0)
		return xstrdup(path);
	return join(s->root, path);
}

int source_list(struct source *s, const char *dir, struct source_entry **out, size_t *n)
{
	int r = s->ops->list(s, dir, out, n);
	if (s->track && r >= 0) {
		char *p = track_path(s, dir);
		if (r == 0) {
			const char **names = xcalloc(*n + 1, sizeof(*names));
			int *dirs = xcalloc(*n + 1, sizeof(*dirs));
			for (size_t i = 0; i < *n; i++) {
				names[i] = (*out)[i].name;
				dirs[i] = (*out)[i].is_dir;
			}
			struct digest listing;
			inputs_listing(&listing, names, dirs, *n);
			inputs_dir(s->track, p, s->ops == &dir_ops, &listing);
			free(names);
			free(dirs);
		}
		else
			inputs_absent(s->track, p, s->ops == &dir_ops);
		free(p);
	}
	return r;
}

void source_entries_free(struct source_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(e[i].name);
	free(e);
}

int source_read(struct source *s, const char *path, char **out, size_t *len, char **err)
{
	if (err)
		*err = NULL;
	int r = s->ops->read(s, path, out, len, err);
	if (s->track && r >= 0) {
		char *p = track_path(s, path);
		if (r == 0)
			inputs_file(s->track, p, s->ops == &dir_ops, *out, *len);
		else
			inputs_absent(s->track, p, s->ops == &dir_ops);
		free(p);
	}
	return r;
}
