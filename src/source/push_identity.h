#ifndef AS_PUSH_IDENTITY_H
#define AS_PUSH_IDENTITY_H
/*
 * Who pushed: the identity the git server authenticated, as it hands it
 * to its hooks. Never $USER: on most servers every push runs as the
 * shared `git` account. In the order tried:
 *
 *   pusher_env of [antisilo]   an SSH setup's own variable (e.g. set by an
 *                              authorized_keys command= option)
 *   GL_USERNAME                GitLab (GL_ID is "user-N")
 *   GITEA_PUSHER_NAME          Gitea, Forgejo (GITEA_PUSHER_EMAIL too)
 *   GITHUB_USER_LOGIN          GitHub Enterprise Server
 *   GL_USER                    gitolite
 *   REMOTE_USER                git http-backend behind an authenticating
 *                              web server
 */
#include <stddef.h>

typedef struct {
	char name[256];      /* as the server gives it: a login or a name */
	char email[256];     /* "" unless the server gives one (Gitea) */
	const char *from;    /* the variable it came from */
} as_push_identity;

/* 0 and *out filled, or AS_ENOTFOUND when no source sets one. */
int as_push_identity_read(as_push_identity *out, const char *pusher_env);

#endif
