#!/usr/bin/python3
"""i18n_leak.py - find English left in a translated report.

Usage: i18n_leak.py po/LANG.po REPORT...

Every message of the catalog is cut at its placeholders (%s, %d, ...) and
HTML tags into fragments; a fragment of at least 12 characters that appears
in a report (text or HTML, with its lines joined) while the translation does
not contain it is English the reader was not meant to see: an unwrapped
string, a message the program looks up under another name, a catalog that
was not embedded. Prints each leak and exits 1 when there is one, 0 when
there is none, 2 on bad usage.
"""
import html
import re
import sys

FRAGMENT_MIN = 12


def unquote(s):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s)


def entries(path):
    """(msgid, msgid_plural, [msgstr...]) of a .po file, without the header."""
    out, cur, key = [], None, None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#") or not line.strip():
            if cur and key:
                out.append(cur)
                cur, key = None, None
            continue
        m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
        if m:
            if m.group(1) in ("msgctxt", "msgid") and cur and key and key.startswith("msgstr"):
                out.append(cur)
                cur = None
            if cur is None:
                cur = {"msgid": "", "msgid_plural": "", "msgstr": []}
            key = m.group(1)
            if key.startswith("msgstr"):
                cur["msgstr"].append(unquote(m.group(2)))
            else:
                cur[key] = unquote(m.group(2))
        elif line.startswith('"') and cur is not None:
            s = unquote(line[1:-1])
            if key.startswith("msgstr"):
                cur["msgstr"][-1] += s
            else:
                cur[key] += s
    if cur and key:
        out.append(cur)
    return [e for e in out if e["msgid"]]


def norm_marked(template):
    """(context or None, text) of the elements of the browser page's
    template marked data-t, as the page shows them before translation."""
    with open(template, encoding="utf-8") as f:
        for m in re.finditer(r'<(\w+)[^>]*\sdata-t(?:="([^"]*)")?[^>]*>([^<]*)</\1>', f.read()):
            yield m.group(2) or None, " ".join(m.group(3).split())


def fragments(s):
    for part in re.split(r"%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?(?:l|ll|z|j|h)?[sdiuxXfc%]|<[^>]*>|\n", s):
        part = part.strip(" .,:;()")
        if len(part) >= FRAGMENT_MIN:
            yield part


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    catalog = entries(sys.argv[1])
    leaks = 0
    for report in sys.argv[2:]:
        text = open(report, encoding="utf-8").read()
        if report.endswith(".html"):
            text = html.unescape(re.sub(r"<[^>]*>", " ", text))
        text = " ".join(text.split())
        for e in catalog:
            translated = " ".join(" ".join(e["msgstr"]).split())
            for msg in (e["msgid"], e["msgid_plural"]):
                for f in fragments(msg):
                    f = " ".join(f.split())
                    if f in text and f not in translated:
                        print("%s: English left: %r" % (report, f))
                        leaks += 1
    return 1 if leaks else 0


if __name__ == "__main__":
    sys.exit(main())
