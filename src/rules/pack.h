/* pack.h - signed rule packs: keys, the pack file, installing and finding them.
 *
 * A rule pack is one file carrying a rule set (its *.rules files), a manifest
 * (rule set name, version, the oldest trainable that can load it, the size
 * and SHA-256 of every file) and an Ed25519 signature over the manifest. The
 * format is documented in rules/README.md ("Rule packs"):
 *
 *   trainable rule pack 1
 *   ruleset NAME
 *   version V                      digits and dots: 2026.11.28
 *   requires V                     the oldest trainable that loads it
 *   file NAME SIZE SHA256HEX       one per *.rules file, names in byte order
 *   signature ED25519HEX           over every byte before this line
 *   <the files' bytes, back to back, in manifest order>
 *
 * Cryptography is libsodium's (Ed25519 signatures, SHA-256): one small
 * library with both, no configuration to get wrong, in Debian as
 * libsodium-dev. Key files are one line of text:
 *   trainable-public-key ed25519 <32 bytes hex>
 *   trainable-secret-key ed25519 <64 bytes hex: libsodium's seed + public key>
 * A key is named by its id: the first 8 bytes of the SHA-256 of the public
 * key, in hex.
 *
 * Installed packs live in the store, $XDG_DATA_HOME/trainable/rules/ (default
 * ~/.local/share/trainable/rules/): one folder per version holding the pack
 * file as received ("pack") and, when the key that verified it is not built
 * into the binary, that key ("signer.pub"). Every read of an installed pack
 * verifies it again.
 *
 * The library never prints. Errors come back as a tr_err and a malloc'd
 * message (*errmsg, caller frees). Ownership is stated per function.
 */
#ifndef TR_PACK_H
#define TR_PACK_H

#include <stddef.h>

#include "error.h"
#include "rules.h"

#define TR_PACK_FORMAT 1
#define TR_PACK_MAX_BYTES (64u << 20)      /* a pack file read, at most */
#define TR_PACK_MAX_FILES 256

typedef struct tr_keyring {
    unsigned char (*keys)[32]; /* Ed25519 public keys, owned */
    unsigned char *builtin;    /* per key: built into the binary */
    size_t n;
} tr_keyring;

/* Prepare libsodium (idempotent). 0, or -1 when it cannot be used. */
int tr_crypto_init(void);

/* Make a key pair and write it to two new files (never replaced: an
 * existing file is an error). The secret file is readable by its owner
 * only. On TR_OK *keyid (caller frees) names the key. */
tr_err tr_key_generate(const char *secret_path, const char *public_path, char **keyid, char **errmsg);

/* The id of a public key: 16 hex digits into id[17]. */
void tr_key_id(const unsigned char pk[32], char id[17]);

/* Add the keys built into the binary (the .pub files of rules/keys/ at build time). */
tr_err tr_keyring_add_builtin(tr_keyring *kr, char **errmsg);
/* Add the public key of a key file (a "trainable-public-key" line). */
tr_err tr_keyring_add_file(tr_keyring *kr, const char *path, char **errmsg);
void tr_keyring_free(tr_keyring *kr); /* frees the keys, not kr */

/* A verified pack. The sources' texts point into buf; names are owned. */
typedef struct tr_pack {
    char *name, *version, *requires;
    char keyid[17];          /* the key that verified it */
    unsigned char key[32];
    int builtin_key;         /* that key is built into the binary */
    tr_rule_source *files;   /* layer 0 */
    size_t nfiles;
    char *buf;               /* the whole pack file, owned */
    size_t len;
} tr_pack;

/* Read the *.rules files of dir (name order), sign a manifest naming the
 * rule set (name, version, requires: from the loaded set; a set without
 * `requires` gets this trainable's version) with the secret key file, and
 * write the pack to out_path (a temporary file beside it, renamed when
 * complete). The caller has checked the rule set. */
tr_err tr_pack_write(const char *dir, const tr_rules *rules, const char *secret_path, const char *out_path,
                     char **errmsg);

/* Parse buf (taken over: freed by tr_pack_free, also on failure), verify the
 * signature with one of kr's keys, then every file's size and hash. */
tr_err tr_pack_open(char *buf, size_t len, const tr_keyring *kr, tr_pack **out, char **errmsg);
/* Read a pack file (at most TR_PACK_MAX_BYTES) and tr_pack_open it. */
tr_err tr_pack_read(const char *path, const tr_keyring *kr, tr_pack **out, char **errmsg);
void tr_pack_free(tr_pack *p);

/* Nonzero when v is a rule set version a pack can carry: digits and dots,
 * starting and ending with a digit, at most 32 characters. */
int tr_pack_version_valid(const char *v);

/* The store folder (malloc'd), or NULL when neither XDG_DATA_HOME (an
 * absolute path) nor HOME is set. */
char *tr_pack_store_dir(void);

/* What is installed: one entry per version folder of the store, newest
 * first. An entry whose pack verifies has pack set; problem says why it
 * cannot be used (damaged, altered, unknown key, needs a newer trainable),
 * or is NULL. */
typedef struct tr_installed {
    char *version; /* the folder's name */
    char *path;    /* the installed pack file */
    tr_pack *pack; /* verified, or NULL */
    char *problem; /* NULL when usable */
} tr_installed;

/* List and verify the store's packs against kr (the built-in keys) plus
 * each folder's own signer.pub. A store that does not exist is empty. */
tr_err tr_pack_installed(const char *store, const tr_keyring *kr, tr_installed **out, size_t *n, char **errmsg);
void tr_installed_free(tr_installed *v, size_t n);

typedef struct tr_install_opts {
    int allow_downgrade; /* install a version not newer than the newest installed
                            (the newer ones are then removed) */
} tr_install_opts;

/* Verify pack_path against kr (built-in keys plus those the user trusts),
 * check that its rules load and suit this trainable and that its version is
 * newer than every installed one, then install it atomically (a temporary
 * folder renamed into place). Any failure changes nothing in the store and
 * returns TR_ERR_RULES (the pack is refused) or TR_ERR_IO, with *errmsg.
 * On TR_OK *installed (caller tr_pack_free's it) is the pack and *where
 * (caller frees) its folder. */
tr_err tr_pack_install(const char *store, const char *pack_path, const tr_keyring *kr, const tr_install_opts *o,
                       tr_pack **installed, char **where, char **errmsg);

/* Remove the installed version (its folder is renamed away, then deleted). */
tr_err tr_pack_uninstall(const char *store, const char *version, char **errmsg);

#endif
