#!/usr/bin/python3
"""html_view.py - open an HTML report in headless Chromium (Selenium and
chromedriver) at a given viewport width, as a person would on a desktop or a
phone, and report what they would see.

Usage: html_view.py REPORT.html WIDTH SCREENSHOT.png [--mobile] [--max-height N]

Prints one line of JSON: the page's scrollWidth and innerWidth (no horizontal
scrolling when scrollWidth <= innerWidth), the resources the page fetched
(performance entries; a report must fetch none), the load time in seconds,
the number of SVG text labels that stick out of their SVG, the number of
section headings shown, the page's language (<html lang>) and the headings'
texts. Writes a full-page screenshot (at most N px high,
default 8000).
Exit 0 when the page was opened, 2 when the browser could not start.
"""
import json
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def chromium(*extra):
    """Debian's headless Chromium through chromedriver, with a fresh profile
    and nothing that reaches the network by itself; None (said on stderr)
    when it cannot start."""
    opts = Options()
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run",
              "--user-data-dir=" + tempfile.mkdtemp(prefix="trainable-chromium-")) + extra:
        opts.add_argument(a)
    try:
        return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    except Exception as e:  # no usable browser or driver
        print("cannot start chromium: %s" % e, file=sys.stderr)
        return None


def main():
    path, width, shot = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    mobile = "--mobile" in sys.argv[4:]
    max_h = int(sys.argv[sys.argv.index("--max-height") + 1]) if "--max-height" in sys.argv else 8000
    driver = chromium("--window-size=%d,900" % width, "--hide-scrollbars")
    if not driver:
        return 2
    try:
        driver.set_page_load_timeout(300)
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": mobile})
        t0 = time.monotonic()
        driver.get("file://" + path)
        load = time.monotonic() - t0
        info = driver.execute_script("""
            const d = document.documentElement;
            let cut = 0, cutText = [];
            for (const svg of document.querySelectorAll('svg')) {
                const box = svg.getBoundingClientRect();
                for (const t of svg.querySelectorAll('text')) {
                    const b = t.getBoundingClientRect();
                    if (b.left < box.left - 0.5 || b.right > box.right + 0.5 ||
                        b.top < box.top - 0.5 || b.bottom > box.bottom + 0.5) { cut++; cutText.push(t.textContent); }
                }
            }
            return {scrollWidth: d.scrollWidth, innerWidth: window.innerWidth, height: d.scrollHeight,
                    resources: performance.getEntriesByType('resource').map(e => e.name),
                    cutLabels: cut, cutText: cutText, headings: document.querySelectorAll('h2').length,
                    lang: d.lang, h2: Array.from(document.querySelectorAll('h2'), h => h.textContent.trim())};
        """)
        info["load"] = round(load, 2)
        h = min(int(info["height"]), max_h)
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": h, "deviceScaleFactor": 1, "mobile": mobile})
        driver.save_screenshot(shot)
        print(json.dumps(info))
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
