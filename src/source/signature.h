#ifndef AS_SIGNATURE_H
#define AS_SIGNATURE_H
/*
 * Who signed a commit (verify_signatures, SPEC §7): the commit's gpgsig
 * header checked with gpg through gpgme (the keyring of $GNUPGHOME) or,
 * for an SSH signature, with `ssh-keygen -Y verify` against an
 * allowed-signers file (git's gpg.ssh.allowedSignersFile format). What
 * the signer's identity means — whose claim it backs — is the caller's to
 * decide through the org chart.
 */
#include <git2.h>

typedef struct {
	int present;         /* the commit carries a signature */
	int good;            /* it verifies */
	char signer[256];    /* the e-mail of the key's user id (gpg) or the
			      * principal (ssh) that made a good signature */
} as_signature;

/*
 * Checks the signature of `commit`. 0 and *out filled (unsigned and bad
 * signatures are not errors), AS_EINTERNAL when the commit cannot be read
 * or gpg / ssh-keygen cannot be run.
 */
int as_signature_check(as_signature *out, git_repository *repo, const git_oid *commit,
		       const char *allowed_signers);

#endif
