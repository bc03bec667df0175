#include "source/signature.h"

#include <errno.h>
#include <fcntl.h>
#include <gpgme.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

extern char **environ;

/* The e-mail of "Name <e-mail>", or the whole text. */
static void email_of(char *out, size_t size, const char *uid)
{
	const char *lt = strchr(uid, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	if (lt && gt)
		snprintf(out, size, "%.*s", (int)(gt - lt - 1), lt + 1);
	else
		snprintf(out, size, "%s", uid);
}

static int check_gpg(as_signature *out, const git_buf *sig, const git_buf *data)
{
	static int ready;
	gpgme_ctx_t ctx = NULL;
	gpgme_data_t s = NULL, d = NULL;
	int err = 0;

	if (!ready) {
		gpgme_check_version(NULL);
		ready = 1;
	}
	if (gpgme_new(&ctx) || gpgme_data_new_from_mem(&s, sig->ptr, sig->size, 0) ||
	    gpgme_data_new_from_mem(&d, data->ptr, data->size, 0)) {
		err = as_error_set(AS_EINTERNAL, "gpgme: cannot set up a verification");
		goto done;
	}
	gpgme_set_protocol(ctx, GPGME_PROTOCOL_OpenPGP);
	if (gpgme_op_verify(ctx, s, d, NULL) == 0) {
		gpgme_verify_result_t r = gpgme_op_verify_result(ctx);
		gpgme_signature_t g = r ? r->signatures : NULL;
		gpgme_key_t key = NULL;
		if (g && gpg_err_code(g->status) == GPG_ERR_NO_ERROR && g->fpr &&
		    gpgme_get_key(ctx, g->fpr, &key, 0) == 0 && key) {
			/* the first user id with an e-mail */
			for (gpgme_user_id_t u = key->uids; u && !out->good; u = u->next) {
				if (u->revoked || u->invalid || !u->uid)
					continue;
				email_of(out->signer, sizeof(out->signer), u->email && *u->email ? u->email : u->uid);
				out->good = 1;
			}
		}
		gpgme_key_unref(key);
	}
done:
	gpgme_data_release(s);
	gpgme_data_release(d);
	gpgme_release(ctx);
	return err;
}

/* Writes `len` bytes to a new temporary file; its path in `path`. */
static int temp_file(as_buf *path, const char *what, const char *bytes, size_t len)
{
	const char *dir = getenv("TMPDIR");
	as_buf_printf(path, "%s/antisilo-%s.XXXXXX", dir && *dir ? dir : "/tmp", what);
	int fd = mkstemp(path->ptr);
	if (fd < 0)
		return as_error_set(AS_EINTERNAL, "cannot write a temporary file: %s", strerror(errno));
	size_t off = 0;
	while (off < len) {
		ssize_t n = write(fd, bytes + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			unlink(path->ptr);
			return as_error_set(AS_EINTERNAL, "cannot write a temporary file: %s",
					    strerror(errno));
		}
		off += (size_t)n;
	}
	close(fd);
	return 0;
}

/* Runs ssh-keygen with `args` (NULL-terminated, ssh-keygen's own name
 * first), stdin from `in`; its first output line in `line` (may be NULL).
 * Returns its exit status, or -1. */
static int ssh_keygen(const char *const *args, const char *in, char *line, size_t size)
{
	posix_spawn_file_actions_t fa;
	int pipefd[2], status = -1;
	pid_t pid;
	char *argv[16];
	size_t n = 0;

	for (; args[n] && n + 1 < sizeof(argv) / sizeof(argv[0]); n++)
		argv[n] = strdup(args[n]);
	argv[n] = NULL;
	for (size_t i = 0; i < n; i++)
		if (!argv[i])
			as_die_oom();
	if (pipe(pipefd) < 0) {
		for (size_t i = 0; i < n; i++)
			free(argv[i]);
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, in ? in : "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addclose(&fa, pipefd[0]);
	int rc = posix_spawnp(&pid, "ssh-keygen", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	for (size_t i = 0; i < n; i++)
		free(argv[i]);
	close(pipefd[1]);
	if (rc != 0) {
		close(pipefd[0]);
		return -1;
	}
	FILE *f = fdopen(pipefd[0], "r");
	char buf[512];
	if (f && line) {
		line[0] = '\0';
		if (fgets(buf, sizeof(buf), f)) {
			size_t len = strcspn(buf, "\r\n");
			if (len >= size)
				len = size - 1;
			memcpy(line, buf, len);
			line[len] = '\0';
		}
	}
	while (f && fgets(buf, sizeof(buf), f))
		; /* drain */
	if (f)
		fclose(f);
	else
		close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int check_ssh(as_signature *out, const git_buf *sig, const git_buf *data,
		     const char *allowed)
{
	as_buf sigf = AS_BUF_INIT, dataf = AS_BUF_INIT;
	char principal[256];
	int err;

	if (!allowed)
		return 0; /* nobody is allowed: not good */
	if ((err = temp_file(&sigf, "sig", sig->ptr, sig->size)) < 0)
		goto done;
	if ((err = temp_file(&dataf, "data", data->ptr, data->size)) < 0)
		goto done;
	const char *find[] = { "ssh-keygen", "-Y", "find-principals", "-s", sigf.ptr, "-f",
			       allowed, NULL };
	int st = ssh_keygen(find, NULL, principal, sizeof(principal));
	if (st < 0) {
		err = as_error_set(AS_EINTERNAL, "cannot run ssh-keygen to check a signature");
		goto done;
	}
	if (st == 0 && principal[0]) {
		const char *verify[] = { "ssh-keygen", "-Y", "verify", "-f", allowed, "-I",
					 principal, "-n", "git", "-s", sigf.ptr, NULL };
		if (ssh_keygen(verify, dataf.ptr, NULL, 0) == 0) {
			out->good = 1;
			snprintf(out->signer, sizeof(out->signer), "%s", principal);
		}
	}
done:
	if (sigf.len)
		unlink(sigf.ptr);
	if (dataf.len)
		unlink(dataf.ptr);
	as_buf_free(&sigf);
	as_buf_free(&dataf);
	return err;
}

int as_signature_check(as_signature *out, git_repository *repo, const git_oid *commit,
		       const char *allowed_signers)
{
	git_buf sig = GIT_BUF_INIT, data = GIT_BUF_INIT;
	int err = 0;

	git_oid id;
	memset(out, 0, sizeof(*out));
	git_oid_cpy(&id, commit);
	int rc = git_commit_extract_signature(&sig, &data, repo, &id, NULL);
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		return 0;
	}
	if (rc < 0)
		return as_error_git(AS_EINTERNAL, "reading a commit's signature");
	out->present = 1;
	if (sig.size >= 29 && !memcmp(sig.ptr, "-----BEGIN SSH SIGNATURE-----", 29))
		err = check_ssh(out, &sig, &data, allowed_signers);
	else
		err = check_gpg(out, &sig, &data);
	git_buf_dispose(&sig);
	git_buf_dispose(&data);
	return err;
}
