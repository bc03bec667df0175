#include "source/push_identity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"

static int take(as_push_identity *out, const char *var)
{
	const char *v = var ? getenv(var) : NULL;
	if (!v || !*v)
		return 0;
	snprintf(out->name, sizeof(out->name), "%s", v);
	out->from = var;
	return 1;
}

int as_push_identity_read(as_push_identity *out, const char *pusher_env)
{
	static const char *const vars[] = {
		"GL_USERNAME", "GITEA_PUSHER_NAME", "GITHUB_USER_LOGIN", "GL_USER", "REMOTE_USER",
	};
	memset(out, 0, sizeof(*out));
	if (pusher_env && take(out, pusher_env))
		return 0;
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		if (!take(out, vars[i]))
			continue;
		const char *email = getenv("GITEA_PUSHER_EMAIL");
		if (!strcmp(vars[i], "GITEA_PUSHER_NAME") && email)
			snprintf(out->email, sizeof(out->email), "%s", email);
		return 0;
	}
	return AS_ENOTFOUND;
}
