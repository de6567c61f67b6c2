#!/usr/bin/env python3
"""strings.py - the browser page's own words, for the message catalogs.

Usage: strings.py WEB_DIR                 print them as C for xgettext
       strings.py WEB_DIR MO_DIR          print the page's catalogs as JSON

The page's words are the text of the elements of template.html marked
data-t (data-t="CTX" gives the message a context), and the arguments of
_('...'), C_('ctx', '...') and n_(n, '...', '...') in page.js. The first
form writes them as N_()/NC_() calls that scripts/update-po hands to
xgettext with the C code's messages, so translators see one catalog. The
second reads the compiled catalogs MO_DIR/<lang>.mo (Python's gettext
module) and writes {lang: {key: translation or [forms]}} for the page's
words and the built-in rules' reasons (rules/*.rules beside WEB_DIR, which
the page shows with each item) only, where key is the msgid, or
"ctx\\u0004msgid" with a context.
"""
import ast
import gettext
import glob
import json
import os
import re
import sys

TEMPLATE_RE = re.compile(r'<(\w+)[^>]*\sdata-t(?:="([^"]*)")?[^>]*>([^<]*)</\1>')
STR = r"'(?:[^'\\]|\\.)*'"
CALL_RE = re.compile(r"\b(_|C_|n_)\((?:(" + STR + r"),\s*)?(?:[^,()']+,\s*)?(" + STR + r")(?:,\s*(" + STR + r"))?\)")


def js_string(s):
    return ast.literal_eval(s)  # the page's strings are plain single-quoted literals


def messages(web):
    """(context or None, msgid, msgid_plural or None), in order, once each."""
    seen, out = set(), []

    def add(m):
        if m not in seen:
            seen.add(m)
            out.append(m)

    with open(os.path.join(web, "template.html"), encoding="utf-8") as f:
        for m in TEMPLATE_RE.finditer(f.read()):
            add((m.group(2) or None, " ".join(m.group(3).split()), None))
    with open(os.path.join(web, "page.js"), encoding="utf-8") as f:
        for m in CALL_RE.finditer(f.read()):
            kind, ctx, a, b = m.groups()
            if kind == "_":
                add((None, js_string(a), None))
            elif kind == "C_":
                add((js_string(ctx), js_string(a), None))
            else:
                add((None, js_string(a), js_string(b)))
    return out


def c_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__.strip().splitlines()[2])
    msgs = messages(sys.argv[1])
    if len(sys.argv) == 2:
        for ctx, one, many in msgs:
            print("/* TRANSLATORS: the browser page */")
            if many:
                print("tr_ngettext(%s, %s, n);" % (c_string(one), c_string(many)))
            elif ctx:
                print("NC_(%s, %s);" % (c_string(ctx), c_string(one)))
            else:
                print("N_(%s);" % c_string(one))
        return
    rules = os.path.join(sys.argv[1], "..", "rules")
    for path in sorted(glob.glob(os.path.join(rules, "*.rules"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"\s*reason\s+(.*?)\s*$", line)
                if m:
                    msgs.append((None, m.group(1), None))
    catalogs = {}
    for mo in sorted(glob.glob(os.path.join(sys.argv[2], "*.mo"))):
        with open(mo, "rb") as f:
            cat = gettext.GNUTranslations(f)._catalog
        table = {}
        for ctx, one, many in msgs:
            key = ctx + "\x04" + one if ctx else one
            if many:
                forms = [cat.get((key, i)) for i in range(2)]
                if all(forms):
                    table[key] = forms
            elif cat.get(key):
                table[key] = cat[key]
        catalogs[os.path.basename(mo)[:-3]] = table
    # "<" is escaped, so the JSON cannot end its <script> element early
    print(json.dumps(catalogs, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c"))


if __name__ == "__main__":
    main()
