#!/usr/bin/env python3
"""interrupt.py - Ctrl-C during a scan, on a terminal.

Usage: interrupt.py TRAINABLE

Writes a large synthetic Facebook export (a few hundred MiB of post JSON, so
that the scan runs for seconds), scans it with stdout and stderr on a
pseudo-terminal, waits for the progress bar, then types Ctrl-C (byte 0x03 on
the terminal, so the terminal driver sends SIGINT as it would for a person).
Checks: the exit code is 130; the last line of the screen, once the carriage
returns and erase-to-end-of-line sequences are applied, is empty (the
progress bar was cleared); and no report file, finished or half-written, is
left beside the -o target.
"""

import json
import os
import pty
import select
import shutil
import signal
import sys
import tempfile
import time
import zipfile

STEM = "facebook-ctrlc-2025-06-01-Cc11Dd22"
MEMBERS = 600           # post files of about half a MiB each (doubled while a scan ends too soon)
RECORDS = 2500          # posts per file


def write_export(path, members):
    """A zip whose wrapper folder is STEM, with `members` post files."""
    records = []
    for i in range(RECORDS):
        records.append({
            "timestamp": 1500000000 + i * 3600,
            "data": [{"post": "Post number %d about the weather, the garden and the neighbours' cat." % i}],
            "title": "Jane Doe updated her status.",
        })
    body = json.dumps(records, indent=2).encode()

    def member(name):  # a regular file (mode 0644), as Meta's zips mark them
        info = zipfile.ZipInfo(STEM + "/" + name, date_time=(2025, 6, 1, 9, 30, 0))
        info.external_attr = 0o100644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    with zipfile.ZipFile(path, "w") as z:
        profile = {"profile_v2": {"name": {"full_name": "Jane Doe"}}}
        z.writestr(member("personal_information/profile_information/profile_information.json"),
                   json.dumps(profile), compresslevel=1)
        for n in range(1, members + 1):
            z.writestr(member("your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_%d.json" % n),
                       body, compresslevel=1)


def last_screen_line(data):
    """The last line as a terminal shows it: "\r" returns to column 0, text
    overwrites, ESC [ K erases to the end of the line."""
    line, col = [], 0
    i = 0
    text = data.decode("utf-8", "replace")
    while i < len(text):
        c = text[i]
        if c == "\n":
            line, col = [], 0
        elif c == "\r":
            col = 0
        elif c == "\x1b" and text.startswith("\x1b[K", i):
            del line[col:]
            i += 3
            continue
        elif c == "\x1b" and text.startswith("\x1b[", i):  # other CSI: skip it
            j = i + 2
            while j < len(text) and not ("@" <= text[j] <= "~"):
                j += 1
            i = j + 1
            continue
        else:
            if col < len(line):
                line[col] = c
            else:
                line.extend(" " * (col - len(line)))
                line.append(c)
            col += 1
        i += 1
    return "".join(line)


def run(trainable, export, report):
    """Scan export on a pseudo-terminal and type Ctrl-C once the progress bar
    shows. Returns (wait status, everything written to the terminal, when
    Ctrl-C was typed or None)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.pop("NO_COLOR", None)
        try:
            os.execv(trainable, [trainable, "scan", "--threads", "1", "--format", "json", "-o", report, export])
        finally:
            os._exit(127)
    out = b""
    sent = None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            out += chunk
        if sent is None and b" items " in out:
            os.write(fd, b"\x03")  # Ctrl-C, as typed
            sent = time.monotonic()
    else:
        os.kill(pid, signal.SIGKILL)
        print("FAIL: the scan did not end within 120 s")
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return status, out, sent


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    trainable = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix="trainable-interrupt-")
    fails = 0
    try:
        export = os.path.join(tmp, STEM + ".zip")
        outdir = os.path.join(tmp, "out")
        os.mkdir(outdir)
        report = os.path.join(outdir, "report.json")
        members = MEMBERS
        for attempt in range(3):
            write_export(export, members)
            status, out, sent = run(trainable, export, report)
            if sent is not None or not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
                break
            # the scan ended before its progress bar showed: a faster machine; a bigger export
            print("note: the scan of %d members ended within a second; trying %d" % (members, members * 4))
            for f in os.listdir(outdir):
                os.unlink(os.path.join(outdir, f))
            members *= 4
        if sent is None:
            print("FAIL: no progress bar appeared before the scan ended (output: %r)" % out[-300:])
            return 1
        if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 130:
            print("ok: exit code 130 after Ctrl-C")
        else:
            print("FAIL: after Ctrl-C, wait status %#x (expected exit code 130)" % status)
            fails += 1
        last = last_screen_line(out)
        if last.strip() == "":
            print("ok: the progress line is cleared")
        else:
            print("FAIL: the last screen line is not clean: %r" % last)
            fails += 1
        left = os.listdir(outdir)
        if left:
            print("FAIL: files left beside the -o target: %s" % left)
            fails += 1
        else:
            print("ok: no report file left")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
