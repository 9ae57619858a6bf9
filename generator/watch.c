/* watch: telling when files under some folders change (see watch.h). */
#include "watch.h"
#include "buf.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#define TREE_EVENTS (IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | \
		     IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

struct wd {
	int wd;                    /* inotify's watch descriptor */
	char *path;                /* the folder (owned) */
	int tree;                  /* 1: recursive */
	const char *const *names;  /* not a tree: the names that count (borrowed) */
	int trees;                 /* not a tree: names that become trees when they appear as folders */
	unsigned tag;              /* reported for its changes */
	const unsigned *tags;      /* not a tree: the tag of each name's tree, or NULL */
};

struct watch {
	int fd;
	struct wd *wds;
	size_t n, cap;
};

struct watch *watch_new(void)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct watch *w = xcalloc(1, sizeof(*w));
	w->fd = fd;
	return w;
}

void watch_free(struct watch *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->n; i++)
		free(w->wds[i].path);
	free(w->wds);
	close(w->fd);
	free(w);
}

int watch_fd(const struct watch *w)
{
	return w->fd;
}

static struct wd *find(struct watch *w, int wd)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->wds[i].wd == wd)
			return &w->wds[i];
	return NULL;
}

/* Record a watch; inotify gives the same descriptor for a folder watched
 * twice, so an existing entry is updated rather than doubled. */
static struct wd *record(struct watch *w, int wd, const char *path)
{
	struct wd *e = find(w, wd);
	if (e) {
		free(e->path);
	} else {
		if (w->n == w->cap)
			w->wds = xrealloc(w->wds, (w->cap = w->cap ? w->cap * 2 : 16) * sizeof(*w->wds));
		e = &w->wds[w->n++];
	}
	memset(e, 0, sizeof(*e));
	e->wd = wd;
	e->path = xstrdup(path);
	return e;
}

static void forget(struct watch *w, int wd)
{
	for (size_t i = 0; i < w->n; i++) {
		if (w->wds[i].wd != wd)
			continue;
		free(w->wds[i].path);
		w->wds[i] = w->wds[--w->n];
		return;
	}
}

/* Names an editor or git writes beside the real file. */
static int side_file(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || name[0] == '.' || name[0] == '#' || name[n - 1] == '~' || strcmp(name, "4913") == 0)
		return 1;
	static const char *const ends[] = { ".swp", ".swx", ".swo", ".tmp", ".lock", NULL };
	for (const char *const *e = ends; *e; e++) {
		size_t k = strlen(*e);
		if (n > k && strcmp(name + n - k, *e) == 0)
			return 1;
	}
	return 0;
}

int watch_tree(struct watch *w, const char *dir, unsigned tag)
{
	int wd = inotify_add_watch(w->fd, dir, TREE_EVENTS);
	if (wd < 0)
		return errno == ENOENT || errno == ENOTDIR ? 0 : -1;
	struct wd *e = record(w, wd, dir);
	e->tree = 1;
	e->tag = tag;
	DIR *dh = opendir(dir);
	struct dirent *de;
	struct buf sub = BUF_INIT;
	int r = 0;
	if (!dh)
		return 0;
	while (r == 0 && (de = readdir(dh)) != NULL) {
		struct stat st;
		if (side_file(de->d_name))
			continue;
		buf_clear(&sub);
		buf_printf(&sub, "%s/%s", dir, de->d_name);
		if (lstat(sub.ptr, &st) == 0 && S_ISDIR(st.st_mode))
			r = watch_tree(w, sub.ptr, tag);
	}
	closedir(dh);
	buf_free(&sub);
	return r;
}

int watch_names(struct watch *w, const char *dir, const char *const *names, int trees,
		unsigned tag, const unsigned *tags)
{
	int wd = inotify_add_watch(w->fd, dir, TREE_EVENTS);
	if (wd < 0)
		return errno == ENOENT || errno == ENOTDIR ? 0 : -1;
	struct wd *e = record(w, wd, dir);
	e->names = names;
	e->trees = trees;
	e->tag = tag;
	e->tags = tags;
	return 0;
}

/* The position of name in names, or -1. */
static int listed(const char *const *names, const char *name)
{
	for (int i = 0; names && names[i]; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

int watch_read(struct watch *w, unsigned *tags)
{
	char ev[16 * (sizeof(struct inotify_event) + NAME_MAX + 1)]
		__attribute__((aligned(__alignof__(struct inotify_event))));
	struct buf path = BUF_INIT;
	int changes = 0;

	*tags = 0;
	for (;;) {
		ssize_t len = read(w->fd, ev, sizeof(ev));
		if (len < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				break;
			buf_free(&path);
			return -1;
		}
		for (char *p = ev; p < ev + len;) {
			const struct inotify_event *e = (const struct inotify_event *)p;
			p += sizeof(*e) + e->len;
			if (e->mask & IN_Q_OVERFLOW) {
				/* Some were lost: rebuild everything anyway. */
				changes++;
				*tags = ~0u;
				continue;
			}
			struct wd *d = find(w, e->wd);
			if (e->mask & IN_IGNORED) {
				forget(w, e->wd);
				continue;
			}
			if (!d)
				continue;
			if (e->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
				changes++;
				*tags |= d->tag;
				continue;
			}
			const char *name = e->len ? e->name : "";
			if (!name[0] || side_file(name))
				continue;
			int at = d->tree ? -1 : listed(d->names, name);
			if (!d->tree && at < 0)
				continue;
			unsigned tag = d->tree || !d->tags ? d->tag : d->tags[at];
			changes++;
			*tags |= tag;
			if ((e->mask & IN_ISDIR) && (e->mask & (IN_CREATE | IN_MOVED_TO)) && (d->tree || d->trees)) {
				buf_clear(&path);
				buf_printf(&path, "%s/%s", d->path, name);
				/* d may move when the table grows: nothing of it is used after. */
				watch_tree(w, path.ptr, tag);
			}
		}
	}
	buf_free(&path);
	return changes;
}
