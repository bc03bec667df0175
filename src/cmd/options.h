#ifndef AS_OPTIONS_H
#define AS_OPTIONS_H
/*
 * Command-line options, parsed one way for every command (git's
 * parse-options model): a command lists the options it takes in a table
 * whose entries point at its own variables; cmd_parse_options() fills
 * them. Options come in any order among the arguments, as `--name VALUE`,
 * `--name=VALUE` or `-x VALUE`; `--` ends them. Every command also takes
 * --help (-h) and --color=auto|always|never, so no table lists them.
 *
 * The options several commands share are defined once, below (CMD_OPT_REPO,
 * CMD_OPT_RULES, ...), with the same name, type and bounds everywhere.
 */
#include <stddef.h>

typedef enum {
	CMD_OPT_STRING,  /* const char **: the value (the last one given) */
	CMD_OPT_LIST,    /* cmd_list *: every value, in order (repeatable) */
	CMD_OPT_FLAG,    /* int *: set to 1 */
	CMD_OPT_INT,     /* int *: a whole number in [min, max] */
	CMD_OPT_NUMBER,  /* double *: a number in [min, max] */
} cmd_opt_type;

typedef struct {
	const char *name;   /* "repo" for --repo; NULL ends a table */
	char short_name;    /* 'n' for -n, 0 for none */
	cmd_opt_type type;
	void *value;
	double min, max;    /* CMD_OPT_INT, CMD_OPT_NUMBER */
	const char *what;   /* CMD_OPT_INT, CMD_OPT_NUMBER: "a number of threads" */
} cmd_option;

/* Repeatable values and positional arguments. */
typedef struct {
	const char **items;
	size_t nr, alloc;
} cmd_list;

void cmd_list_add(cmd_list *l, const char *s);
void cmd_list_free(cmd_list *l);

#define CMD_OPT_END { NULL, 0, CMD_OPT_FLAG, NULL, 0, 0, NULL }
#define CMD_OPT_REPO(v) { "repo", 0, CMD_OPT_STRING, (v), 0, 0, NULL }
#define CMD_OPT_RULES(v) { "rules", 0, CMD_OPT_STRING, (v), 0, 0, NULL }
#define CMD_OPT_JOBS(v, max) { "jobs", 0, CMD_OPT_INT, (v), 1, (max), "a number of threads" }

/* --color: auto (a terminal, and NO_COLOR unset or empty), always, never. */
typedef enum { CMD_COLOR_AUTO, CMD_COLOR_ALWAYS, CMD_COLOR_NEVER } cmd_color;
extern cmd_color cmd_color_mode;
/* Should output to `fd` be coloured? */
int cmd_use_color(int fd);

/*
 * Parses argv[1..argc) (argv[0] is the command's name) against `table`.
 * Arguments that are not options go to `args`, in order; with args NULL
 * the command takes none. Returns 0; -1 after printing `usage` for
 * --help (exit 0); or 2 after printing one line that names the problem
 * and "see antisilo CMD --help" (a usage error).
 */
int cmd_parse_options(int argc, char **argv, const cmd_option *table,
		      const char *usage, cmd_list *args);

#endif
