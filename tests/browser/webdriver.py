"""A small WebDriver client for headless Chromium (Debian's chromium and
chromium-driver packages), over HTTP with the standard library only: no
browser downloads, no npm, no Selenium.

    with Browser(download_dir) as b:
        b.get("file:///tmp/page.html")
        rows = b.execute("return document.querySelectorAll('.bead').length")
"""
import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"

# Flags that keep the browser quiet and offline.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--disable-dev-shm-usage", "--hide-scrollbars", "--force-color-profile=srgb"]


def find_chromium():
    """Paths of the browser and its driver, or None when either is missing."""
    driver = shutil.which("chromedriver") or (
        "/usr/lib/chromium/chromedriver" if os.path.exists("/usr/lib/chromium/chromedriver") else None)
    # Debian's /usr/bin/chromium is a wrapper script; the driver wants the binary.
    for binary in ("/usr/lib/chromium/chromium", shutil.which("chromium") or ""):
        if binary and os.access(binary, os.X_OK) and driver:
            return binary, driver
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriverError(RuntimeError):
    pass


class Browser:
    def __init__(self, download_dir, width=1400, height=1000):
        found = find_chromium()
        if not found:
            raise WebDriverError("chromium or chromedriver not found")
        binary, driver = found
        self.profile = tempfile.mkdtemp(prefix="jisr-chromium-")
        self.port = free_port()
        self.log = open(os.path.join(self.profile, "chromedriver.log"), "w")
        self.driver = subprocess.Popen([driver, f"--port={self.port}"], stdout=self.log, stderr=self.log)
        self.base = f"http://127.0.0.1:{self.port}"
        self.session = None
        try:
            self._wait_ready()
            caps = {"capabilities": {"alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": binary,
                    "args": CHROMIUM_FLAGS + [f"--user-data-dir={self.profile}/profile",
                                              f"--window-size={width},{height}"],
                    "prefs": {"download.default_directory": download_dir,
                              "download.prompt_for_download": False},
                }}}}
            self.session = self._call("POST", "/session", caps)["sessionId"]
            self._call("POST", self._s("/timeouts"), {"script": 300000, "pageLoad": 300000})
            self.cdp("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": download_dir})
        except Exception:
            self.close()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _wait_ready(self):
        for _ in range(200):
            try:
                with urllib.request.urlopen(self.base + "/status", timeout=2) as r:
                    if json.load(r)["value"].get("ready"):
                        return
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.05)
        raise WebDriverError("chromedriver did not start")

    def _call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return json.load(r)["value"]
        except urllib.error.HTTPError as e:
            detail = e.read().decode(errors="replace")
            raise WebDriverError(f"{method} {path}: {e.code} {detail[:500]}") from None

    def _s(self, path):
        return f"/session/{self.session}{path}"

    def cdp(self, cmd, params=None):
        """A Chrome DevTools Protocol command."""
        return self._call("POST", self._s("/goog/cdp/execute"), {"cmd": cmd, "params": params or {}})

    def get(self, url):
        self._call("POST", self._s("/url"), {"url": url})

    def execute(self, script, *args):
        return self._call("POST", self._s("/execute/sync"), {"script": script, "args": list(args)})

    def execute_async(self, script, *args):
        """Runs `script`; it ends by calling arguments[arguments.length - 1](value)."""
        return self._call("POST", self._s("/execute/async"), {"script": script, "args": list(args)})

    def find(self, css):
        return self._call("POST", self._s("/element"), {"using": "css selector", "value": css})[ELEMENT]

    def click(self, element):
        self._call("POST", self._s(f"/element/{element}/click"), {})

    def send_keys(self, element, text):
        self._call("POST", self._s(f"/element/{element}/value"), {"text": text})

    def screenshot(self, path):
        png = base64.b64decode(self._call("GET", self._s("/screenshot")))
        with open(path, "wb") as f:
            f.write(png)
        return len(png)

    def wait_for(self, script, timeout=20):
        end = time.time() + timeout
        while time.time() < end:
            value = self.execute(script)
            if value:
                return value
            time.sleep(0.05)
        raise WebDriverError(f"timed out waiting for: {script}")

    def close(self):
        if self.session:
            try:
                self._call("DELETE", self._s(""))
            except Exception:
                pass
            self.session = None
        if self.driver.poll() is None:
            self.driver.terminate()
            try:
                self.driver.wait(10)
            except subprocess.TimeoutExpired:
                self.driver.kill()
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)


def wait_for_download(directory, name, timeout=20):
    """Waits until `directory`/`name` is completely written; returns its bytes."""
    path = os.path.join(directory, name)
    end = time.time() + timeout
    while time.time() < end:
        if os.path.exists(path) and not os.path.exists(path + ".crdownload"):
            time.sleep(0.1)
            with open(path, "rb") as f:
                return f.read()
        time.sleep(0.05)
    raise WebDriverError(f"no download {name} in {directory}: {os.listdir(directory)}")
