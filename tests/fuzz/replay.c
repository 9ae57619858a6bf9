/* replay: run a fuzz target on its seeds and crashes without libFuzzer,
 * so that `make test` (and `make asan`) replays them with the normal
 * compiler. With no arguments it replays FUZZ_DIR/seeds, FUZZ_DIR/corpus
 * (the minimised corpus, committed) and FUZZ_DIR/crashes; with arguments,
 * the files and folders named. Ends with
 * "fuzz <name>: N passed, 0 failed" (tests/run adds it up); a crash is a
 * crash. */
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>

int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static size_t replayed;

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void one(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, n;
	uint8_t chunk[65536];
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (len + n > cap) {
			cap = (len + n) * 2;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		memcpy(buf + len, chunk, n);
		len += n;
	}
	fclose(f);
	if (getenv("REPLAY_VERBOSE"))
		fprintf(stderr, "%s\n", path);
	LLVMFuzzerTestOneInput(buf ? buf : (const uint8_t *)"", len);
	free(buf);
	replayed++;
}

static void walk(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		one(path);
		return;
	}
	DIR *d = opendir(path);
	struct dirent *e;
	char **names = NULL;
	size_t nn = 0;
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = realloc(names, (nn + 1) * sizeof(*names));
		size_t len = strlen(path) + strlen(e->d_name) + 2;
		names[nn] = malloc(len);
		snprintf(names[nn++], len, "%s/%s", path, e->d_name);
	}
	if (d)
		closedir(d);
	if (nn > 1)
		qsort(names, nn, sizeof(*names), name_cmp);
	for (size_t i = 0; i < nn; i++) {
		walk(names[i]);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			walk(argv[i]);
	} else {
		walk(FUZZ_DIR "/seeds");
		walk(FUZZ_DIR "/corpus");
		walk(FUZZ_DIR "/crashes");
	}
	printf("fuzz %s: %zu passed, 0 failed\n", FUZZ_NAME, replayed);
	return 0;
}
