#!/usr/bin/env python3
"""tests/cdp.py: a tiny Chrome DevTools Protocol driver (standard library
only) for the HTML report's layout tests.

    cdp.py CHROMIUM PAGE.html WIDTH OUT.png [HEIGHT]

Opens PAGE.html in headless Chromium at WIDTH css pixels (a phone's
viewport, with touch and a mobile user agent, below 700), saves a
full-page screenshot to OUT.png, and prints on stdout one JSON object
with what the layout checks need:

    first_section   id of the first <section> of <main>
    summary_top     top of #summary, in css pixels from the top of the page
    viewport        the layout viewport's width
    page_width      document.documentElement.scrollWidth (wider: the page
                    itself scrolls sideways, or cuts)
    hidden          elements whose overflowing content is cut
                    (overflow-x hidden or clip), visually hidden ones aside
    scrollers       every .scroll box that overflows: its scroll width,
                    whether a .hint just before it is shown, whether it
                    has its edge shadows, and its overflow-x
    outside         visible elements that stick out of the viewport without
                    being inside a scrolling box

Chromium talks CDP over --remote-debugging-pipe: it reads commands on
fd 3 and writes replies on fd 4, each a JSON text ended by a NUL byte.
The page runs no script (its CSP forbids it); Runtime.evaluate is the
DevTools' own and is allowed (Page.setBypassCSP makes sure of it).
"""
import base64
import fcntl
import json
import os
import subprocess
import sys
import tempfile

LAYOUT = r"""
(() => {
  const W = document.documentElement.clientWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\s+/g, '.') : '');
  const shown = (el) => { const cs = getComputedStyle(el); const r = el.getBoundingClientRect();
      return cs.display !== 'none' && cs.visibility !== 'hidden' && r.width > 1 && r.height > 1; };
  const out = { viewport: W, page_width: document.documentElement.scrollWidth,
                hidden: [], scrollers: [], outside: [] };
  const main = document.querySelector('main');
  const first = main && main.querySelector('section');
  out.first_section = first ? first.id : null;
  const s = document.getElementById('summary');
  out.summary_top = s ? s.getBoundingClientRect().top + window.scrollY : null;
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg') || el.closest('.vh') || !shown(el)) continue;
    const cs = getComputedStyle(el);
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
      if (cs.overflowX === 'hidden' || cs.overflowX === 'clip')
        out.hidden.push(name(el));
      if (el.classList.contains('scroll')) {
        const prev = el.previousElementSibling;
        out.scrollers.push({ box: name(el), scroll_width: el.scrollWidth, width: el.clientWidth,
          overflow_x: cs.overflowX,
          hint: !!(prev && prev.classList.contains('hint') && shown(prev)),
          shadow: cs.backgroundImage.includes('gradient') });
      }
    }
    const r = el.getBoundingClientRect();
    if ((r.right > W + 1 || r.left < -1) && !el.parentElement.closest('.scroll'))
      out.outside.push(name(el));
  }
  return JSON.stringify(out);
})()
"""


class Browser:
    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="cdp-")
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()

        def fds():
            # out of the way first: a pipe may itself be fd 3 or 4, and
            # dup2 onto itself would keep its close-on-exec flag
            a = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--hide-scrollbars", "--remote-debugging-pipe",
             "--user-data-dir=" + self.profile, "about:blank"],
            # subprocess closes every fd but those of pass_fds after
            # preexec_fn runs, which would take 3 and 4 away again
            preexec_fn=fds, close_fds=False,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self.next_id = 0
        self.buf = b""
        self.events = []

    def _read(self):
        while b"\0" not in self.buf:
            chunk = os.read(self.from_child, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, session=None, **params):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        os.write(self.to_child, json.dumps(msg).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(method + ": " + json.dumps(reply["error"]))
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method):
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == method:
                    return self.events.pop(i)
            self.events.append(self._read())

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        self.proc.wait(timeout=30)


def main():
    chromium, page, width, png = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    height = int(sys.argv[5]) if len(sys.argv) > 5 else (844 if width < 700 else 900)
    b = Browser(chromium)
    try:
        target = b.call("Target.createTarget", url="about:blank")["targetId"]
        s = b.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        mobile = width < 700
        b.call("Emulation.setDeviceMetricsOverride", s, width=width, height=height,
               deviceScaleFactor=1, mobile=mobile)
        if mobile:
            b.call("Emulation.setTouchEmulationEnabled", s, enabled=True, maxTouchPoints=1)
        b.call("Page.enable", s)
        b.call("Page.setBypassCSP", s, enabled=True)
        b.call("Page.navigate", s, url="file://" + os.path.abspath(page))
        b.wait_event("Page.loadEventFired")
        layout = b.call("Runtime.evaluate", s, expression=LAYOUT, returnByValue=True)
        shot = b.call("Page.captureScreenshot", s, format="png", captureBeyondViewport=True)
        with open(png, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        print(layout["result"]["value"])
    finally:
        b.close()


if __name__ == "__main__":
    main()
