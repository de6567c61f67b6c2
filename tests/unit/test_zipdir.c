/* test_zipdir.c - unit tests for src/archive/zipdir.c, the central directory
 * reader that gives the tree every member's local header offset.
 *
 * Zips come from two sources: libarchive's zip writer (deflate and store,
 * UTF-8 names, directories, encryption, forced ZIP64 records), and a small
 * hand builder below (stored members, exact control over every field of
 * the local headers, the central directory, the ZIP64 end records and the
 * end record) for what no writer produces: the Info-ZIP Unicode path extra
 * field, ZIP64 extra fields, offsets past 4 GiB (a sparse file), lying
 * counts, sizes and offsets.
 *
 * Every offset tr_zipdir_read returns for a well-formed zip is checked
 * against the file itself: "PK\3\4" there, and the same name in that local
 * header. A damaged zip must give -1 with *out NULL; run under
 * AddressSanitizer, nothing may leak or be read out of bounds.
 *
 * Files live in one mkdtemp directory under /tmp, removed at the end. What a
 * test allocates is held in globals released after each test (zd_reset),
 * so a failed assertion that returns early leaks nothing.
 */
#include "tt.h"
#include "zipdir.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "../hostile/hx.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- per-test state ------------------------------------------------------- */

static char g_dir[64];
static char g_path[8][512];
static int g_next_path;
static tr_zipdir_entry *g_ents; /* the last result of zd_read */
static unsigned char *g_img;    /* a zip image read back or built */
static size_t g_img_len;

typedef struct bbuf {
    unsigned char *p;
    size_t len, cap;
    int oom;
} bbuf;

static bbuf g_b; /* the hand builder's output */

static void zd_reset(void)
{
    free(g_ents);
    g_ents = NULL;
    free(g_img);
    g_img = NULL;
    g_img_len = 0;
    free(g_b.p);
    memset(&g_b, 0, sizeof g_b);
}

#define ZD_RUN(name)                                                           \
    do {                                                                       \
        TT_RUN(name);                                                          \
        zd_reset();                                                            \
    } while (0)

static const char *P(const char *name)
{
    char *buf = g_path[g_next_path++ % 8];
    snprintf(buf, sizeof g_path[0], "%s/%s", g_dir, name);
    return buf;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* tr_zipdir_read on the file at path. The entries stay in g_ents (freed by
 * zd_reset or the next call). -2 when the file cannot be opened. On -1,
 * *out must be NULL and *n 0: -3 otherwise. */
static int zd_read(const char *path, size_t *n)
{
    tr_zipdir_entry *out = (tr_zipdir_entry *)1;
    int fd = open(path, O_RDONLY), rc;

    free(g_ents);
    g_ents = NULL;
    *n = 12345;
    if (fd < 0)
        return -2;
    rc = tr_zipdir_read(fd, &out, n);
    close(fd);
    if (rc == 0) {
        g_ents = out;
        return 0;
    }
    if (out != NULL || *n != 0) {
        if (out != (tr_zipdir_entry *)1)
            free(out);
        return -3;
    }
    return rc;
}

/* ---- files ------------------------------------------------------------------ */

static int write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    int rc = -1;
    if (f == NULL)
        return -1;
    if (len == 0 || fwrite(data, 1, len, f) == len)
        rc = 0;
    if (fclose(f) != 0)
        rc = -1;
    return rc;
}

/* Read a whole file into g_img / g_img_len. 0 on success. */
static int slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    long n;
    int rc = -1;

    free(g_img);
    g_img = NULL;
    g_img_len = 0;
    if (f == NULL)
        return -1;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        g_img = malloc((size_t)n + 1);
        if (g_img != NULL && fread(g_img, 1, (size_t)n, f) == (size_t)n) {
            g_img_len = (size_t)n;
            rc = 0;
        }
    }
    fclose(f);
    return rc;
}

static unsigned rd16(const unsigned char *p) { return (unsigned)p[0] | (unsigned)p[1] << 8; }
static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static void wr16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}
static void wr32(unsigned char *p, uint32_t v)
{
    wr16(p, v & 0xffffu);
    wr16(p + 2, v >> 16);
}

/* Offset of the end of central directory record in g_img (no comment), or -1. */
static long eocd_at(void)
{
    if (g_img_len < 22 || memcmp(g_img + g_img_len - 22, "PK\5\6", 4) != 0)
        return -1;
    return (long)(g_img_len - 22);
}

/* Check the local header at `off` in the file: signature and name. 0 ok. */
static int local_header_is(int fd, uint64_t off, const char *name, size_t nlen)
{
    unsigned char h[30];
    char *buf;
    int ok;

    if (pread(fd, h, 30, (off_t)off) != 30 || memcmp(h, "PK\3\4", 4) != 0)
        return -1;
    if (rd16(h + 26) != nlen)
        return -1;
    buf = malloc(nlen + 1);
    if (buf == NULL)
        return -1;
    ok = pread(fd, buf, nlen, (off_t)(off + 30)) == (ssize_t)nlen && memcmp(buf, name, nlen) == 0;
    free(buf);
    return ok ? 0 : -1;
}

/* Every returned entry's offset holds its local header with the same name. */
static int offsets_point_at_headers(const char *path, const tr_zipdir_entry *e, size_t n)
{
    int fd = open(path, O_RDONLY), rc = 0;
    if (fd < 0)
        return -1;
    for (size_t i = 0; i < n && rc == 0; i++)
        if (local_header_is(fd, e[i].offset, e[i].name, e[i].name_len) != 0) {
            fprintf(stderr, "  entry %zu (%s): no matching local header at %llu\n", i, e[i].name,
                    (unsigned long long)e[i].offset);
            rc = -1;
        }
    close(fd);
    return rc;
}

/* ---- libarchive's writer ------------------------------------------------------ */

/* Entries of the zip writer the hostile-input tests use (tests/hostile/hx.h). */
typedef hx_ent zent;

#define REG(n, d) {(n), (d), sizeof(d) - 1, AE_IFREG, 0, 0}
#define DIRE(n) {(n), NULL, 0, AE_IFDIR, 0, 0}

/* Write a zip with UTF-8 names, flagged as such. options: more writer
 * options or NULL; pass: passphrase or NULL. */
static int write_zip(const char *path, const zent *e, size_t n, const char *options, const char *pass)
{
    char opts[512];
    snprintf(opts, sizeof opts, "zip:hdrcharset=UTF-8%s%s", options ? "," : "", options ? options : "");
    return hx_write_zip(path, e, n, opts, pass);
}

/* A text that deflates well, and a sample set of entries. */
static char g_text[20000];

static void fill_text(void)
{
    for (size_t i = 0; i < sizeof g_text; i++)
        g_text[i] = (char)('a' + (i * 7 + i / 13) % 26);
}

#define NAME_E "dir/caf\xc3\xa9.json"
#define NAME_JP "\xe6\x97\xa5\xe6\x9c\xac/\xe3\x83\x95\xe3\x82\xa1\xe3\x82\xa4\xe3\x83\xab.txt"

static zent g_sample[6];

static void sample(void)
{
    fill_text();
    g_sample[0] = (zent){"top.json", "{\"a\":1}", 7, AE_IFREG, 0, 0};
    g_sample[1] = (zent){"dir/", NULL, 0, AE_IFDIR, 0, 0};
    g_sample[2] = (zent){NAME_E, "[1,2,3]", 7, AE_IFREG, 0, 0};
    g_sample[3] = (zent){"dir/big.txt", g_text, sizeof g_text, AE_IFREG, 0, 0};
    g_sample[4] = (zent){NAME_JP, "x", 1, AE_IFREG, 0, 0};
    g_sample[5] = (zent){"dir/empty.json", "", 0, AE_IFREG, 0, 0};
}

/* Check a tr_zipdir_read result against the sample written with
 * compression `store` (1) or deflate (0), at path. */
#define CHECK_SAMPLE(path, store)                                                                    \
    do {                                                                                             \
        size_t n_;                                                                                   \
        TT_INT_EQ(zd_read(path, &n_), 0);                                                            \
        TT_INT_EQ(n_, NELEM(g_sample));                                                              \
        for (size_t i_ = 0; i_ < n_; i_++) {                                                         \
            const tr_zipdir_entry *z_ = &g_ents[i_];                                                 \
            TT_STR_EQ(z_->name, g_sample[i_].name);                                                  \
            TT_INT_EQ(z_->name_len, strlen(g_sample[i_].name));                                      \
            TT_INT_EQ(z_->usize, g_sample[i_].len);                                                  \
            TT_INT_EQ(z_->other_name, 0);                                                            \
            TT_INT_EQ(z_->flags & 1, 0);                                                             \
            TT_INT_EQ(z_->made_by >> 8, 3); /* Unix */                                               \
            if (g_sample[i_].type == AE_IFDIR) {                                                     \
                TT_INT_EQ((z_->attr >> 16) & 0170000, 0040000);                                      \
                TT_INT_EQ(z_->method, 0);                                                            \
                TT_INT_EQ(z_->csize, 0);                                                             \
            } else {                                                                                 \
                TT_INT_EQ((z_->attr >> 16) & 0170000, 0100000);                                      \
                TT_INT_EQ((z_->attr >> 16) & 0777, 0644);                                            \
            }                                                                                        \
            if (g_sample[i_].type == AE_IFREG && g_sample[i_].len > 0) {                             \
                TT_INT_EQ(z_->method, (store) ? 0 : 8);                                              \
                if (store)                                                                           \
                    TT_INT_EQ(z_->csize, g_sample[i_].len);                                          \
                else                                                                                 \
                    TT_ASSERT(z_->csize > 0);                                                        \
            }                                                                                        \
            if (i_ > 0) /* the previous member's data fits before this header */                     \
                TT_ASSERT(g_ents[i_ - 1].offset + 30 + g_ents[i_ - 1].name_len + g_ents[i_ - 1].csize < \
                          z_->offset);                                                               \
        }                                                                                            \
        TT_INT_EQ(offsets_point_at_headers(path, g_ents, n_), 0);                                    \
    } while (0)

/* ---- the hand builder ----------------------------------------------------------- */

static void put(bbuf *b, const void *d, size_t n)
{
    if (b->oom)
        return;
    if (b->cap - b->len < n) {
        size_t cap = (b->cap + n) * 2;
        unsigned char *p = realloc(b->p, cap);
        if (p == NULL) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    if (n > 0)
        memcpy(b->p + b->len, d, n);
    b->len += n;
}

static void put16(bbuf *b, unsigned v)
{
    unsigned char x[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    put(b, x, 2);
}

static void put32(bbuf *b, uint32_t v)
{
    put16(b, v & 0xffffu);
    put16(b, v >> 16);
}

static void put64(bbuf *b, uint64_t v)
{
    put32(b, (uint32_t)v);
    put32(b, (uint32_t)(v >> 32));
}

typedef struct hent {
    const char *name;  /* central directory name */
    size_t nlen;       /* 0: strlen(name) */
    const char *data;  /* stored as is */
    size_t len;
    uint16_t flags;
    uint16_t made_by;  /* 0: 0x031e (Unix) */
    uint32_t attr;     /* 0: a regular file 0644 */
    const unsigned char *xcd; /* extra field of the central directory record */
    size_t xcd_len;
    int z64;           /* sizes and offset as 0xffffffff plus a 0x0001 extra */
} hent;

typedef struct hopt {
    size_t prefix;       /* junk bytes in front of the zip (offsets not adjusted) */
    int zip64_end;       /* ZIP64 end record and locator, the end record all 0xff */
    const char *comment; /* archive comment */
} hopt;

/* Build a zip of stored members into g_b. offs[i] gets where member i's
 * local header is in the file. Returns the offset of the central directory
 * in the file. */
static size_t build(const hent *e, size_t n, const hopt *o, uint64_t *offs)
{
    bbuf *b = &g_b;
    size_t cd, cdsize, z64at, i;
    static const hopt none;

    if (o == NULL)
        o = &none;
    free(b->p);
    memset(b, 0, sizeof *b);
    for (i = 0; i < o->prefix; i++) {
        unsigned char c = (unsigned char)(i * 37 + 11);
        put(b, &c, 1);
    }
    for (i = 0; i < n; i++) {
        size_t nl = e[i].nlen ? e[i].nlen : strlen(e[i].name);
        offs[i] = b->len;
        put(b, "PK\3\4", 4);
        put16(b, 20);
        put16(b, e[i].flags);
        put16(b, 0);          /* stored */
        put32(b, 0x00210000); /* time, date */
        put32(b, 0);          /* crc (not checked here) */
        put32(b, (uint32_t)e[i].len);
        put32(b, (uint32_t)e[i].len);
        put16(b, (unsigned)nl);
        put16(b, 0);
        put(b, e[i].name, nl);
        put(b, e[i].data, e[i].len);
    }
    cd = b->len;
    for (i = 0; i < n; i++) {
        size_t nl = e[i].nlen ? e[i].nlen : strlen(e[i].name);
        uint64_t lho = offs[i] - o->prefix;
        put(b, "PK\1\2", 4);
        put16(b, e[i].made_by ? e[i].made_by : 0x031e);
        put16(b, e[i].z64 ? 45 : 20);
        put16(b, e[i].flags);
        put16(b, 0);
        put32(b, 0x00210000);
        put32(b, 0);
        put32(b, e[i].z64 ? 0xffffffffu : (uint32_t)e[i].len);
        put32(b, e[i].z64 ? 0xffffffffu : (uint32_t)e[i].len);
        put16(b, (unsigned)nl);
        put16(b, (unsigned)(e[i].xcd_len + (e[i].z64 ? 28 : 0)));
        put16(b, 0); /* comment */
        put16(b, 0); /* disk */
        put16(b, 0); /* internal attributes */
        put32(b, e[i].attr ? e[i].attr : 0x81a40000u);
        put32(b, e[i].z64 ? 0xffffffffu : (uint32_t)lho);
        put(b, e[i].name, nl);
        if (e[i].z64) {
            put16(b, 0x0001);
            put16(b, 24);
            put64(b, e[i].len);
            put64(b, e[i].len);
            put64(b, lho);
        }
        put(b, e[i].xcd, e[i].xcd_len);
    }
    cdsize = b->len - cd;
    if (o->zip64_end) {
        z64at = b->len;
        put(b, "PK\6\6", 4);
        put64(b, 44);
        put16(b, 45);
        put16(b, 45);
        put32(b, 0);
        put32(b, 0);
        put64(b, n);
        put64(b, n);
        put64(b, cdsize);
        put64(b, cd - o->prefix);
        put(b, "PK\6\7", 4);
        put32(b, 0);
        put64(b, z64at - o->prefix);
        put32(b, 1);
    }
    put(b, "PK\5\6", 4);
    put16(b, 0);
    put16(b, 0);
    put16(b, o->zip64_end ? 0xffff : (unsigned)n);
    put16(b, o->zip64_end ? 0xffff : (unsigned)n);
    put32(b, o->zip64_end ? 0xffffffffu : (uint32_t)cdsize);
    put32(b, o->zip64_end ? 0xffffffffu : (uint32_t)(cd - o->prefix));
    put16(b, o->comment ? (unsigned)strlen(o->comment) : 0);
    if (o->comment)
        put(b, o->comment, strlen(o->comment));
    return cd;
}

/* g_b to a file. */
static int save(const char *path)
{
    return g_b.oom ? -1 : write_file(path, g_b.p, g_b.len);
}

/* ---- libarchive-written zips --------------------------------------------------- */

TT_TEST(deflate_names_sizes_offsets)
{
    const char *path = P("deflate.zip");
    sample();
    TT_INT_EQ(write_zip(path, g_sample, NELEM(g_sample), NULL, NULL), 0);
    CHECK_SAMPLE(path, 0);
    /* a UTF-8 name is flagged as such (bit 11) */
    TT_ASSERT((g_ents[2].flags & 0x800) != 0);
    TT_ASSERT(g_ents[3].csize < g_ents[3].usize); /* it did deflate */
    TT_INT_EQ(g_ents[0].offset, 0);
}

TT_TEST(store_names_sizes_offsets)
{
    const char *path = P("store.zip");
    sample();
    TT_INT_EQ(write_zip(path, g_sample, NELEM(g_sample), "zip:compression=store", NULL), 0);
    CHECK_SAMPLE(path, 1);
    /* stored: the member's data follows its local header exactly */
    TT_INT_EQ(slurp(path), 0);
    {
        const tr_zipdir_entry *z = &g_ents[3];
        size_t at = (size_t)z->offset + 30 + rd16(g_img + z->offset + 26) + rd16(g_img + z->offset + 28);
        TT_ASSERT(at + sizeof g_text <= g_img_len);
        TT_ASSERT(memcmp(g_img + at, g_text, sizeof g_text) == 0);
    }
}

TT_TEST(forced_zip64_records)
{
    /* libarchive's "zip64" option (3.6.2 has it) writes a ZIP64 end record
     * and locator in front of the end record; the end record still holds
     * the real values, which are used. */
    const char *path = P("z64.zip");
    long at;
    sample();
    TT_INT_EQ(write_zip(path, g_sample, NELEM(g_sample), "zip:zip64", NULL), 0);
    TT_INT_EQ(slurp(path), 0);
    at = eocd_at();
    TT_ASSERT(at >= 20 + 56);
    TT_ASSERT(memcmp(g_img + at - 20, "PK\6\7", 4) == 0);
    TT_ASSERT(memcmp(g_img + at - 20 - 56, "PK\6\6", 4) == 0);
    CHECK_SAMPLE(path, 0);
    /* now with the end record saying "see ZIP64": the ZIP64 record is used */
    wr16(g_img + at + 8, 0xffff);
    wr16(g_img + at + 10, 0xffff);
    wr32(g_img + at + 12, 0xffffffffu);
    wr32(g_img + at + 16, 0xffffffffu);
    TT_INT_EQ(write_file(path, g_img, g_img_len), 0);
    CHECK_SAMPLE(path, 0);
}

TT_TEST(encrypted_flag)
{
    static const zent z[] = {REG("secret.json", "{\"s\":1}"), REG("other.json", "[]")};
    const char *path = P("enc.zip");
    size_t n;
    TT_INT_EQ(write_zip(path, z, NELEM(z), "zip:encryption=zipcrypt", "pw"), 0);
    TT_INT_EQ(zd_read(path, &n), 0);
    TT_INT_EQ(n, 2);
    TT_INT_EQ(g_ents[0].flags & 1, 1);
    TT_INT_EQ(g_ents[1].flags & 1, 1);
    TT_INT_EQ(g_ents[0].usize, 7);
    TT_INT_EQ(offsets_point_at_headers(path, g_ents, n), 0);
}

TT_TEST(data_prepended)
{
    /* A self-extractor or a concatenation: 1000 bytes in front of a zip
     * whose offsets do not know about them. */
    const char *path = P("pre.zip"), *plain = P("plain.zip");
    unsigned char junk[1000];
    size_t n, i;
    uint64_t want[NELEM(g_sample)];
    unsigned char *both;

    sample();
    TT_INT_EQ(write_zip(plain, g_sample, NELEM(g_sample), NULL, NULL), 0);
    TT_INT_EQ(zd_read(plain, &n), 0);
    TT_INT_EQ(n, NELEM(g_sample));
    for (i = 0; i < n; i++)
        want[i] = g_ents[i].offset;
    TT_INT_EQ(slurp(plain), 0);
    for (i = 0; i < sizeof junk; i++)
        junk[i] = (unsigned char)(i * 131 + 7); /* no "PK" in there */
    both = malloc(sizeof junk + g_img_len);
    TT_ASSERT(both != NULL);
    memcpy(both, junk, sizeof junk);
    memcpy(both + sizeof junk, g_img, g_img_len);
    i = (size_t)write_file(path, both, sizeof junk + g_img_len);
    free(both);
    TT_INT_EQ(i, 0);
    CHECK_SAMPLE(path, 0);
    for (i = 0; i < n; i++)
        TT_INT_EQ(g_ents[i].offset, want[i] + sizeof junk);
}

TT_TEST(data_prepended_forced_zip64)
{
    /* The same with libarchive's ZIP64 records between the directory and
     * the end record. The directory does not end where the end record
     * starts, so the shift cannot be found from the end record alone:
     * refusing (the tree then walks the part) is fine; an answer must have
     * the right offsets. */
    const char *path = P("pre64.zip");
    unsigned char *both;
    size_t i, n;
    int rc;
    sample();
    TT_INT_EQ(write_zip(path, g_sample, NELEM(g_sample), "zip:zip64", NULL), 0);
    TT_INT_EQ(slurp(path), 0);
    both = malloc(4096 + g_img_len);
    TT_ASSERT(both != NULL);
    memset(both, 'j', 4096);
    memcpy(both + 4096, g_img, g_img_len);
    i = (size_t)write_file(path, both, 4096 + g_img_len);
    free(both);
    TT_INT_EQ(i, 0);
    rc = zd_read(path, &n);
    TT_ASSERT(rc == 0 || rc == -1);
    if (rc == 0) {
        CHECK_SAMPLE(path, 0);
        TT_INT_EQ(g_ents[0].offset, 4096);
    }
}

TT_TEST(many_entries)
{
    enum { N = 2000 };
    static char names[N][32];
    static zent z[N];
    const char *path = P("many.zip");
    size_t n;
    for (size_t i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "d%zu/f_%zu.json", i % 17, i);
        z[i] = (zent){names[i], "{}", 2, AE_IFREG, 0, 0};
    }
    TT_INT_EQ(write_zip(path, z, N, "zip:compression=store", NULL), 0);
    TT_INT_EQ(zd_read(path, &n), 0);
    TT_INT_EQ(n, N);
    for (size_t i = 0; i < N; i++) {
        TT_STR_EQ(g_ents[i].name, names[i]);
        TT_INT_EQ(g_ents[i].usize, 2);
        if (i > 0)
            TT_ASSERT(g_ents[i].offset > g_ents[i - 1].offset);
    }
    TT_INT_EQ(offsets_point_at_headers(path, g_ents, n), 0);
}

/* ---- hand-built zips ------------------------------------------------------------- */

TT_TEST(hand_built_plain_and_comment)
{
    static const hent e[] = {
        {.name = "a.json", .data = "{}", .len = 2},
        {.name = "b/", .data = "", .len = 0, .attr = 0x41ed0010u},
        {.name = "b/c.txt", .data = "hello", .len = 5, .made_by = 0x0014, .attr = 0x20},
    };
    /* a comment holding a stray end record signature */
    hopt o = {.comment = "made by hand PK\5\6 not an end record"};
    uint64_t offs[3];
    size_t n;
    const char *path = P("hand.zip");

    build(e, 3, &o, offs);
    TT_INT_EQ(save(path), 0);
    TT_INT_EQ(zd_read(path, &n), 0);
    TT_INT_EQ(n, 3);
    for (size_t i = 0; i < n; i++) {
        TT_STR_EQ(g_ents[i].name, e[i].name);
        TT_INT_EQ(g_ents[i].offset, offs[i]);
        TT_INT_EQ(g_ents[i].usize, e[i].len);
        TT_INT_EQ(g_ents[i].csize, e[i].len);
        TT_INT_EQ(g_ents[i].method, 0);
        TT_INT_EQ(g_ents[i].other_name, 0);
    }
    TT_INT_EQ(g_ents[1].attr, 0x41ed0010u);
    TT_INT_EQ(g_ents[2].made_by, 0x0014); /* MS-DOS */
    TT_INT_EQ(g_ents[2].attr, 0x20);
    TT_INT_EQ(offsets_point_at_headers(path, g_ents, n), 0);
}

TT_TEST(empty_zip)
{
    size_t n;
    const char *path = P("empty.zip");
    build(NULL, 0, NULL, NULL);
    TT_INT_EQ(g_b.len, 22);
    TT_INT_EQ(save(path), 0);
    TT_INT_EQ(zd_read(path, &n), 0);
    TT_INT_EQ(n, 0);
    /* and libarchive's empty zip */
    TT_INT_EQ(write_zip(path, NULL, 0, NULL, NULL), 0);
    TT_INT_EQ(zd_read(path, &n), 0);
    TT_INT_EQ(n, 0);
}

TT_TEST(unicode_path_extra_sets_other_name)
{
    /* Info-ZIP Unicode Path extra field (0x7075): version 1, CRC of the
     * header name, the UTF-8 name. */
    static const unsigned char up[] = {0x75, 0x70, 9, 0, 1, 0, 0, 0, 0, 'c', 'a', 'f', 'e'};
    /* an unrelated extra (extended timestamp) must not set it */
    static const unsigned char ut[] = {0x55, 0x54, 5, 0, 1, 0, 0, 0, 0};
    /* an extra field whose length overruns the extra area: ignored */
    static const unsigned char bad[] = {0x75, 0x70, 200, 0, 1};
    static const unsigned char both[] = {0x55, 0x54, 5, 0, 1, 0, 0, 0, 0,
                                         0x75, 0x70, 9, 0, 1, 0, 0, 0, 0, 'c', 'a', 'f', 'e'};
    hent e[] = {
        {.name = "caf\x82", .data = "1", .len = 1, .xcd = up, .xcd_len = sizeof up},
        {.name = "plain", .data = "2", .len = 1, .xcd = ut, .xcd_len = sizeof ut},
        {.name = "overrun", .data = "3", .len = 1, .xcd = bad, .xcd_len = sizeof bad},
        {.name = "second", .data = "4", .len = 1, .xcd = both, .xcd_len = sizeof both},
    };
    uint64_t offs[4];
    size_t n;
    const char *path = P("up.zip");
    build(e, NELEM(e), NULL, offs);
    TT_INT_EQ(save(path), 0);
    TT_INT_EQ(zd_read(path, &n), 0);
    TT_INT_EQ(n, 4);
    TT_INT_EQ(g_ents[0].other_name, 1);
    TT_STR_EQ(g_ents[0].name, "caf\x82"); /* the raw header name */
    TT_INT_EQ(g_ents[1].other_name, 0);
    TT_INT_EQ(g_ents[2].other_name, 0);
    TT_INT_EQ(g_ents[3].other_name, 1);
    for (size_t i = 0; i < n; i++) {
        TT_INT_EQ(g_ents[i].offset, offs[i]);
        TT_INT_EQ(g_ents[i].usize, 1);
    }
}

TT_TEST(name_with_nul_byte_kept_raw)
{
    /* The name is raw bytes: an embedded NUL shows as name_len > strlen. */
    hent e[] = {{.name = "bad\0name", .nlen = 8, .data = "x", .len = 1}, {.name = "ok", .data = "y", .len = 1}};
    uint64_t offs[2];
    size_t n;
    const char *path = P("nul.zip");
    build(e, 2, NULL, offs);
    TT_INT_EQ(save(path), 0);
    TT_INT_EQ(zd_read(path, &n), 0);
    TT_INT_EQ(n, 2);
    TT_INT_EQ(g_ents[0].name_len, 8);
    TT_ASSERT(memcmp(g_ents[0].name, "bad\0name", 9) == 0);
    TT_STR_EQ(g_ents[1].name, "ok");
}

TT_TEST(hand_built_zip64)
{
    /* Every field in ZIP64 form: the end record all 0xff, the ZIP64 end
     * record and locator, each entry's sizes and offset in a 0x0001 extra
     * (after another extra field on one of them). */
    static const unsigned char ut[] = {0x55, 0x54, 5, 0, 1, 0, 0, 0, 0};
    hent e[] = {
        {.name = "one.json", .data = "[1]", .len = 3, .z64 = 1},
        {.name = "two/three.json", .data = "{\"k\":2}", .len = 7, .z64 = 1, .xcd = ut, .xcd_len = sizeof ut},
        {.name = "small", .data = "s", .len = 1},
    };
    hopt o = {.zip64_end = 1};
    uint64_t offs[3];
    size_t n;
    const char *path = P("h64.zip");
    build(e, 3, &o, offs);
    TT_INT_EQ(save(path), 0);
    TT_INT_EQ(zd_read(path, &n), 0);
    TT_INT_EQ(n, 3);
    for (size_t i = 0; i < n; i++) {
        TT_STR_EQ(g_ents[i].name, e[i].name);
        TT_INT_EQ(g_ents[i].offset, offs[i]);
        TT_INT_EQ(g_ents[i].usize, e[i].len);
        TT_INT_EQ(g_ents[i].csize, e[i].len);
    }
    TT_INT_EQ(offsets_point_at_headers(path, g_ents, n), 0);
}

TT_TEST(hand_built_zip64_damaged)
{
    hent e[] = {{.name = "one.json", .data = "[1]", .len = 3, .z64 = 1}};
    hopt o = {.zip64_end = 1};
    uint64_t offs[1];
    size_t n, cd, loc, rec;
    const char *path = P("h64bad.zip");

    cd = build(e, 1, &o, offs);
    rec = g_b.len - 22 - 20 - 56;
    loc = g_b.len - 22 - 20;
    TT_ASSERT(memcmp(g_b.p + rec, "PK\6\6", 4) == 0 && memcmp(g_b.p + loc, "PK\6\7", 4) == 0);
    (void)cd;
    /* locator signature broken */
    g_b.p[loc + 3] = 9;
    TT_INT_EQ(save(path), 0);
    TT_INT_EQ(zd_read(path, &n), -1);
    g_b.p[loc + 3] = 7;
    /* locator pointing elsewhere */
    wr32(g_b.p + loc + 8, (uint32_t)rec + 4);
    TT_INT_EQ(save(path), 0);
    TT_INT_EQ(zd_read(path, &n), -1);
    /* ... past the end of the file (and near 2^64) */
    wr32(g_b.p + loc + 8, 0xfffffff0u);
    wr32(g_b.p + loc + 12, 0xffffffffu);
    TT_INT_EQ(save(path), 0);
    TT_INT_EQ(zd_read(path, &n), -1);
    wr32(g_b.p + loc + 8, (uint32_t)rec);
    wr32(g_b.p + loc + 12, 0);
    TT_INT_EQ(save(path), 0);
    TT_INT_EQ(zd_read(path, &n), 0); /* restored */
    /* ZIP64 record signature broken */
    g_b.p[rec + 2] = 5;
    TT_INT_EQ(save(path), 0);
    TT_INT_EQ(zd_read(path, &n), -1);
    g_b.p[rec + 2] = 6;
    /* ZIP64 record: directory offset past it, or huge */
    wr32(g_b.p + rec + 48, (uint32_t)rec + 1);
    TT_INT_EQ(save(path), 0);
    TT_INT_EQ(zd_read(path, &n), -1);
    wr32(g_b.p + rec + 48, 0xfffffff0u);
    wr32(g_b.p + rec + 52, 0xfffffff0u);
    TT_INT_EQ(save(path), 0);
    TT_INT_EQ(zd_read(path, &n), -1);
    wr32(g_b.p + rec + 52, 0);
    wr32(g_b.p + rec + 48, (uint32_t)cd);
    /* ZIP64 record: count larger than the records */
    wr32(g_b.p + rec + 32, 2);
    TT_INT_EQ(save(path), 0);
    TT_INT_EQ(zd_read(path, &n), -1);
    wr32(g_b.p + rec + 32, 0xffffffffu);
    wr32(g_b.p + rec + 36, 0xffffffffu);
    TT_INT_EQ(save(path), 0);
    TT_INT_EQ(zd_read(path, &n), -1);
    wr32(g_b.p + rec + 36, 0);
    wr32(g_b.p + rec + 32, 1);
    /* ZIP64 record: directory size huge */
    wr32(g_b.p + rec + 44, 1);
    TT_INT_EQ(save(path), 0);
    TT_INT_EQ(zd_read(path, &n), -1);
    wr32(g_b.p + rec + 44, 0);
    /* the 0x0001 extra too short for the offset it must carry */
    {
        size_t x = cd + 46 + strlen("one.json");
        TT_ASSERT(rd16(g_b.p + x) == 0x0001 && rd16(g_b.p + x + 2) == 24);
        wr16(g_b.p + x + 2, 16); /* the offset left as 0xffffffff */
        TT_INT_EQ(save(path), 0);
        TT_INT_EQ(zd_read(path, &n), -1);
        wr16(g_b.p + x + 2, 24);
    }
    /* the end record all 0xff without any ZIP64 record in front */
    {
        unsigned char *end = g_b.p + g_b.len - 22;
        unsigned char tail[22];
        memcpy(tail, end, 22);
        g_b.len = loc - 56;                     /* drop the ZIP64 records */
        put(&g_b, tail, 22);
        TT_INT_EQ(save(path), 0);
        TT_INT_EQ(zd_read(path, &n), -1);
    }
}

TT_TEST(hand_built_zip64_prepended)
{
    /* ZIP64 with data in front: the locator's offset is not shifted either.
     * Either the directory is refused (the caller walks the part) or the
     * offsets must point at the real headers. */
    hent e[] = {
        {.name = "one.json", .data = "[1]", .len = 3, .z64 = 1},
        {.name = "two.json", .data = "[2]", .len = 3, .z64 = 1},
    };
    hopt o = {.zip64_end = 1, .prefix = 700};
    uint64_t offs[2];
    size_t n;
    int rc;
    const char *path = P("h64pre.zip");
    build(e, 2, &o, offs);
    TT_INT_EQ(save(path), 0);
    rc = zd_read(path, &n);
    TT_ASSERT(rc == 0 || rc == -1);
    if (rc == 0) {
        TT_INT_EQ(n, 2);
        TT_INT_EQ(g_ents[0].offset, offs[0]);
        TT_INT_EQ(g_ents[1].offset, offs[1]);
    }
}

TT_TEST(zip64_offsets_past_4gib_sparse)
{
    /* A sparse file of about 5 GiB: a small member at 0, a hole, a member
     * whose local header sits past 4 GiB, then the directory. Member 0
     * claims sizes past 4 GiB (sizes in its 0x0001 extra, offset in the
     * record); member 1 has 32-bit sizes and its offset alone in the extra
     * (only the fields set to 0xffffffff are there, in order). */
    const uint64_t far = (5ull << 30) + 123;
    const uint64_t big_u = 4500000000ull, big_c = 4400000000ull;
    const char *path = P("sparse64.zip");
    bbuf b = {0};
    uint64_t cd, cdsize;
    size_t n;
    int fd = -1, ok;

    /* member 0's local header */
    put(&b, "PK\3\4", 4);
    put16(&b, 45);
    put16(&b, 0);
    put16(&b, 0);
    put32(&b, 0x00210000);
    put32(&b, 0);
    put32(&b, 0xffffffffu);
    put32(&b, 0xffffffffu);
    put16(&b, 6);
    put16(&b, 0);
    put(&b, "big.mp", 6);
    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    ok = fd >= 0 && !b.oom && pwrite(fd, b.p, b.len, 0) == (ssize_t)b.len;
    /* member 1's local header and data past 4 GiB */
    b.len = 0;
    put(&b, "PK\3\4", 4);
    put16(&b, 20);
    put16(&b, 0);
    put16(&b, 0);
    put32(&b, 0x00210000);
    put32(&b, 0);
    put32(&b, 4);
    put32(&b, 4);
    put16(&b, 9);
    put16(&b, 0);
    put(&b, "late.json", 9);
    put(&b, "[42]", 4);
    cd = far + b.len;
    /* the directory */
    put(&b, "PK\1\2", 4);
    put16(&b, 0x032d);
    put16(&b, 45);
    put16(&b, 0);
    put16(&b, 8);
    put32(&b, 0x00210000);
    put32(&b, 0);
    put32(&b, 0xffffffffu);
    put32(&b, 0xffffffffu);
    put16(&b, 6);
    put16(&b, 20);
    put16(&b, 0);
    put16(&b, 0);
    put16(&b, 0);
    put32(&b, 0x81a40000u);
    put32(&b, 0);
    put(&b, "big.mp", 6);
    put16(&b, 0x0001);
    put16(&b, 16);
    put64(&b, big_u);
    put64(&b, big_c);
    put(&b, "PK\1\2", 4);
    put16(&b, 0x032d);
    put16(&b, 45);
    put16(&b, 0);
    put16(&b, 0);
    put32(&b, 0x00210000);
    put32(&b, 0);
    put32(&b, 4);
    put32(&b, 4);
    put16(&b, 9);
    put16(&b, 12);
    put16(&b, 0);
    put16(&b, 0);
    put16(&b, 0);
    put32(&b, 0x81a40000u);
    put32(&b, 0xffffffffu);
    put(&b, "late.json", 9);
    put16(&b, 0x0001);
    put16(&b, 8);
    put64(&b, far);
    cdsize = far + b.len - cd;
    /* ZIP64 end record, locator, end record */
    {
        uint64_t rec = far + b.len;
        put(&b, "PK\6\6", 4);
        put64(&b, 44);
        put16(&b, 45);
        put16(&b, 45);
        put32(&b, 0);
        put32(&b, 0);
        put64(&b, 2);
        put64(&b, 2);
        put64(&b, cdsize);
        put64(&b, cd);
        put(&b, "PK\6\7", 4);
        put32(&b, 0);
        put64(&b, rec);
        put32(&b, 1);
        put(&b, "PK\5\6", 4);
        put16(&b, 0);
        put16(&b, 0);
        put16(&b, 2);
        put16(&b, 2);
        put32(&b, 0xffffffffu);
        put32(&b, 0xffffffffu);
        put16(&b, 0);
    }
    ok = ok && !b.oom && pwrite(fd, b.p, b.len, (off_t)far) == (ssize_t)b.len;
    free(b.p);
    if (fd >= 0)
        close(fd);
    if (!ok) {
        remove(path);
        TT_FAIL_("could not write the sparse file: %s", strerror(errno));
    }
    ok = zd_read(path, &n) == 0 && n == 2 && g_ents[0].offset == 0 && g_ents[0].usize == big_u &&
         g_ents[0].csize == big_c && g_ents[0].method == 8 && g_ents[1].offset == far &&
         g_ents[1].usize == 4 && g_ents[1].csize == 4 && strcmp(g_ents[1].name, "late.json") == 0 &&
         offsets_point_at_headers(path, g_ents, n) == 0;
    if (!ok && g_ents != NULL)
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, "  %s at %llu, %llu/%llu bytes\n", g_ents[i].name,
                    (unsigned long long)g_ents[i].offset, (unsigned long long)g_ents[i].csize,
                    (unsigned long long)g_ents[i].usize);
    /* an offset at or past the directory is refused */
    if (ok) {
        unsigned char v[8];
        int fd2 = open(path, O_RDWR);
        uint64_t off_field = cd + (46 + 6 + 20) + 46 + 9 + 4;
        uint64_t past = cd;
        for (int i = 0; i < 8; i++)
            v[i] = (unsigned char)(past >> (8 * i));
        ok = fd2 >= 0 && pwrite(fd2, v, 8, (off_t)off_field) == 8;
        if (fd2 >= 0)
            close(fd2);
        ok = ok && zd_read(path, &n) == -1;
    }
    remove(path);
    TT_ASSERT(ok);
}

/* ---- damage ------------------------------------------------------------------ */

TT_TEST(every_truncation_refused)
{
    /* Cut the file at every length: wherever the cut falls (member data,
     * the directory, the end record) the end record is gone or not at the
     * end, and the answer is -1. */
    const char *path = P("cut.zip"), *cut = P("cut-n.zip");
    long at;
    size_t n, len;
    int fd;
    sample();
    TT_INT_EQ(write_zip(path, g_sample, NELEM(g_sample), NULL, NULL), 0);
    TT_INT_EQ(slurp(path), 0);
    at = eocd_at();
    TT_ASSERT(at > 0);
    len = g_img_len;
    TT_INT_EQ(write_file(cut, g_img, len), 0);
    fd = open(cut, O_RDWR);
    TT_ASSERT(fd >= 0);
    for (size_t l = len; l-- > 0;) {
        int rc;
        if (ftruncate(fd, (off_t)l) != 0) {
            close(fd);
            TT_FAIL_("ftruncate: %s", strerror(errno));
        }
        rc = zd_read(cut, &n);
        if (rc != -1) {
            close(fd);
            TT_FAIL_("cut at %zu of %zu (end record at %ld): got %d, want -1", l, len, at, rc);
        }
    }
    close(fd);
}

/* Patch g_img (a libarchive-written sample) with f, save it to path, and
 * return what zd_read says; g_img is restored. */
static int patched(const char *path, size_t at, const void *bytes, size_t nbytes, size_t *n)
{
    unsigned char save_[16];
    int rc;
    memcpy(save_, g_img + at, nbytes);
    memcpy(g_img + at, bytes, nbytes);
    rc = write_file(path, g_img, g_img_len) == 0 ? zd_read(path, n) : -2;
    memcpy(g_img + at, save_, nbytes);
    return rc;
}

static void le32s(unsigned char *p, uint32_t v) { wr32(p, v); }

TT_TEST(end_record_lies_refused)
{
    const char *src = P("lies-src.zip"), *path = P("lies.zip");
    unsigned char v[4];
    uint32_t cd_off, cd_size;
    unsigned count;
    long at;
    size_t n;

    sample();
    TT_INT_EQ(write_zip(src, g_sample, NELEM(g_sample), NULL, NULL), 0);
    TT_INT_EQ(slurp(src), 0);
    at = eocd_at();
    TT_ASSERT(at > 0);
    count = rd16(g_img + at + 10);
    cd_size = rd32(g_img + at + 12);
    cd_off = rd32(g_img + at + 16);
    TT_INT_EQ(count, NELEM(g_sample));
    TT_INT_EQ(cd_off + cd_size, (uint32_t)at);

    /* comment length lying: says 10, there is none */
    wr16(v, 10);
    TT_INT_EQ(patched(path, (size_t)at + 20, v, 2, &n), -1);
    wr16(v, 1);
    TT_INT_EQ(patched(path, (size_t)at + 20, v, 2, &n), -1);
    /* a comment of 5 bytes the record does not declare (bytes after the end) */
    {
        unsigned char *longer = malloc(g_img_len + 5);
        int rc;
        TT_ASSERT(longer != NULL);
        memcpy(longer, g_img, g_img_len);
        memcpy(longer + g_img_len, "extra", 5);
        rc = write_file(path, longer, g_img_len + 5);
        wr16(longer + at + 20, 3); /* declares 3 of the 5 */
        rc = rc == 0 ? write_file(P("lies2.zip"), longer, g_img_len + 5) : rc;
        wr16(longer + at + 20, 5); /* declares all 5: fine */
        rc = rc == 0 ? write_file(P("lies3.zip"), longer, g_img_len + 5) : rc;
        free(longer);
        TT_INT_EQ(rc, 0);
        TT_INT_EQ(zd_read(path, &n), -1);
        TT_INT_EQ(zd_read(P("lies2.zip"), &n), -1);
        TT_INT_EQ(zd_read(P("lies3.zip"), &n), 0);
        TT_INT_EQ(n, NELEM(g_sample));
    }

    /* count lying: more entries than records */
    wr16(v, count + 1);
    TT_INT_EQ(patched(path, (size_t)at + 10, v, 2, &n), -1);
    wr16(v, 0xfffe);
    TT_INT_EQ(patched(path, (size_t)at + 10, v, 2, &n), -1);
    /* the "entries on this disk" field alone is not used: either answer is fine */

    /* directory size lying */
    le32s(v, cd_size + 1);
    TT_INT_EQ(patched(path, (size_t)at + 12, v, 4, &n), -1);
    le32s(v, cd_size - 1);
    TT_INT_EQ(patched(path, (size_t)at + 12, v, 4, &n), -1);
    le32s(v, cd_size + 46);
    TT_INT_EQ(patched(path, (size_t)at + 12, v, 4, &n), -1);
    le32s(v, (uint32_t)at + 1);
    TT_INT_EQ(patched(path, (size_t)at + 12, v, 4, &n), -1);
    le32s(v, 0xfffffffeu);
    TT_INT_EQ(patched(path, (size_t)at + 12, v, 4, &n), -1);
    le32s(v, 0);
    TT_INT_EQ(patched(path, (size_t)at + 12, v, 4, &n), -1);

    /* directory offset lying */
    le32s(v, cd_off + 1); /* inside the first record */
    TT_INT_EQ(patched(path, (size_t)at + 16, v, 4, &n), -1);
    le32s(v, cd_off + 46); /* later in the directory */
    TT_INT_EQ(patched(path, (size_t)at + 16, v, 4, &n), -1);
    le32s(v, (uint32_t)at); /* the end record itself */
    TT_INT_EQ(patched(path, (size_t)at + 16, v, 4, &n), -1);
    le32s(v, (uint32_t)at + 100); /* past the end */
    TT_INT_EQ(patched(path, (size_t)at + 16, v, 4, &n), -1);
    le32s(v, 0xfffffffeu);
    TT_INT_EQ(patched(path, (size_t)at + 16, v, 4, &n), -1);
    le32s(v, 0); /* the first local header: would shift every offset into the directory */
    TT_INT_EQ(patched(path, (size_t)at + 16, v, 4, &n), -1);
}

TT_TEST(end_record_count_too_small)
{
    /* The end record's count says fewer entries than the directory holds
     * (also what a zip of more than 65535 entries without ZIP64 looks like:
     * the 16-bit count wrapped). libarchive, which lists the part when the
     * directory is refused, reads every record up to the end record (bsdtar
     * -t lists them all). Using the directory must then either be refused
     * or give every entry: listing only `count` of them silently drops
     * members from the tree. */
    const char *src = P("few-src.zip"), *path = P("few.zip");
    unsigned char v[2];
    size_t n;
    long at;
    int rc;
    sample();
    TT_INT_EQ(write_zip(src, g_sample, NELEM(g_sample), NULL, NULL), 0);
    TT_INT_EQ(slurp(src), 0);
    at = eocd_at();
    TT_ASSERT(at > 0);
    for (unsigned c = 0; c < NELEM(g_sample); c++) {
        wr16(v, c);
        rc = patched(path, (size_t)at + 10, v, 2, &n);
        if (!(rc == -1 || (rc == 0 && n == NELEM(g_sample))))
            TT_FAIL_("end record count %u of %zu records: got rc %d with %zu entries", c, NELEM(g_sample), rc,
                     rc == 0 ? n : 0);
    }
}

TT_TEST(directory_offset_small_lie_is_taken_as_prepended_data)
{
    /* A directory offset 10 bytes short cannot be told from 10 bytes
     * prepended to the zip (libarchive applies the same correction): the
     * offsets come back shifted by 10, and the tree's name check at each
     * offset is what refuses them. Either -1, or a consistent shift. */
    const char *src = P("short-src.zip"), *path = P("short.zip");
    unsigned char v[4];
    uint32_t cd_off;
    size_t n;
    long at;
    int rc;
    sample();
    TT_INT_EQ(write_zip(src, g_sample, NELEM(g_sample), NULL, NULL), 0);
    TT_INT_EQ(zd_read(src, &n), 0);
    {
        uint64_t first = g_ents[1].offset;
        TT_INT_EQ(slurp(src), 0);
        at = eocd_at();
        TT_ASSERT(at > 0);
        cd_off = rd32(g_img + at + 16);
        le32s(v, cd_off - 10);
        rc = patched(path, (size_t)at + 16, v, 4, &n);
        TT_ASSERT(rc == -1 || rc == 0);
        if (rc == 0)
            TT_INT_EQ(g_ents[1].offset, first + 10);
    }
}

TT_TEST(directory_record_damage_refused)
{
    /* Damage inside the directory records themselves. */
    const char *src = P("rec-src.zip"), *path = P("rec.zip");
    unsigned char v[4];
    uint32_t cd_off, cd_size;
    size_t n;
    long at;
    sample();
    TT_INT_EQ(write_zip(src, g_sample, NELEM(g_sample), NULL, NULL), 0);
    TT_INT_EQ(slurp(src), 0);
    at = eocd_at();
    TT_ASSERT(at > 0);
    cd_size = rd32(g_img + at + 12);
    cd_off = rd32(g_img + at + 16);
    /* a record signature broken (the second record) */
    {
        size_t second = cd_off + 46 + rd16(g_img + cd_off + 28) + rd16(g_img + cd_off + 30) +
                        rd16(g_img + cd_off + 32);
        TT_ASSERT(memcmp(g_img + second, "PK\1\2", 4) == 0);
        TT_INT_EQ(patched(path, second + 2, "\3", 1, &n), -1);
        /* its name length running past the directory */
        wr16(v, 0xffff);
        TT_INT_EQ(patched(path, second + 28, v, 2, &n), -1);
        /* its extra length running past the directory */
        TT_INT_EQ(patched(path, second + 30, v, 2, &n), -1);
        /* its comment length */
        TT_INT_EQ(patched(path, second + 32, v, 2, &n), -1);
        /* its local header offset at the directory, or past it */
        le32s(v, cd_off);
        TT_INT_EQ(patched(path, second + 42, v, 4, &n), -1);
        le32s(v, 0xfffffff0u);
        TT_INT_EQ(patched(path, second + 42, v, 4, &n), -1);
        /* its offset pointing at another member's header: accepted here
         * (only the offset is taken; the tree checks the name there) */
        le32s(v, 0);
        TT_INT_EQ(patched(path, second + 42, v, 4, &n), 0);
        TT_INT_EQ(n, NELEM(g_sample));
        TT_INT_EQ(g_ents[1].offset, 0);
    }
    (void)cd_size;
}

TT_TEST(not_a_zip_and_tiny_files)
{
    size_t n;
    static const char junk[] = "this is not a zip file at all, not even close......";
    unsigned char eocd[22] = {'P', 'K', 5, 6};
    TT_INT_EQ(write_file(P("junk"), junk, sizeof junk - 1), 0);
    TT_INT_EQ(zd_read(P("junk"), &n), -1);
    TT_INT_EQ(write_file(P("zero"), "", 0), 0);
    TT_INT_EQ(zd_read(P("zero"), &n), -1);
    TT_INT_EQ(write_file(P("short"), eocd, 21), 0);
    TT_INT_EQ(zd_read(P("short"), &n), -1);
    /* an end record alone: an empty zip */
    TT_INT_EQ(write_file(P("eocd"), eocd, 22), 0);
    TT_INT_EQ(zd_read(P("eocd"), &n), 0);
    TT_INT_EQ(n, 0);
    /* an end record claiming one entry in a directory of zero bytes */
    eocd[8] = eocd[10] = 1;
    TT_INT_EQ(write_file(P("eocd1"), eocd, 22), 0);
    TT_INT_EQ(zd_read(P("eocd1"), &n), -1);
    /* a directory that is not readable (a directory fd) */
    {
        tr_zipdir_entry *out = (tr_zipdir_entry *)1;
        int fd = open(g_dir, O_RDONLY);
        TT_ASSERT(fd >= 0);
        n = 7;
        TT_INT_EQ(tr_zipdir_read(fd, &out, &n), -1);
        close(fd);
        TT_ASSERT(out == NULL);
        TT_INT_EQ(n, 0);
    }
}

int main(void)
{
    strcpy(g_dir, "/tmp/tr-zipdir-XXXXXX");
    if (mkdtemp(g_dir) == NULL) {
        fprintf(stderr, "mkdtemp: %s\n", strerror(errno));
        return 1;
    }
    ZD_RUN(deflate_names_sizes_offsets);
    ZD_RUN(store_names_sizes_offsets);
    ZD_RUN(forced_zip64_records);
    ZD_RUN(encrypted_flag);
    ZD_RUN(data_prepended);
    ZD_RUN(data_prepended_forced_zip64);
    ZD_RUN(many_entries);
    ZD_RUN(hand_built_plain_and_comment);
    ZD_RUN(empty_zip);
    ZD_RUN(unicode_path_extra_sets_other_name);
    ZD_RUN(name_with_nul_byte_kept_raw);
    ZD_RUN(hand_built_zip64);
    ZD_RUN(hand_built_zip64_damaged);
    ZD_RUN(hand_built_zip64_prepended);
    ZD_RUN(zip64_offsets_past_4gib_sparse);
    ZD_RUN(every_truncation_refused);
    ZD_RUN(end_record_lies_refused);
    ZD_RUN(end_record_count_too_small);
    ZD_RUN(directory_offset_small_lie_is_taken_as_prepended_data);
    ZD_RUN(directory_record_damage_refused);
    ZD_RUN(not_a_zip_and_tiny_files);
    nftw(g_dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    return tt_done();
}
