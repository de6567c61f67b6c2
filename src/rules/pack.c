/* pack.c - signed rule packs (format and store: pack.h).
 *
 * Verification order matters: the manifest's signature is checked before
 * anything the manifest says is believed, then every file's size and
 * SHA-256. Installing writes into a temporary folder of the store and renames
 * it into place, so a failure leaves the store as it was.
 *
 * Ownership: every function frees what it allocates on one cleanup path;
 * returned packs, lists and messages belong to the caller.
 */
#include "pack.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

/* The release keys, generated at build time from the .pub files of rules/keys/. */
extern const char *const tr_builtin_keys[];
extern const size_t tr_builtin_keys_count;

#define MAGIC "trainable rule pack "
#define PUB_PREFIX "trainable-public-key ed25519 "
#define SEC_PREFIX "trainable-secret-key ed25519 "
#define MAX_NAME 100

static tr_err fail(char **errmsg, tr_err rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    free(*errmsg);
    *errmsg = NULL;
    if (vasprintf(errmsg, fmt, ap) < 0) *errmsg = NULL;
    va_end(ap);
    return rc;
}

int tr_crypto_init(void)
{
    return sodium_init() < 0 ? -1 : 0;
}

void tr_key_id(const unsigned char pk[32], char id[17])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, pk, 32);
    sodium_bin2hex(id, 17, h, 8);
}

/* ---- small file helpers ------------------------------------------------------ */

/* Read at most max bytes of path into a malloc'd, NUL-terminated buffer. */
static tr_err slurp(const char *path, size_t max, char **out, size_t *len, char **errmsg)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    tr_err rc = TR_OK;

    *out = NULL;
    if (!f) return fail(errmsg, TR_ERR_IO, "cannot open %s: %s", path, strerror(errno));
    for (;;) {
        if (n + 1 >= cap) {
            cap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, cap);
            if (!nb) { rc = TR_ERR_NOMEM; goto out; }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (n > max) { rc = fail(errmsg, TR_ERR_LIMIT, "%s is larger than %zu bytes", path, max); goto out; }
        if (got == 0) break;
    }
    if (ferror(f)) { rc = fail(errmsg, TR_ERR_IO, "cannot read %s: %s", path, strerror(errno)); goto out; }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    buf = NULL;
out:
    fclose(f);
    free(buf);
    return rc;
}

/* Write len bytes to a new file (O_EXCL) with mode, and sync it. */
static tr_err write_new(const char *path, const void *data, size_t len, mode_t mode, char **errmsg)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    const char *p = data;
    tr_err rc = TR_OK;
    if (fd < 0) return fail(errmsg, TR_ERR_IO, "cannot create %s: %s", path, strerror(errno));
    while (len) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) { rc = fail(errmsg, TR_ERR_IO, "cannot write %s: %s", path, strerror(errno)); goto out; }
        p += w;
        len -= (size_t)w;
    }
    if (fsync(fd) != 0) rc = fail(errmsg, TR_ERR_IO, "cannot write %s: %s", path, strerror(errno));
out:
    if (close(fd) != 0 && rc == TR_OK) rc = fail(errmsg, TR_ERR_IO, "cannot write %s: %s", path, strerror(errno));
    if (rc != TR_OK) unlink(path);
    return rc;
}

static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* Remove a folder this module made: regular files only, no subfolders. */
static int remove_flat_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int rc = 0;
    if (!d) return -1;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (unlinkat(dirfd(d), e->d_name, 0) != 0) rc = -1;
    }
    closedir(d);
    if (rmdir(dir) != 0) rc = -1;
    return rc;
}

/* mkdir -p, for the store's own folders. */
static int make_dirs(const char *path)
{
    char *p = strdup(path);
    int rc = 0;
    if (!p) return -1;
    for (char *s = p + 1; *s && rc == 0; s++) {
        if (*s != '/') continue;
        *s = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST) rc = -1;
        *s = '/';
    }
    if (rc == 0 && mkdir(p, 0755) != 0 && errno != EEXIST) rc = -1;
    free(p);
    return rc;
}

/* ---- keys -------------------------------------------------------------------- */

/* Parse "PREFIX HEX\n" with exactly n bytes of hex. */
static int parse_key_line(const char *text, size_t len, const char *prefix, unsigned char *out, size_t n)
{
    size_t pl = strlen(prefix), bin = 0;
    const char *end = NULL;
    while (len && (text[len - 1] == '\n' || text[len - 1] == '\r' || text[len - 1] == ' ')) len--;
    if (len != pl + 2 * n || memcmp(text, prefix, pl) != 0) return -1;
    if (sodium_hex2bin(out, n, text + pl, 2 * n, NULL, &bin, &end) != 0 || bin != n || end != text + len) return -1;
    return 0;
}

tr_err tr_key_generate(const char *secret_path, const char *public_path, char **keyid, char **errmsg)
{
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    char hex[2 * crypto_sign_SECRETKEYBYTES + 1], *line = NULL, id[17];
    tr_err rc = TR_OK;
    int wrote_secret = 0;

    *keyid = NULL;
    if (tr_crypto_init() != 0) return fail(errmsg, TR_ERR_INTERNAL, "libsodium cannot be initialised");
    if (!strcmp(secret_path, public_path)) return fail(errmsg, TR_ERR_USAGE, "the secret and public key files are the same");
    crypto_sign_keypair(pk, sk);
    sodium_bin2hex(hex, sizeof hex, sk, sizeof sk);
    if (asprintf(&line, "%s%s\n", SEC_PREFIX, hex) < 0) { line = NULL; rc = TR_ERR_NOMEM; goto out; }
    rc = write_new(secret_path, line, strlen(line), 0600, errmsg);
    if (rc != TR_OK) goto out;
    wrote_secret = 1;
    sodium_memzero(line, strlen(line));
    free(line);
    sodium_bin2hex(hex, sizeof hex, pk, sizeof pk);
    if (asprintf(&line, "%s%s\n", PUB_PREFIX, hex) < 0) { line = NULL; rc = TR_ERR_NOMEM; goto out; }
    rc = write_new(public_path, line, strlen(line), 0644, errmsg);
    if (rc != TR_OK) goto out;
    tr_key_id(pk, id);
    if (!(*keyid = strdup(id))) rc = TR_ERR_NOMEM;
out:
    if (rc != TR_OK && wrote_secret) unlink(secret_path);
    sodium_memzero(sk, sizeof sk);
    sodium_memzero(hex, sizeof hex);
    free(line);
    return rc;
}

static tr_err keyring_add(tr_keyring *kr, const unsigned char pk[32], int builtin)
{
    for (size_t i = 0; i < kr->n; i++)
        if (!memcmp(kr->keys[i], pk, 32)) {
            kr->builtin[i] |= (unsigned char)builtin;
            return TR_OK;
        }
    unsigned char(*k)[32] = realloc(kr->keys, (kr->n + 1) * sizeof *k);
    if (!k) return TR_ERR_NOMEM;
    kr->keys = k;
    unsigned char *b = realloc(kr->builtin, kr->n + 1);
    if (!b) return TR_ERR_NOMEM;
    kr->builtin = b;
    memcpy(kr->keys[kr->n], pk, 32);
    kr->builtin[kr->n++] = (unsigned char)builtin;
    return TR_OK;
}

tr_err tr_keyring_add_builtin(tr_keyring *kr, char **errmsg)
{
    unsigned char pk[32];
    for (size_t i = 0; i < tr_builtin_keys_count; i++) {
        if (parse_key_line(tr_builtin_keys[i], strlen(tr_builtin_keys[i]), PUB_PREFIX, pk, 32) != 0)
            return fail(errmsg, TR_ERR_INTERNAL, "built-in key %zu is not a public key", i + 1);
        if (keyring_add(kr, pk, 1) != TR_OK) return TR_ERR_NOMEM;
    }
    return TR_OK;
}

tr_err tr_keyring_add_file(tr_keyring *kr, const char *path, char **errmsg)
{
    char *text = NULL;
    size_t len = 0;
    unsigned char pk[32];
    tr_err rc = slurp(path, 4096, &text, &len, errmsg);
    if (rc != TR_OK) goto out;
    if (parse_key_line(text, len, PUB_PREFIX, pk, 32) != 0) {
        rc = fail(errmsg, TR_ERR_USAGE, "%s is not a public key file (one line: %sHEX)", path, PUB_PREFIX);
        goto out;
    }
    rc = keyring_add(kr, pk, 0);
out:
    free(text);
    return rc;
}

void tr_keyring_free(tr_keyring *kr)
{
    free(kr->keys);
    free(kr->builtin);
    memset(kr, 0, sizeof *kr);
}

/* ---- the pack file --------------------------------------------------------------- */

int tr_pack_version_valid(const char *v)
{
    size_t n = strlen(v);
    if (n == 0 || n > 32 || v[0] == '.' || v[n - 1] == '.') return 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] == '.' && v[i + 1] == '.') return 0;
        if (v[i] != '.' && (v[i] < '0' || v[i] > '9')) return 0;
    }
    return 1;
}

static int chars_valid(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '-'))
            return 0;
    }
    return 1;
}

/* A rule set name: letters, digits, . _ -, at most 64 characters. */
static int name_valid(const char *s, size_t n)
{
    return n > 0 && n <= 64 && chars_valid(s, n);
}

/* A file name a pack may carry: NAME.rules, no folder, no leading dot. */
static int file_name_valid(const char *s, size_t n)
{
    return n > 6 && n <= MAX_NAME && s[0] != '.' && s[0] != '-' && !memcmp(s + n - 6, ".rules", 6) && chars_valid(s, n);
}

void tr_pack_free(tr_pack *p)
{
    if (!p) return;
    free(p->name);
    free(p->version);
    free(p->requires);
    for (size_t i = 0; i < p->nfiles; i++) free((char *)p->files[i].name);
    free(p->files);
    free(p->buf);
    free(p);
}

/* Nonzero when s[0..n) is lowercase hex: the one spelling a pack has, so
 * that no changed byte leaves a pack valid. */
static int lower_hex(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return 0;
    return 1;
}

/* The next line of [*at, end): its start and length (without '\n'); -1 when
 * no complete line is left. */
static int next_line(const char **at, const char *end, const char **line, size_t *len)
{
    const char *nl = memchr(*at, '\n', (size_t)(end - *at));
    if (!nl) return -1;
    *line = *at;
    *len = (size_t)(nl - *at);
    *at = nl + 1;
    return 0;
}

/* "KEY VALUE" with a valid value: a malloc'd copy of VALUE, or NULL. */
static char *field(const char *line, size_t len, const char *key, int version)
{
    size_t kl = strlen(key);
    if (len <= kl + 1 || memcmp(line, key, kl) != 0 || line[kl] != ' ') return NULL;
    char *v = strndup(line + kl + 1, len - kl - 1);
    if (v && !(version ? tr_pack_version_valid(v) : name_valid(v, strlen(v)))) {
        free(v);
        v = NULL;
    }
    return v;
}

tr_err tr_pack_open(char *buf, size_t len, const tr_keyring *kr, tr_pack **out, char **errmsg)
{
    const char *at = buf, *end = buf + len, *line, *sigline = NULL;
    size_t ll, total = 0;
    tr_pack *p = NULL;
    unsigned char (*sums)[32] = NULL;
    size_t *sizes = NULL;
    unsigned char sig[crypto_sign_BYTES];
    tr_err rc = TR_OK;
    int verified = 0;

    *out = NULL;
    if (tr_crypto_init() != 0) { rc = fail(errmsg, TR_ERR_INTERNAL, "libsodium cannot be initialised"); goto out; }
    if (!(p = calloc(1, sizeof *p))) { rc = TR_ERR_NOMEM; goto out; }
    p->buf = buf;
    p->len = len;
    buf = NULL;
    if (next_line(&at, end, &line, &ll) != 0 || ll < strlen(MAGIC) || memcmp(line, MAGIC, strlen(MAGIC)) != 0) {
        rc = fail(errmsg, TR_ERR_RULES, "not a trainable rule pack (it does not start with '%s%d')", MAGIC, TR_PACK_FORMAT);
        goto out;
    }
    if (ll != strlen(MAGIC) + 1 || line[ll - 1] != '0' + TR_PACK_FORMAT) {
        rc = fail(errmsg, TR_ERR_RULES, "pack format '%.*s' is not one this trainable reads (format %d): a newer trainable is needed",
                  (int)(ll - strlen(MAGIC) > 20 ? 20 : ll - strlen(MAGIC)), line + strlen(MAGIC), TR_PACK_FORMAT);
        goto out;
    }
    if (next_line(&at, end, &line, &ll) != 0 || !(p->name = field(line, ll, "ruleset", 0)) ||
        next_line(&at, end, &line, &ll) != 0 || !(p->version = field(line, ll, "version", 1)) ||
        next_line(&at, end, &line, &ll) != 0 || !(p->requires = field(line, ll, "requires", 1))) {
        rc = fail(errmsg, TR_ERR_RULES, "damaged manifest: expected the lines ruleset, version and requires");
        goto out;
    }
    for (;;) {
        const char *start = at;
        if (next_line(&at, end, &line, &ll) != 0) {
            rc = fail(errmsg, TR_ERR_RULES, "damaged manifest: no signature line");
            goto out;
        }
        if (ll > 10 && !memcmp(line, "signature ", 10)) {
            sigline = start;
            size_t bin = 0;
            const char *hend = NULL;
            if (ll != 10 + 2 * sizeof sig || !lower_hex(line + 10, ll - 10) ||
                sodium_hex2bin(sig, sizeof sig, line + 10, ll - 10, NULL, &bin, &hend) != 0 || bin != sizeof sig) {
                rc = fail(errmsg, TR_ERR_RULES, "damaged manifest: the signature line is not %zu lowercase hex digits", 2 * sizeof sig);
                goto out;
            }
            break;
        }
        /* file NAME SIZE SHA256 */
        const char *sp1 = ll > 5 && !memcmp(line, "file ", 5) ? memchr(line + 5, ' ', ll - 5) : NULL;
        const char *sp2 = sp1 ? memchr(sp1 + 1, ' ', (size_t)(line + ll - sp1 - 1)) : NULL;
        char num[24];
        size_t nlen = sp1 ? (size_t)(sp1 - line - 5) : 0, slen = sp2 ? (size_t)(sp2 - sp1 - 1) : 0, bin = 0;
        if (!sp2 || p->nfiles == TR_PACK_MAX_FILES || !file_name_valid(line + 5, nlen) || slen == 0 || slen > 9 ||
            (size_t)(line + ll - sp2 - 1) != 64) {
            rc = fail(errmsg, TR_ERR_RULES, "damaged manifest: line %zu is not 'file NAME.rules SIZE SHA256'", p->nfiles + 5);
            goto out;
        }
        memcpy(num, sp1 + 1, slen);
        num[slen] = '\0';
        if (strspn(num, "0123456789") != slen) {
            rc = fail(errmsg, TR_ERR_RULES, "damaged manifest: the size of file %zu is not a number", p->nfiles + 1);
            goto out;
        }
        tr_rule_source *f = realloc(p->files, (p->nfiles + 1) * sizeof *f);
        if (!f) { rc = TR_ERR_NOMEM; goto out; }
        p->files = f;
        unsigned char(*s)[32] = realloc(sums, (p->nfiles + 1) * sizeof *s);
        if (!s) { rc = TR_ERR_NOMEM; goto out; }
        sums = s;
        size_t *z = realloc(sizes, (p->nfiles + 1) * sizeof *z);
        if (!z) { rc = TR_ERR_NOMEM; goto out; }
        sizes = z;
        memset(&p->files[p->nfiles], 0, sizeof *p->files);
        if (!(p->files[p->nfiles].name = strndup(line + 5, nlen))) { rc = TR_ERR_NOMEM; goto out; }
        sizes[p->nfiles] = (size_t)strtoull(num, NULL, 10);
        if (!lower_hex(sp2 + 1, 64) || sodium_hex2bin(sums[p->nfiles], 32, sp2 + 1, 64, NULL, &bin, NULL) != 0 ||
            bin != 32) {
            p->nfiles++;
            rc = fail(errmsg, TR_ERR_RULES, "damaged manifest: the SHA-256 of %s is not lowercase hex", p->files[p->nfiles - 1].name);
            goto out;
        }
        p->nfiles++;
        if (p->nfiles > 1 && strcmp(p->files[p->nfiles - 2].name, p->files[p->nfiles - 1].name) >= 0) {
            rc = fail(errmsg, TR_ERR_RULES, "damaged manifest: file names are not in order (%s)", p->files[p->nfiles - 1].name);
            goto out;
        }
    }
    if (!p->nfiles) { rc = fail(errmsg, TR_ERR_RULES, "the pack holds no rule file"); goto out; }

    /* the signature, before anything the manifest says is used */
    for (size_t i = 0; kr && i < kr->n && !verified; i++)
        if (crypto_sign_verify_detached(sig, (const unsigned char *)p->buf, (size_t)(sigline - p->buf), kr->keys[i]) == 0) {
            verified = 1;
            memcpy(p->key, kr->keys[i], 32);
            p->builtin_key = kr->builtin[i];
        }
    if (!verified) {
        rc = fail(errmsg, TR_ERR_RULES,
                  "the signature does not verify with any trusted key: the pack was altered, or it is signed by a "
                  "key this trainable does not know (give the signer's public key with --trust if you trust it)");
        goto out;
    }
    tr_key_id(p->key, p->keyid);

    /* the files, each against its size and hash */
    for (size_t i = 0; i < p->nfiles; i++) {
        unsigned char h[32];
        if (sizes[i] > (size_t)(end - at)) {
            rc = fail(errmsg, TR_ERR_RULES, "the pack is cut short: %s is missing bytes", p->files[i].name);
            goto out;
        }
        crypto_hash_sha256(h, (const unsigned char *)at, sizes[i]);
        if (sodium_memcmp(h, sums[i], 32) != 0) {
            rc = fail(errmsg, TR_ERR_RULES, "%s does not match its SHA-256 in the signed manifest: the pack was altered",
                      p->files[i].name);
            goto out;
        }
        p->files[i].text = at;
        p->files[i].len = sizes[i];
        p->files[i].layer = 0;
        at += sizes[i];
        total += sizes[i];
    }
    if (at != end) {
        rc = fail(errmsg, TR_ERR_RULES, "%zu bytes follow the last file of the pack: it was altered", (size_t)(end - at));
        goto out;
    }
    (void)total;
    *out = p;
    p = NULL;
out:
    free(buf);
    free(sums);
    free(sizes);
    tr_pack_free(p);
    return rc;
}

tr_err tr_pack_read(const char *path, const tr_keyring *kr, tr_pack **out, char **errmsg)
{
    char *buf = NULL;
    size_t len = 0;
    *out = NULL;
    tr_err rc = slurp(path, TR_PACK_MAX_BYTES, &buf, &len, errmsg);
    if (rc == TR_ERR_LIMIT) rc = TR_ERR_RULES;
    if (rc != TR_OK) return rc;
    return tr_pack_open(buf, len, kr, out, errmsg);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

tr_err tr_pack_write(const char *dir, const tr_rules *rules, const char *secret_path, const char *out_path,
                     char **errmsg)
{
    DIR *d = NULL;
    struct dirent *e;
    char **names = NULL, **texts = NULL, *key = NULL, *tmp = NULL;
    size_t *lens = NULL, nnames = 0, keylen = 0, mlen = 0;
    unsigned char sk[crypto_sign_SECRETKEYBYTES], sig[crypto_sign_BYTES];
    char *manifest = NULL;
    FILE *mf = NULL, *of = NULL;
    tr_err rc = TR_OK;
    const char *requires = rules->requires ? rules->requires : TR_VERSION;

    if (tr_crypto_init() != 0) return fail(errmsg, TR_ERR_INTERNAL, "libsodium cannot be initialised");
    if (!rules->name || !name_valid(rules->name, strlen(rules->name)))
        return fail(errmsg, TR_ERR_RULES, "a pack needs a 'ruleset NAME' directive (letters, digits, . _ -)");
    if (!rules->version || !tr_pack_version_valid(rules->version))
        return fail(errmsg, TR_ERR_RULES, "a pack needs a 'version' of digits and dots (2026.11.28), not '%s'",
                    rules->version ? rules->version : "");
    if (!tr_pack_version_valid(requires))
        return fail(errmsg, TR_ERR_RULES, "'requires %s' is not a version of digits and dots", requires);
    rc = slurp(secret_path, 4096, &key, &keylen, errmsg);
    if (rc != TR_OK) goto out;
    if (parse_key_line(key, keylen, SEC_PREFIX, sk, sizeof sk) != 0) {
        rc = fail(errmsg, TR_ERR_USAGE, "%s is not a secret key file (one line: %sHEX)", secret_path, SEC_PREFIX);
        goto out;
    }
    if (!(d = opendir(dir))) { rc = fail(errmsg, TR_ERR_IO, "cannot open %s: %s", dir, strerror(errno)); goto out; }
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l <= 6 || strcmp(e->d_name + l - 6, ".rules") != 0 || e->d_name[0] == '.') continue;
        if (!file_name_valid(e->d_name, l)) {
            rc = fail(errmsg, TR_ERR_RULES, "%s: a packed file's name may hold only letters, digits, . _ - (%d characters at most)",
                      e->d_name, MAX_NAME);
            goto out;
        }
        if (nnames == TR_PACK_MAX_FILES) { rc = fail(errmsg, TR_ERR_RULES, "more than %d rule files", TR_PACK_MAX_FILES); goto out; }
        char **nn = realloc(names, (nnames + 1) * sizeof *nn);
        if (!nn) { rc = TR_ERR_NOMEM; goto out; }
        names = nn;
        if (!(names[nnames] = strdup(e->d_name))) { rc = TR_ERR_NOMEM; goto out; }
        nnames++;
    }
    if (!nnames) { rc = fail(errmsg, TR_ERR_RULES, "%s holds no *.rules file", dir); goto out; }
    qsort(names, nnames, sizeof *names, cmp_str);
    if (!(texts = calloc(nnames, sizeof *texts)) || !(lens = calloc(nnames, sizeof *lens))) { rc = TR_ERR_NOMEM; goto out; }
    if (!(mf = open_memstream(&manifest, &mlen))) { rc = TR_ERR_NOMEM; goto out; }
    fprintf(mf, "%s%d\nruleset %s\nversion %s\nrequires %s\n", MAGIC, TR_PACK_FORMAT, rules->name, rules->version, requires);
    for (size_t i = 0; i < nnames; i++) {
        char *path = NULL, hex[65];
        unsigned char h[32];
        if (asprintf(&path, "%s/%s", dir, names[i]) < 0) { rc = TR_ERR_NOMEM; goto out; }
        rc = slurp(path, 16u << 20, &texts[i], &lens[i], errmsg);
        free(path);
        if (rc != TR_OK) goto out;
        crypto_hash_sha256(h, (const unsigned char *)texts[i], lens[i]);
        sodium_bin2hex(hex, sizeof hex, h, sizeof h);
        fprintf(mf, "file %s %zu %s\n", names[i], lens[i], hex);
    }
    if (fclose(mf) != 0) { mf = NULL; rc = TR_ERR_NOMEM; goto out; }
    mf = NULL;
    crypto_sign_detached(sig, NULL, (const unsigned char *)manifest, mlen, sk);
    /* written beside out_path and renamed: a failed run leaves no half pack */
    if (asprintf(&tmp, "%s.tmp-XXXXXX", out_path) < 0) { tmp = NULL; rc = TR_ERR_NOMEM; goto out; }
    int fd = mkstemp(tmp);
    if (fd < 0 || !(of = fdopen(fd, "wb"))) {
        if (fd >= 0) close(fd);
        rc = fail(errmsg, TR_ERR_IO, "cannot write %s: %s", out_path, strerror(errno));
        if (fd >= 0) unlink(tmp);
        goto out;
    }
    char sighex[2 * crypto_sign_BYTES + 1];
    sodium_bin2hex(sighex, sizeof sighex, sig, sizeof sig);
    fwrite(manifest, 1, mlen, of);
    fprintf(of, "signature %s\n", sighex);
    for (size_t i = 0; i < nnames; i++) fwrite(texts[i], 1, lens[i], of);
    int bad = ferror(of) != 0;
    if (fclose(of) != 0) bad = 1;
    of = NULL;
    if (bad || chmod(tmp, 0644) != 0 || rename(tmp, out_path) != 0) {
        rc = fail(errmsg, TR_ERR_IO, "cannot write %s: %s", out_path, strerror(errno));
        unlink(tmp);
    }
out:
    sodium_memzero(sk, sizeof sk);
    if (key) sodium_memzero(key, keylen);
    free(key);
    if (d) closedir(d);
    if (mf) fclose(mf);
    free(manifest);
    for (size_t i = 0; i < nnames; i++) {
        free(names[i]);
        if (texts) free(texts[i]);
    }
    free(names);
    free(texts);
    free(lens);
    free(tmp);
    return rc;
}

/* ---- the store --------------------------------------------------------------------- */

char *tr_pack_store_dir(void)
{
    const char *x = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    char *out = NULL;
    if (x && x[0] == '/') {
        if (asprintf(&out, "%s/trainable/rules", x) < 0) out = NULL;
    } else if (home && *home) {
        if (asprintf(&out, "%s/.local/share/trainable/rules", home) < 0) out = NULL;
    }
    return out;
}

void tr_installed_free(tr_installed *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) {
        free(v[i].version);
        free(v[i].path);
        tr_pack_free(v[i].pack);
        free(v[i].problem);
    }
    free(v);
}

static int cmp_installed(const void *a, const void *b)
{
    const tr_installed *x = a, *y = b;
    int c = tr_version_cmp(y->version, x->version); /* newest first */
    return c ? c : strcmp(y->version, x->version);
}

/* The version folders of the store (names only), or an empty list. */
static tr_err list_versions(const char *store, char ***out, size_t *n, char **errmsg)
{
    DIR *d = opendir(store);
    struct dirent *e;
    tr_err rc = TR_OK;
    *out = NULL;
    *n = 0;
    if (!d) return errno == ENOENT ? TR_OK : fail(errmsg, TR_ERR_IO, "cannot open %s: %s", store, strerror(errno));
    while ((e = readdir(d)) != NULL) {
        if (!tr_pack_version_valid(e->d_name)) continue; /* ".", temporary folders, strays */
        char **v = realloc(*out, (*n + 1) * sizeof *v);
        if (!v) { rc = TR_ERR_NOMEM; break; }
        *out = v;
        if (!(v[*n] = strdup(e->d_name))) { rc = TR_ERR_NOMEM; break; }
        (*n)++;
    }
    closedir(d);
    return rc;
}

/* Read and verify the pack installed in folder dir. */
static tr_err read_installed(const char *dir, const tr_keyring *kr, tr_pack **out, char **errmsg)
{
    tr_keyring own = {0};
    char *signer = NULL, *pack = NULL;
    struct stat st;
    tr_err rc = TR_OK;

    *out = NULL;
    for (size_t i = 0; i < kr->n && rc == TR_OK; i++) rc = keyring_add(&own, kr->keys[i], kr->builtin[i]);
    if (rc != TR_OK) goto out;
    if (asprintf(&signer, "%s/signer.pub", dir) < 0) { signer = NULL; rc = TR_ERR_NOMEM; goto out; }
    if (asprintf(&pack, "%s/pack", dir) < 0) { pack = NULL; rc = TR_ERR_NOMEM; goto out; }
    if (stat(signer, &st) == 0) {
        rc = tr_keyring_add_file(&own, signer, errmsg);
        if (rc != TR_OK) {
            rc = fail(errmsg, TR_ERR_RULES, "its signer.pub is damaged");
            goto out;
        }
    }
    rc = tr_pack_read(pack, &own, out, errmsg);
    if (rc == TR_ERR_IO) rc = TR_ERR_RULES;
out:
    tr_keyring_free(&own);
    free(signer);
    free(pack);
    return rc;
}

tr_err tr_pack_installed(const char *store, const tr_keyring *kr, tr_installed **out, size_t *n, char **errmsg)
{
    char **names = NULL;
    size_t nnames = 0;
    tr_installed *v = NULL;
    tr_err rc = list_versions(store, &names, &nnames, errmsg);

    *out = NULL;
    *n = 0;
    if (rc != TR_OK) goto out;
    if (nnames && !(v = calloc(nnames, sizeof *v))) { rc = TR_ERR_NOMEM; goto out; }
    for (size_t i = 0; i < nnames; i++) {
        char *dir = NULL, *msg = NULL;
        v[i].version = names[i];
        names[i] = NULL;
        if (asprintf(&dir, "%s/%s", store, v[i].version) < 0 || asprintf(&v[i].path, "%s/pack", dir) < 0) {
            free(dir);
            v[i].path = NULL;
            rc = TR_ERR_NOMEM;
            goto out;
        }
        tr_err e = read_installed(dir, kr, &v[i].pack, &msg);
        free(dir);
        if (e == TR_ERR_NOMEM) { free(msg); rc = e; goto out; }
        if (e != TR_OK) {
            v[i].problem = msg ? msg : strdup(tr_strerror(e));
            continue;
        }
        free(msg);
        if (strcmp(v[i].pack->version, v[i].version) != 0) {
            if (asprintf(&v[i].problem, "its folder says version %s, its manifest %s", v[i].version, v[i].pack->version) < 0)
                v[i].problem = NULL;
        } else if (tr_version_cmp(v[i].pack->requires, TR_VERSION) > 0) {
            if (asprintf(&v[i].problem, "it needs trainable %s or newer; this is trainable %s", v[i].pack->requires,
                         TR_VERSION) < 0)
                v[i].problem = NULL;
        }
    }
    if (nnames > 1)
        qsort(v, nnames, sizeof *v, cmp_installed);
    *out = v;
    *n = nnames;
    v = NULL;
out:
    tr_installed_free(v, nnames);
    for (size_t i = 0; i < nnames; i++) free(names[i]);
    free(names);
    return rc;
}

/* The first error of a rule set that does not load, for the message. */
static void first_error(const tr_diag *d, void *user)
{
    char **msg = user;
    if (d->level != TR_DIAG_ERROR || *msg) return;
    if (asprintf(msg, "%s:%u: %s", d->file, d->line, d->message) < 0) *msg = NULL;
}

tr_err tr_pack_install(const char *store, const char *pack_path, const tr_keyring *kr, const tr_install_opts *o,
                       tr_pack **installed, char **where, char **errmsg)
{
    tr_pack *p = NULL;
    tr_rules *rules = NULL;
    char **names = NULL, *tmp = NULL, *final = NULL, *file = NULL, *first = NULL, *newest = NULL;
    size_t nnames = 0;
    tr_err rc;

    *installed = NULL;
    *where = NULL;
    rc = tr_pack_read(pack_path, kr, &p, errmsg);
    if (rc == TR_ERR_IO) rc = TR_ERR_RULES;
    if (rc != TR_OK) goto out;
    if (tr_version_cmp(p->requires, TR_VERSION) > 0) {
        rc = fail(errmsg, TR_ERR_RULES, "rule set %s %s needs trainable %s or newer; this is trainable %s", p->name,
                  p->version, p->requires, TR_VERSION);
        goto out;
    }
    rc = tr_rules_load(p->files, p->nfiles, first_error, &first, &rules, NULL, NULL);
    if (rc == TR_ERR_NOMEM) goto out;
    if (rc != TR_OK) {
        rc = fail(errmsg, TR_ERR_RULES, "the pack's rules do not load: %s", first ? first : "invalid rule set");
        goto out;
    }
    if (!rules->name || strcmp(rules->name, p->name) != 0 || !rules->version || strcmp(rules->version, p->version) != 0) {
        rc = fail(errmsg, TR_ERR_RULES, "the manifest names %s %s but the rules say %s %s", p->name, p->version,
                  rules->name ? rules->name : "(no ruleset)", rules->version ? rules->version : "(no version)");
        goto out;
    }
    rc = list_versions(store, &names, &nnames, errmsg);
    if (rc != TR_OK) goto out;
    for (size_t i = 0; i < nnames; i++)
        if (!newest || tr_version_cmp(names[i], newest) > 0) newest = names[i];
    if (newest && tr_version_cmp(p->version, newest) <= 0 && !(o && o->allow_downgrade)) {
        rc = fail(errmsg, TR_ERR_RULES, "version %s is not newer than the installed %s (--allow-downgrade installs it anyway)",
                  p->version, newest);
        goto out;
    }

    /* everything checked: write into a temporary folder, rename it into place */
    if (make_dirs(store) != 0) { rc = fail(errmsg, TR_ERR_IO, "cannot create %s: %s", store, strerror(errno)); goto out; }
    if (asprintf(&tmp, "%s/.install-XXXXXX", store) < 0) { tmp = NULL; rc = TR_ERR_NOMEM; goto out; }
    if (!mkdtemp(tmp)) {
        rc = fail(errmsg, TR_ERR_IO, "cannot create a folder in %s: %s", store, strerror(errno));
        free(tmp);
        tmp = NULL;
        goto out;
    }
    chmod(tmp, 0755);
    if (asprintf(&file, "%s/pack", tmp) < 0) { file = NULL; rc = TR_ERR_NOMEM; goto out; }
    rc = write_new(file, p->buf, p->len, 0644, errmsg);
    if (rc != TR_OK) goto out;
    if (!p->builtin_key) {
        char hex[65], *line = NULL;
        sodium_bin2hex(hex, sizeof hex, p->key, 32);
        free(file);
        if (asprintf(&file, "%s/signer.pub", tmp) < 0) { file = NULL; rc = TR_ERR_NOMEM; goto out; }
        if (asprintf(&line, "%s%s\n", PUB_PREFIX, hex) < 0) { rc = TR_ERR_NOMEM; goto out; }
        rc = write_new(file, line, strlen(line), 0644, errmsg);
        free(line);
        if (rc != TR_OK) goto out;
    }
    sync_dir(tmp);
    if (asprintf(&final, "%s/%s", store, p->version) < 0) { final = NULL; rc = TR_ERR_NOMEM; goto out; }
    if (rename(tmp, final) != 0) {
        if (errno != ENOTEMPTY && errno != EEXIST) {
            rc = fail(errmsg, TR_ERR_IO, "cannot install into %s: %s", final, strerror(errno));
            goto out;
        }
        /* the same version again (--allow-downgrade): swap, then drop the old */
        if (renameat2(AT_FDCWD, tmp, AT_FDCWD, final, RENAME_EXCHANGE) != 0) {
            rc = fail(errmsg, TR_ERR_IO, "cannot replace %s: %s", final, strerror(errno));
            goto out;
        }
    }
    sync_dir(store);
    /* a downgrade: the newer versions would still win, so they go */
    for (size_t i = 0; i < nnames; i++)
        if (tr_version_cmp(names[i], p->version) > 0) tr_pack_uninstall(store, names[i], NULL);
    *where = final;
    final = NULL;
    *installed = p;
    p = NULL;
out:
    if (tmp) remove_flat_dir(tmp); /* the temporary folder, or the replaced version */
    tr_rules_free(rules);
    tr_pack_free(p);
    for (size_t i = 0; i < nnames; i++) free(names[i]);
    free(names);
    free(tmp);
    free(final);
    free(file);
    free(first);
    return rc;
}

tr_err tr_pack_uninstall(const char *store, const char *version, char **errmsg)
{
    char *dir = NULL, *tmp = NULL, *dummy = NULL;
    char **em = errmsg ? errmsg : &dummy;
    struct stat st;
    tr_err rc = TR_OK;

    if (!tr_pack_version_valid(version)) return fail(em, TR_ERR_USAGE, "'%s' is not a rule set version", version);
    if (asprintf(&dir, "%s/%s", store, version) < 0) { dir = NULL; rc = TR_ERR_NOMEM; goto out; }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        rc = fail(em, TR_ERR_RULES, "rule set version %s is not installed (in %s)", version, store);
        goto out;
    }
    /* renamed away first, so that no half-removed version is ever seen */
    if (asprintf(&tmp, "%s/.remove-XXXXXX", store) < 0) { tmp = NULL; rc = TR_ERR_NOMEM; goto out; }
    if (!mkdtemp(tmp) || rename(dir, tmp) != 0) {
        rc = fail(em, TR_ERR_IO, "cannot remove %s: %s", dir, strerror(errno));
        rmdir(tmp);
        goto out;
    }
    if (remove_flat_dir(tmp) != 0) rc = fail(em, TR_ERR_IO, "removed %s, but could not delete all of %s", version, tmp);
    sync_dir(store);
out:
    free(dir);
    free(tmp);
    free(dummy);
    return rc;
}
