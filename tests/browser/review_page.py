#!/usr/bin/env python3
"""End-to-end test of the review page (jisr align -o review.html) in headless
Chromium: the seed pair of ../shared/seeds is aligned, its page opened, a
screenshot taken, and the page's DOM and downloads checked against jisr's
own TMX and TSV writers.

Usage: review_page.py JISR SOURCE_DIR SHARED_DIR WORK_DIR
Skips (exit 77) when ../shared or Chromium is missing, unless CI=true.
"""
import glob
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import webdriver  # noqa: E402

DATE = "20260101T120000Z"
failures = []


def skip_or_fail(message):
    if os.environ.get("CI") == "true":
        print(f"FAIL: {message} (CI=true, so this is not skipped)")
        sys.exit(1)
    print(f"SKIP: {message}")
    sys.exit(77)


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True)


def main():
    jisr, _source, shared, work = sys.argv[1:5]
    seeds = sorted(glob.glob(os.path.join(shared, "seeds", "000*"))), sorted(
        glob.glob(os.path.join(shared, "seeds", "001*")))
    dtd = sorted(glob.glob(os.path.join(shared, "tmx", "*.dtd")))
    tmx_check = os.path.join(shared, "tools", "tmx-check")
    if not seeds[0] or not seeds[1] or not dtd or not os.path.exists(tmx_check):
        skip_or_fail(f"the seed pair, the TMX DTD or tmx-check is missing under {shared}")
    if not webdriver.find_chromium():
        skip_or_fail("chromium and chromedriver are not installed (Debian: chromium chromium-driver)")
    ar, en = seeds[0][0], seeds[1][0]

    shutil.rmtree(work, ignore_errors=True)
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads)
    page = os.path.join(work, "review.html")
    run(jisr, "align", ar, en, "-o", page, "--creation-date", DATE, "-q")
    run(jisr, "align", ar, en, "-f", "tmx", "-o", os.path.join(work, "jisr.tmx"), "--creation-date", DATE, "-q")
    beads = run(jisr, "align", ar, en, "-f", "beads").stdout.splitlines()
    jisr_tsv = run(jisr, "align", ar, en, "-f", "tsv").stdout
    with open(os.path.join(work, "jisr.tmx"), "rb") as f:
        jisr_tmx = f.read()
    with open(page, encoding="utf-8") as f:
        html = f.read()
    check(not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), "the page refers to no network resource")

    stem = os.path.splitext(os.path.basename(ar))[0]
    tmx_name, tsv_name = stem + ".reviewed.tmx", stem + ".reviewed.tsv"

    def download(b, button, name):
        path = os.path.join(downloads, name)
        if os.path.exists(path):
            os.remove(path)
        b.click(b.find(button))
        return webdriver.wait_for_download(downloads, name)

    with webdriver.Browser(downloads) as b:
        b.get("file://" + page)
        ms = float(b.wait_for("return document.documentElement.dataset.readyMs"))
        filled = float(b.wait_for("return document.documentElement.dataset.filledMs"))
        print(f"page ready after {ms:.0f} ms, every row drawn after {filled:.0f} ms")
        shot = os.path.join(work, "review.png")
        size = b.screenshot(shot)
        print(f"screenshot: {shot}")
        check(size > 20000, f"the screenshot holds a rendered page ({size} bytes)")

        rows = b.execute("return document.querySelectorAll('#rows > .bead').length")
        check(rows == len(beads), f"one row per bead ({rows} rows, {len(beads)} beads)")
        dirs = b.execute("return [...document.querySelectorAll('#rows .src')]"
                         ".map(e => e.getAttribute('dir') + '/' + e.getAttribute('lang'))")
        check(len(dirs) == rows and all(d == "rtl/ar" for d in dirs), "every Arabic cell has dir=rtl lang=ar")
        check(b.execute("return [...document.querySelectorAll('#rows .tgt')].every(e => e.dir === 'ltr')"),
              "every English cell is left to right")
        marks = b.execute("return document.querySelectorAll('#rows mark').length")
        check(marks > 0, f"shared anchors are highlighted ({marks} marks)")
        null_beads = sum(1 for line in beads if "[]" in line)
        shown_null = b.execute("return document.querySelectorAll('#rows .bead.null').length")
        check(shown_null == null_beads, f"1-0 and 0-1 beads are shown ({shown_null} of {null_beads})")
        check(b.execute("return document.querySelector('#plot polyline') !== null"), "the path is plotted")

        # Unchanged, the page writes what jisr writes.
        check(download(b, "#download-tmx", tmx_name) == jisr_tmx,
              "the downloaded TMX equals jisr align -f tmx byte for byte")

        # Untick one aligned bead: one unit fewer, still valid TMX.
        units = jisr_tmx.count(b"<tu ")
        pair = next(i for i, line in enumerate(beads) if "[]" not in line)
        b.click(b.find(f"#rows > .bead:nth-child({pair + 1}) input[type=checkbox]"))
        tmx = download(b, "#download-tmx", tmx_name)
        check(tmx.count(b"<tu ") == units - 1, f"unticking a bead leaves {units - 1} units ({tmx.count(b'<tu ')})")
        tmx_path = os.path.join(downloads, tmx_name)
        lint = subprocess.run(["xmllint", "--noout", "--nonet", "--dtdvalid", dtd[0], tmx_path],
                              capture_output=True, text=True)
        check(lint.returncode == 0 and not lint.stderr.strip(),
              f"xmllint --dtdvalid accepts it {lint.stderr.strip()[:300]}")
        # The npm reader and OmegaT (Java) are not Debian test dependencies of jisr.
        checked = subprocess.run([sys.executable, tmx_check, tmx_path, "--src", "ar", "--tgt", "en",
                                  "--expect-tus", str(units - 1), "--skip", "tmexchange,omegat"],
                                 capture_output=True, text=True)
        check(checked.returncode == 0, "tmx-check passes:\n" + checked.stdout[-1500:])

        # Keyboard: join two aligned beads ("m"), compare the TSV, split back ("s").
        b.get("file://" + page)
        b.wait_for("return document.documentElement.dataset.filledMs")
        first = next(i for i in range(len(beads) - 1)
                     if "[]" not in beads[i] and "[]" not in beads[i + 1])
        row = b.find(f"#rows > .bead:nth-child({first + 1})")
        b.click(row)
        b.send_keys(row, "m")
        check(b.execute("return document.querySelectorAll('#rows > .bead').length") == len(beads) - 1,
              "joining two beads leaves one row fewer")
        lines = jisr_tsv.splitlines(keepends=True)
        k = sum(1 for line in beads[:first] if "[]" not in line)
        a, c = lines[k].rstrip("\n").split("\t"), lines[k + 1].rstrip("\n").split("\t")
        low = min(a[2], c[2], key=float)
        expected = lines[:k] + [f"{a[0]} {c[0]}\t{a[1]} {c[1]}\t{low}\n"] + lines[k + 2:]
        tsv = download(b, "#download-tsv", tsv_name).decode("utf-8")
        check(tsv == "".join(expected), "the downloaded TSV has the two beads joined, the rest as jisr wrote it")
        b.send_keys(b.find("#rows > .bead.current"), "s")
        tsv = download(b, "#download-tsv", tsv_name).decode("utf-8")
        check(tsv == jisr_tsv, "splitting the joined bead gives jisr's TSV back")

        # Next doubtful bead from the top.
        b.send_keys(b.find("#rows > .bead:nth-child(1)"), "n")
        current = b.execute("return [...document.querySelectorAll('#rows > .bead')]"
                            ".findIndex(r => r.classList.contains('current'))")
        doubtful = b.execute("return [...document.querySelectorAll('#rows > .bead')]"
                             ".findIndex((r, i) => i > 0 && r.classList.contains('doubtful'))")
        check(doubtful < 0 or current == doubtful, f"n goes to the next doubtful bead ({current}, {doubtful})")

        # Text that needs escaping: the page's writers against jisr's.
        hostile = {"ar": "نص & <b> \"اقتباس\" 'x' </script>\nسطر\x01مع\x0bتحكم\tوجدولة\\\nثالث\n",
                   "en": "Text & <b> \"quote\" 'x' </script>\nline\x01with\x0bcontrol\tand tab\\\nthird\n"}
        paths = {}
        for lang, text in hostile.items():
            paths[lang] = os.path.join(work, "hostile." + lang)
            with open(paths[lang], "w", encoding="utf-8") as f:
                f.write(text)
        common = [jisr, "align", "--presplit", paths["ar"], paths["en"], "--creation-date", DATE,
                  "--note", "checked & <ok>", "--creation-id", "reviewer"]
        hostile_page = os.path.join(work, "hostile.html")
        run(*common, "-o", hostile_page, "-q")
        b.get("file://" + hostile_page)
        b.wait_for("return document.documentElement.dataset.readyMs")
        check(b.execute("return window.jisrReview.tmx()") == run(*common, "-f", "tmx").stdout,
              "TMX of text with markup, quotes and control characters equals jisr's")
        check(b.execute("return window.jisrReview.tsv(false)") == run(*common, "-f", "tsv").stdout,
              "TSV of text with tabs and backslashes equals jisr's")

        # 200 % zoom: half the CSS width, twice the pixels, nothing cut off.
        b.get("file://" + page)
        b.wait_for("return document.documentElement.dataset.readyMs")
        b.cdp("Emulation.setDeviceMetricsOverride",
              {"width": 700, "height": 500, "deviceScaleFactor": 2, "mobile": False})
        overflow = b.execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        check(overflow <= 0, f"no sideways scrolling at 200 % zoom ({overflow} px too wide)")
        b.execute("document.querySelector('#rows > .bead:nth-child(6)').scrollIntoView()")
        b.screenshot(os.path.join(work, "review-200.png"))

    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
