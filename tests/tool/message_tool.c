/*
 * test-tool regions [FILE]: the regions of one message (stdin), one line
 * each: the region's kind, a tab, its text with newlines shown as "\n".
 * Then the model's facts, when there are any: "trailers START END",
 * "cherry-pick HEX", "revert", "gitlab-merge".
 */
#include "message_tool.h"

#include <stdio.h>

#include "source/message.h"
#include "util/buf.h"

int cmd__regions(int argc, char **argv)
{
	FILE *f = stdin;
	as_buf msg = AS_BUF_INIT;
	as_message m;
	char chunk[65536];
	size_t r;

	if (argc > 2) {
		fprintf(stderr, "usage: test-tool regions [FILE]\n");
		return 2;
	}
	if (argc == 2 && !(f = fopen(argv[1], "rb"))) {
		perror(argv[1]);
		return 2;
	}
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0)
		as_buf_put(&msg, chunk, r);
	if (f != stdin)
		fclose(f);
	as_message_init(&m);
	as_message_parse(&m, as_buf_cstr(&msg), msg.len);
	for (size_t i = 0; i < m.nr; i++) {
		printf("%s\t", as_region_names[m.items[i].kind]);
		for (size_t k = m.items[i].start; k < m.items[i].end; k++) {
			if (msg.ptr[k] == '\n')
				fputs("\\n", stdout);
			else
				putchar(msg.ptr[k]);
		}
		putchar('\n');
	}
	if (m.trailer_start < m.trailer_end)
		printf("trailers %zu %zu\n", m.trailer_start, m.trailer_end);
	if (m.cherry_from[0])
		printf("cherry-pick %s\n", m.cherry_from);
	if (m.revert)
		printf("revert\n");
	if (m.gitlab_merge)
		printf("gitlab-merge\n");
	as_message_free(&m);
	as_buf_free(&msg);
	return 0;
}
