#!/usr/bin/env python3
"""readme.py - README.md's examples are true.

Usage: readme.py TRAINABLE SOURCE_DIR
       readme.py --json-example TRAINABLE SOURCE_DIR   print the JSON example to paste

1. Every command of a ```sh block of README.md that calls trainable (a line
   that starts with `trainable`, or a part of a line after `&&` that starts
   with `build/trainable`) is run against the bundled samples: the binary
   under test replaces `trainable`, `[optional]` parts of a synopsis are
   dropped, placeholders (INPUT..., DIR, FILE) and the example file names
   (export.zip, *-part1.zip, ~/Downloads/...) become samples, and -o files go
   into a scratch folder. Its exit code must be 0 and its output must have the
   shape the README describes (JSON keys, the CSV header, the HTML page, the
   text report's sections, ...).
2. The ```json block of "The JSON report" must be exactly what trainable prints
   for the sample named in its export.parts: same keys, same values, so that
   the rule count, the totals and the key set cannot drift.
"""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import zipfile

fails = 0
passes = 0


def fail(msg):
    global fails
    fails += 1
    print("FAIL: " + msg)


def ok():
    global passes
    passes += 1


def blocks(text, lang):
    """The fenced blocks of language `lang`, as (first line number, text)."""
    out = []
    for m in re.finditer(r"^```%s[ \t]*\n(.*?)^```[ \t]*$" % re.escape(lang), text, re.M | re.S):
        out.append((text.count("\n", 0, m.start()) + 2, m.group(1)))
    return out


def commands(text):
    """The trainable commands of the sh blocks: (line number, command text)."""
    out = []
    for start, body in blocks(text, "sh"):
        for n, line in enumerate(body.splitlines()):
            for part in line.split("&&"):
                part = part.strip()
                if part.startswith("trainable ") or part.startswith("build/trainable "):
                    out.append((start + n, part))
    return out


class Env:
    """The scratch folder and the sample each example name stands for."""

    def __init__(self, src, tmp):
        self.src, self.tmp = src, tmp
        s = os.path.join(src, "samples")
        self.fb = os.path.join(s, "facebook-jdoe-2025-06-01-Ab12Cd34.zip")
        self.parts = [os.path.join(s, "facebook-meiko-2025-03-15-Zz98Yy76-part%d.zip" % i) for i in (1, 2)]
        self.folder = os.path.join(tmp, "unzipped")
        with zipfile.ZipFile(self.fb) as z:
            z.extractall(self.folder)
        self.folder = os.path.join(self.folder, "facebook-jdoe-2025-06-01-Ab12Cd34")

    def arg(self, a):
        """The sample, folder or scratch path an example argument stands for."""
        if a in ("INPUT...", "INPUT", "export.zip", "x.zip"):
            return self.fb
        if a == "DIR":
            return os.path.join(self.src, "rules")
        if a.endswith(".zip"):
            m = re.search(r"part([12])\.zip$", a)
            if m:
                return self.parts[int(m.group(1)) - 1]
            own = os.path.join(self.src, "samples", os.path.basename(a))
            return own if os.path.exists(own) else self.fb
        if a.startswith("~/") or a.endswith("/"):
            return self.folder
        return a


def prepare(cmd, trainable, env):
    """The argv of an example command, or None when it is not runnable."""
    cmd = re.sub(r"\s+#.*$", "", cmd)                # a trailing comment
    cmd = cmd.split(" | ")[0]                          # a pipe's reader is not ours to test
    cmd = re.sub(r"\[[^\]]*\]", "", cmd)               # [optional] parts of a synopsis
    words = shlex.split(cmd)
    argv = [trainable]
    i = 1
    while i < len(words):
        w = words[i]
        if w in ("-o", "--output") and i + 1 < len(words):
            argv += [w, os.path.join(env.tmp, "out", os.path.basename(words[i + 1]))]
            i += 2
            continue
        if w.startswith("-") or i <= 2 and w in ("scan", "objection", "schema", "rules", "check", "test",
                                                  "list", "help"):
            argv.append(w)
        else:
            argv.append(env.arg(w))
        i += 1
    return argv


def output_of(argv, env, proc):
    """What the command wrote: the -o file, else stdout."""
    for flag in ("-o", "--output"):
        if flag in argv:
            path = argv[argv.index(flag) + 1]
            with open(path, encoding="utf-8") as f:
                return f.read()
    return proc.stdout


JSON_KEYS = ["account", "accounts", "assume_public", "categories", "complete", "eligible_time", "errors", "export", "rules",
             "schema_version", "tool", "totals", "unmatched", "warnings"]


def check_shape(where, argv, out):
    """The output has the shape README describes for this command."""
    sub = argv[1]
    fmt = None
    for flag in ("-f", "--format"):
        if flag in argv:
            fmt = argv[argv.index(flag) + 1]
    if fmt is None:  # without --format, the extension of -o FILE picks it
        path = ""
        for flag in ("-o", "--output"):
            if flag in argv and argv.index(flag) + 1 < len(argv):
                path = argv[argv.index(flag) + 1]
        fmt = {".json": "json", ".jsonl": "jsonl", ".csv": "csv", ".html": "html", ".htm": "html"}.get(
            os.path.splitext(path)[1].lower(), "text")
    if sub == "--version":
        good = re.match(r"trainable \S+\nrule set \S+ \S+", out) is not None
        what = "engine and rule set versions"
    elif sub in ("--help", "help"):
        good = "Usage:" in out and "Exit codes" in out
        what = "usage"
    elif sub == "schema":
        d = json.loads(out)
        good = isinstance(d, dict) and "complete" in d
        what = "a JSON schema dump"
    elif sub == "rules":
        what = "the rules command's output"
        good = {"check": "rules,", "test": "passed,", "list": "platform"}.get(argv[2], "") in out
    elif sub == "objection":
        # in English, or in the language --lang asks for (tests/i18n.sh checks those)
        good = (out.startswith("What you can do") or "--lang" in argv) and "docs/facts.md" in out
        what = "the what-you-can-do section, naming docs/facts.md"
    elif fmt == "json":
        d = json.loads(out)
        want = set(JSON_KEYS) | ({"items", "media"} if "--items" in argv else set())
        good = set(d) == want
        what = "the JSON report's keys %s (got %s)" % (sorted(want), sorted(d))
    elif fmt == "jsonl":
        good = all(set(json.loads(l)) >= {"path", "index", "category", "verdict", "rule", "reason", "time"}
                   for l in out.splitlines() if l)
        what = "one JSON object per item"
    elif fmt == "csv":
        good = out.startswith("path,index,category,verdict,rule,time")
        what = "the CSV header"
    elif fmt == "html":
        good = out.lstrip().lower().startswith("<!doctype html") and 'id="what-you-can-do"' in out
        what = "an HTML page with its what-you-can-do section"
    else:
        good = "eligible" in out and "What you can do" in out and "docs/facts.md" in out
        what = "the text summary (verdict counts, what you can do, the facts page)"
    if good:
        ok()
    else:
        fail("%s: %s: output is not %s" % (where, " ".join(argv[1:]), what))


def check_json_example(readme, trainable, env):
    """The JSON report's example is exactly what trainable prints."""
    i = readme.find("## The JSON report")
    found = [b for b in blocks(readme, "json") if readme.find(b[1]) > i]
    if i < 0 or not found:
        fail("README.md: no ```json block under \"## The JSON report\"")
        return
    line, body = found[0]
    try:
        example = json.loads(body)
    except ValueError as e:
        fail("README.md:%d: the JSON example is not JSON: %s" % (line, e))
        return
    part = example.get("export", {}).get("parts", ["?"])[0]
    sample = os.path.join(env.src, "samples", part)
    if not os.path.exists(sample):
        fail("README.md:%d: the JSON example's part %s is not a bundled sample" % (line, part))
        return
    p = subprocess.run([trainable, "scan", "--format", "json", sample], capture_output=True, text=True)
    real = json.loads(p.stdout)
    if example == real:
        ok()
        return
    fail("README.md:%d: the JSON example is not what `trainable scan --format json samples/%s` prints; "
         "paste the output of `tests/readme.py --json-example TRAINABLE .` instead" % (line, part))
    for k in sorted(set(example) | set(real)):
        if example.get(k, "(missing)") != real.get(k, "(missing)"):
            print("    %s: README %s, real %s" % (k, json.dumps(example.get(k, "(missing)")),
                                                  json.dumps(real.get(k, "(missing)"))))


def json_example(trainable, sample):
    """The real report of sample, laid out as README shows it: sorted keys,
    one line per small object."""
    d = json.loads(subprocess.run([trainable, "scan", "--format", "json", sample], capture_output=True,
                                  text=True).stdout)

    def c(v):
        return json.dumps(v, ensure_ascii=False, separators=(", ", ": "), sort_keys=True)

    out = ["{"]
    keys = sorted(d)
    for i, k in enumerate(keys):
        end = "," if i < len(keys) - 1 else ""
        v = d[k]
        if isinstance(v, dict) and len(c(v)) > 90:
            out.append('  "%s": {' % k)
            ks = sorted(v)
            out += ['    "%s": %s%s' % (kk, c(v[kk]), "," if j < len(ks) - 1 else "") for j, kk in enumerate(ks)]
            out.append("  }" + end)
        elif isinstance(v, list) and len(c(v)) > 90:
            out.append('  "%s": [' % k)
            out += ["    %s%s" % (c(x), "," if j < len(v) - 1 else "") for j, x in enumerate(v)]
            out.append("  ]" + end)
        else:
            out.append('  "%s": %s%s' % (k, c(v), end))
    out.append("}")
    return "\n".join(out)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--json-example":
        print(json_example(os.path.abspath(sys.argv[2]),
                           os.path.join(sys.argv[3], "samples", "facebook-jdoe-2025-06-01-Ab12Cd34.zip")))
        return 0
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    trainable, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with open(os.path.join(src, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    tmp = tempfile.mkdtemp(prefix="trainable-readme-")
    try:
        os.mkdir(os.path.join(tmp, "out"))
        env = Env(src, tmp)
        cmds = commands(readme)
        if len(cmds) < 10:
            fail("README.md: only %d trainable commands found in its sh blocks" % len(cmds))
        for line, cmd in cmds:
            where = "README.md:%d" % line
            argv = prepare(cmd, trainable, env)
            p = subprocess.run(argv, capture_output=True, text=True, cwd=tmp)
            if p.returncode != 0:
                fail("%s: `%s` exits %d, expected 0 (ran: %s)\n    %s" %
                     (where, cmd, p.returncode, " ".join(argv[1:]), p.stderr.strip()[:500]))
                continue
            ok()
            try:
                check_shape(where, argv, output_of(argv, env, p))
            except (ValueError, OSError, IndexError) as e:
                fail("%s: `%s`: %s" % (where, cmd, e))
        check_json_example(readme, trainable, env)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (passes, fails))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
