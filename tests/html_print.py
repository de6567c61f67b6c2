#!/usr/bin/python3
"""html_print.py - print an HTML report in headless Chromium (Selenium) on A4
and on Letter paper, as a person would with the browser's Print, and report
what the pages look like.

Usage: html_print.py REPORT.html OUTDIR

For each paper, writes OUTDIR/<paper>.pdf and reads it back with pdftotext
(Debian: poppler-utils), one page at a time. A page whose last line is (the
end of) a section heading of the report, an <h2>, <h3> or a group's
<summary>, leaves that heading alone at the bottom of the page: an orphan.
Prints one line of JSON: per paper, the number of pages, the orphans (page,
heading) and whether the page's text holds every <h2> heading of the report
(nothing cut away in print). Exit 0 when the report was printed, 2 when the
browser or pdftotext could not run.
"""
import base64
import json
import os
import subprocess
import sys

from selenium.webdriver.common.print_page_options import PrintOptions

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from html_view import chromium  # noqa: E402 (the same browser as the screen checks)

PAPERS = {"A4": (21.0, 29.7), "Letter": (21.59, 27.94)}


def page_texts(pdf):
    out = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")


def norm(s):
    return " ".join(s.split())


def main():
    path, outdir = sys.argv[1], sys.argv[2]
    driver = chromium()
    if not driver:
        return 2
    result = {}
    try:
        driver.set_page_load_timeout(300)
        driver.get("file://" + os.path.abspath(path))
        heads = driver.execute_script("""
            return Array.from(document.querySelectorAll('h2, h3, summary'),
                              h => [h.tagName, h.textContent.replace(/\\s+/g, ' ').trim()]);
        """)
        for paper, (w, h) in PAPERS.items():
            po = PrintOptions()
            po.page_width, po.page_height = w, h
            po.background = True
            pdf = os.path.join(outdir, paper + ".pdf")
            with open(pdf, "wb") as f:
                f.write(base64.b64decode(driver.print_page(po)))
            try:
                pages = [p for p in page_texts(pdf)]
            except (OSError, subprocess.CalledProcessError) as e:
                print("cannot read the PDF back: %s" % e, file=sys.stderr)
                return 2
            while pages and not pages[-1].strip():
                pages.pop()
            orphans = []
            for i, text in enumerate(pages[:-1]):
                lines = [norm(l) for l in text.splitlines() if l.strip()]
                if not lines:
                    continue
                last = lines[-1]
                for tag, head in heads:
                    # the heading, or the end of one that wraps onto two lines
                    if len(last) >= 3 and (head == last or (head.endswith(" " + last) and len(last) * 3 >= len(head))):
                        orphans.append([i + 1, head])
                        break
            whole = norm(" ".join(pages))
            missing = [h for t, h in heads if t == "H2" and h not in whole]
            result[paper] = {"pages": len(pages), "orphans": orphans, "missing": missing}
    finally:
        driver.quit()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
