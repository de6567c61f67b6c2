/* test_pack.c - rule packs: a pack made here verifies, and every pack that
 * differs from it by one byte, or is cut short at any length, is refused;
 * versions, key files and the install's refusals leave the store alone. */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pack.h"
#include "rules.h"
#include "tt.h"

static char dir[] = "/tmp/trainable-test-pack-XXXXXX";
static char paths[4][512];
static int next_path;

/* name in the test's folder (four of them can be used at once) */
static const char *at(const char *name)
{
    char *p = paths[next_path++ % 4];
    snprintf(p, 512, "%s/%s", dir, name);
    return p;
}

static int write_file(const char *p, const char *text)
{
    FILE *f = fopen(p, "w");
    if (!f) return -1;
    fputs(text, f);
    return fclose(f);
}

static char *read_all(const char *p, size_t *len)
{
    FILE *f = fopen(p, "rb");
    char *buf = NULL;
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc(*len + 1);
    if (buf && fread(buf, 1, *len, f) != *len) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

static const char RULES[] =
    "ruleset  unit\n"
    "version  2026.12.9\n"
    "requires 0.1.0\n"
    "layout facebook-2024\n"
    "  platform  facebook\n"
    "  marker    ^your_facebook_activity/\n"
    "rule unit.posts\n"
    "  platform  facebook\n"
    "  path      (^|/)posts/your_posts_\\d+$\n"
    "  category  post\n"
    "  verdict   uncertain\n"
    "  reason    Depends on the audience.\n"
    "  source    classification.md\n"
    "  match     your_facebook_activity/posts/your_posts_1.json\n";

static tr_keyring kr;
static char *pack;
static size_t packlen;

/* A key pair, a rule folder and its pack, once. */
static int setup(void)
{
    char *id = NULL, *msg = NULL;
    tr_rules *rules = NULL;
    if (!mkdtemp(dir)) return -1;
    if (tr_key_generate(at("k.secret"), at("k.pub"), &id, &msg) != TR_OK) return -1;
    free(id);
    if (tr_keyring_add_file(&kr, at("k.pub"), &msg) != TR_OK) return -1;
    mkdir(at("r"), 0755);
    if (write_file(at("r/10-unit.rules"), RULES) != 0) return -1;
    if (tr_rules_load_dir(at("r"), NULL, NULL, &rules, NULL, NULL) != TR_OK) return -1;
    tr_err e = tr_pack_write(at("r"), rules, at("k.secret"), at("unit.pack"), &msg);
    tr_rules_free(rules);
    free(msg);
    if (e != TR_OK) return -1;
    pack = read_all(at("unit.pack"), &packlen);
    return pack ? 0 : -1;
}

static tr_err open_copy(const char *bytes, size_t len, tr_pack **out)
{
    char *copy = malloc(len + 1), *msg = NULL;
    memcpy(copy, bytes, len);
    copy[len] = '\0';
    tr_err e = tr_pack_open(copy, len, &kr, out, &msg);
    free(msg);
    return e;
}

TT_TEST(pack_verifies)
{
    tr_pack *p = NULL;
    TT_INT_EQ(open_copy(pack, packlen, &p), TR_OK);
    TT_STR_EQ(p->name, "unit");
    TT_STR_EQ(p->version, "2026.12.9");
    TT_STR_EQ(p->requires, "0.1.0");
    TT_INT_EQ(p->nfiles, 1);
    TT_STR_EQ(p->files[0].name, "10-unit.rules");
    TT_INT_EQ(p->files[0].len, strlen(RULES));
    TT_ASSERT(!memcmp(p->files[0].text, RULES, strlen(RULES)));
    TT_INT_EQ(p->builtin_key, 0);
    tr_pack_free(p);
}

TT_TEST(every_byte_changed_is_refused)
{
    char *copy = malloc(packlen);
    size_t accepted = 0;
    memcpy(copy, pack, packlen);
    /* each bit flip of every byte, case changes (0x20) included */
    for (size_t i = 0; i < packlen; i++) {
        for (int bit = 0; bit < 8; bit++) {
            tr_pack *p = NULL;
            char was = copy[i];
            copy[i] = (char)(was ^ (1 << bit));
            if (open_copy(copy, packlen, &p) == TR_OK) {
                fprintf(stderr, "byte %zu changed (bit %d), still accepted\n", i, bit);
                accepted++;
            }
            tr_pack_free(p);
            copy[i] = was;
        }
    }
    free(copy);
    TT_INT_EQ(accepted, 0);
}

TT_TEST(every_cut_is_refused)
{
    size_t accepted = 0;
    for (size_t len = 0; len < packlen; len++) {
        tr_pack *p = NULL;
        if (open_copy(pack, len, &p) == TR_OK) accepted++;
        tr_pack_free(p);
    }
    TT_INT_EQ(accepted, 0);
}

TT_TEST(unknown_key_and_format)
{
    tr_keyring none = {0}, other = {0};
    char *id = NULL, *msg = NULL, *copy = malloc(packlen + 1);
    tr_pack *p = NULL;
    memcpy(copy, pack, packlen);
    TT_INT_EQ(tr_pack_open(copy, packlen, &none, &p, &msg), TR_ERR_RULES);
    TT_ASSERT(msg && strstr(msg, "signature does not verify"));
    free(msg);
    msg = NULL;
    TT_INT_EQ(tr_key_generate(at("o.secret"), at("o.pub"), &id, &msg), TR_OK);
    free(id);
    TT_INT_EQ(tr_keyring_add_file(&other, at("o.pub"), &msg), TR_OK);
    copy = malloc(packlen + 1);
    memcpy(copy, pack, packlen);
    TT_INT_EQ(tr_pack_open(copy, packlen, &other, &p, &msg), TR_ERR_RULES);
    tr_keyring_free(&other);
    free(msg);
    msg = NULL;
    copy = malloc(packlen + 1);
    memcpy(copy, pack, packlen);
    copy[strlen("trainable rule pack ")] = '2';
    TT_INT_EQ(tr_pack_open(copy, packlen, &kr, &p, &msg), TR_ERR_RULES);
    TT_ASSERT(msg && strstr(msg, "a newer trainable is needed"));
    free(msg);
    /* a key file that is not one */
    msg = NULL;
    TT_INT_EQ(write_file(at("bad.pub"), "trainable-public-key ed25519 00\n"), 0);
    TT_ASSERT(tr_keyring_add_file(&other, at("bad.pub"), &msg) != TR_OK);
    free(msg);
    tr_keyring_free(&other);
}

TT_TEST(versions)
{
    TT_ASSERT(tr_pack_version_valid("2026.11.28"));
    TT_ASSERT(tr_pack_version_valid("1"));
    TT_ASSERT(!tr_pack_version_valid(""));
    TT_ASSERT(!tr_pack_version_valid(".1"));
    TT_ASSERT(!tr_pack_version_valid("1."));
    TT_ASSERT(!tr_pack_version_valid("1..2"));
    TT_ASSERT(!tr_pack_version_valid("../etc"));
    TT_ASSERT(!tr_pack_version_valid("2026.11.28-rc1"));
    TT_ASSERT(tr_version_cmp("2026.12.10", "2026.12.9") > 0);
    TT_ASSERT(tr_version_cmp("2026.11.28", "2026.11.28") == 0);
    TT_ASSERT(tr_version_cmp("2027.1.1", "2026.12.31") > 0);
}

TT_TEST(refused_install_changes_nothing)
{
    tr_install_opts io = {0};
    tr_pack *p = NULL;
    char *where = NULL, *msg = NULL, store[512];
    struct stat st;
    snprintf(store, sizeof store, "%s/store/trainable/rules", dir);
    /* an altered pack: refused, no store created */
    char *copy = malloc(packlen);
    memcpy(copy, pack, packlen);
    copy[packlen - 10] ^= 0x01;
    FILE *f = fopen(at("bad.pack"), "wb");
    fwrite(copy, 1, packlen, f);
    fclose(f);
    free(copy);
    TT_INT_EQ(tr_pack_install(store, at("bad.pack"), &kr, &io, &p, &where, &msg), TR_ERR_RULES);
    free(msg);
    msg = NULL;
    TT_ASSERT(stat(store, &st) != 0);
    /* the good one installs; the same version again is refused */
    TT_INT_EQ(tr_pack_install(store, at("unit.pack"), &kr, &io, &p, &where, &msg), TR_OK);
    tr_pack_free(p);
    free(where);
    TT_INT_EQ(tr_pack_install(store, at("unit.pack"), &kr, &io, &p, &where, &msg), TR_ERR_RULES);
    TT_ASSERT(msg && strstr(msg, "not newer"));
    free(msg);
    msg = NULL;
    tr_installed *v = NULL;
    size_t n = 0;
    tr_keyring builtin = {0};
    TT_INT_EQ(tr_keyring_add_builtin(&builtin, &msg), TR_OK);
    TT_INT_EQ(tr_pack_installed(store, &builtin, &v, &n, &msg), TR_OK);
    TT_INT_EQ(n, 1);
    TT_STR_EQ(v[0].version, "2026.12.9");
    TT_ASSERT(v[0].pack && !v[0].problem); /* verified with its own signer.pub */
    tr_installed_free(v, n);
    tr_keyring_free(&builtin);
    TT_INT_EQ(tr_pack_uninstall(store, "2026.12.9", &msg), TR_OK);
    TT_INT_EQ(tr_pack_uninstall(store, "2026.12.9", &msg), TR_ERR_RULES);
    free(msg);
}

static int rm_one(const char *p, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)type;
    (void)ftw;
    return remove(p);
}

int main(void)
{
    if (setup() != 0) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }
    TT_RUN(pack_verifies);
    TT_RUN(every_byte_changed_is_refused);
    TT_RUN(every_cut_is_refused);
    TT_RUN(unknown_key_and_format);
    TT_RUN(versions);
    TT_RUN(refused_install_changes_nothing);
    tr_keyring_free(&kr);
    free(pack);
    if (nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return tt_done();
}
