#ifndef AS_TEST_MESSAGE_TOOL_H
#define AS_TEST_MESSAGE_TOOL_H
/* test-tool subcommands for the message model (message_tool.c). */

/* test-tool regions [FILE]: the regions of one message */
int cmd__regions(int argc, char **argv);

/* test-tool directives RULES [FILE]: what the directive engine sees */
int cmd__directives(int argc, char **argv);

#endif
