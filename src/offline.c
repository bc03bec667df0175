/*
 * antisilo reads local repositories only: it never opens a network
 * connection. What libgit2 brings along for one is cut off here.
 *
 * mbedTLS. Debian's libgit2 is built with it, and its global init parses
 * every certificate of /etc/ssl/certs/ca-certificates.crt: about 5 ms, a
 * third of a one-commit hook run. These definitions take the place of
 * mbedTLS's for libgit2, so that init loads no certificate; a TLS
 * connection would then trust nothing, which is right for a program that
 * must never open one. Linked dynamically (LINK=dynamic) the executable
 * comes first in symbol lookup; linked statically (the default, Makefile)
 * the linker sends libgit2's calls here (--wrap).
 *
 * GSSAPI. Linked statically, libgit2's HTTP "Negotiate" authentication
 * would pull in Kerberos: six more shared libraries to map at every start.
 * These stubs fail every call, so that authentication could never start.
 */
#ifdef AS_LINK_STATIC
#define X509_PARSE_FILE __wrap_mbedtls_x509_crt_parse_file
#define X509_PARSE_PATH __wrap_mbedtls_x509_crt_parse_path
#else
#define X509_PARSE_FILE mbedtls_x509_crt_parse_file
#define X509_PARSE_PATH mbedtls_x509_crt_parse_path
#endif

int X509_PARSE_FILE(void *chain, const char *path);
int X509_PARSE_PATH(void *chain, const char *path);

int X509_PARSE_FILE(void *chain, const char *path)
{
	(void)chain, (void)path;
	return 0;
}

int X509_PARSE_PATH(void *chain, const char *path)
{
	(void)chain, (void)path;
	return 0;
}

#ifdef AS_LINK_STATIC
/* GSS_S_FAILURE (RFC 2744): a routine error, "unspecified failure". */
#define GSS_FAILURE 0xd0000u

typedef unsigned int gss_status;

void *GSS_C_NT_HOSTBASED_SERVICE;

gss_status gss_delete_sec_context(gss_status *minor, void *ctx, void *token);
gss_status gss_display_status(gss_status *minor, gss_status status, int type, void *mech,
			      gss_status *more, void *buf);
gss_status gss_import_name(gss_status *minor, void *buf, void *type, void *name);
gss_status gss_indicate_mechs(gss_status *minor, void *set);
gss_status gss_init_sec_context(gss_status *minor, void *cred, void *ctx, void *target,
				void *mech, gss_status flags, gss_status time, void *bindings,
				void *input, void *actual_mech, void *output, gss_status *ret_flags,
				gss_status *ret_time);
gss_status gss_release_buffer(gss_status *minor, void *buf);
gss_status gss_release_name(gss_status *minor, void *name);
gss_status gss_release_oid_set(gss_status *minor, void *set);

static gss_status fail(gss_status *minor)
{
	if (minor)
		*minor = 0;
	return GSS_FAILURE;
}

gss_status gss_delete_sec_context(gss_status *minor, void *ctx, void *token)
{
	(void)ctx, (void)token;
	return fail(minor);
}

gss_status gss_display_status(gss_status *minor, gss_status status, int type, void *mech,
			      gss_status *more, void *buf)
{
	(void)status, (void)type, (void)mech, (void)more, (void)buf;
	return fail(minor);
}

gss_status gss_import_name(gss_status *minor, void *buf, void *type, void *name)
{
	(void)buf, (void)type, (void)name;
	return fail(minor);
}

gss_status gss_indicate_mechs(gss_status *minor, void *set)
{
	(void)set;
	return fail(minor);
}

gss_status gss_init_sec_context(gss_status *minor, void *cred, void *ctx, void *target,
				void *mech, gss_status flags, gss_status time, void *bindings,
				void *input, void *actual_mech, void *output, gss_status *ret_flags,
				gss_status *ret_time)
{
	(void)cred, (void)ctx, (void)target, (void)mech, (void)flags, (void)time;
	(void)bindings, (void)input, (void)actual_mech, (void)output, (void)ret_flags;
	(void)ret_time;
	return fail(minor);
}

gss_status gss_release_buffer(gss_status *minor, void *buf)
{
	(void)buf;
	return fail(minor) & 0;
}

gss_status gss_release_name(gss_status *minor, void *name)
{
	(void)name;
	return fail(minor) & 0;
}

gss_status gss_release_oid_set(gss_status *minor, void *set)
{
	(void)set;
	return fail(minor) & 0;
}
#endif
