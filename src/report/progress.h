/* progress.h - a progress bar on stderr while a scan runs.
 *
 * Shown only on a terminal, only after the scan has run about a second, at
 * most ten times a second, on one line that is cleared at the end:
 *
 *   [=========>          ]  48%  312 MB of 650 MB  1,204 items  0:07  your_facebook_activity/posts/...
 *
 * The scan reports through tr_progress_hook, whose signature is the hook the
 * scan calls (see tr_scan_options in report.h); user is the tr_progress.
 * Names from the export are stripped of control characters and escape
 * sequences before they reach the terminal.
 *
 * Ownership: tr_progress_new returns an object the caller frees with
 * tr_progress_end (which also clears the line). The output FILE is borrowed.
 */
#ifndef TR_PROGRESS_H
#define TR_PROGRESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct tr_progress tr_progress;

/* A progress bar writing to out, or NULL when it must stay silent (quiet is
 * set, or out is not a terminal) or when out of memory: every function
 * below accepts NULL and then does nothing. */
tr_progress *tr_progress_new(FILE *out, int quiet);

/* Report progress: bytes read so far of total (0 when unknown), items found,
 * the member being read (may be NULL). Cheap when nothing is drawn. */
void tr_progress_update(tr_progress *p, uint64_t bytes_done, uint64_t total, size_t items, const char *member);

/* The same, as a scan callback: user is a tr_progress (or NULL). */
void tr_progress_hook(uint64_t bytes_done, uint64_t total, size_t items, const char *member, void *user);

/* Clear the line if one was drawn, and free p. */
void tr_progress_end(tr_progress *p);

/* For a signal handler (SIGINT): clear the line of the bar that is live, if
 * one was drawn, and draw nothing more. Uses write(2) only: async-signal-safe. */
void tr_progress_interrupt(void);

/* Format one progress line of at most `width` columns (no newline) into buf
 * (n bytes); exposed for tests. Returns buf. */
char *tr_progress_format(char *buf, size_t n, int width, uint64_t bytes_done, uint64_t total, size_t items,
                         const char *member, double elapsed);

#endif
