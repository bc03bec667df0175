#ifndef AS_TEST_BENCH_TOOL_H
#define AS_TEST_BENCH_TOOL_H
/* test-tool bench-patterns RULES [...]: the shipped patterns against
 * adversarial inputs (bench_tool.c; bench/patterns.sh runs it). */
int cmd__bench_patterns(int argc, char **argv);

#endif
