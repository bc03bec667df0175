#ifndef AS_TEST_CONFIG_TOOL_H
#define AS_TEST_CONFIG_TOOL_H
/* test-tool subcommands for the configuration layer (config_tool.c). */

/* test-tool resolve RULES TEXT...: the person id each TEXT resolves to, or "-" */
int cmd__resolve(int argc, char **argv);
/* test-tool relation RULES ACTOR SUBJECT: the relation name, actor to subject */
int cmd__relation(int argc, char **argv);

#endif
