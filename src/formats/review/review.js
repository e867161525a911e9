// The review page's script (src/formats/html.cpp writes the page). It reads
// the beads from the #jisr-data element, shows them, lets the reader drop,
// join, split and rearrange them, and downloads the result as TMX or TSV
// written byte for byte as jisr's own writers (src/output.cpp) write them.
// Plain JavaScript, no network, no libraries.
(function () {
  "use strict";

  performance.mark("jisr-start");
  const data = JSON.parse(document.getElementById("jisr-data").textContent);
  performance.mark("jisr-parsed");
  const meta = data.meta;
  const srcText = data.s;
  const tgtText = data.t;
  const marks = { s: data.hs || null, t: data.ht || null };
  const keys = data.keys || [];
  const kRtl = new Set(["ar", "fa", "ur", "he", "yi", "ps", "ckb", "dv", "sd", "ug"]);
  const kMaxListed = 400;

  // A bead: sentences [sb, se) and [tb, te); its score as jisr prints it
  // ("0.9731") and as a number; kept or dropped; edited by the reader; the
  // beads a join was made of (so a split can give them back).
  let nextId = 0;
  let beads = data.b.map(function (b) {
    const raw = b[5];
    const pair = b[1] > b[0] && b[3] > b[2];
    return {
      id: nextId++, sb: b[0], se: b[1], tb: b[2], te: b[3], score: b[4], raw: raw,
      keep: !(pair && meta.minScore > 0 && raw < meta.minScore), edited: false, parts: null,
    };
  });
  let current = 0;
  const history = [];
  let dirty = false;

  const rows = document.getElementById("rows");
  const srcDir = direction(meta.src.lang);
  const tgtDir = direction(meta.tgt.lang);

  const kLanguages = {
    ar: "Arabic", en: "English", fr: "French", de: "German", es: "Spanish", it: "Italian", fa: "Persian",
    ur: "Urdu", tr: "Turkish", he: "Hebrew", ru: "Russian", zh: "Chinese", ku: "Kurdish", nl: "Dutch",
  };
  function languageName(lang) {
    return kLanguages[String(lang).toLowerCase().split("-")[0]] || lang;
  }
  const srcName = languageName(meta.src.lang);
  const tgtName = languageName(meta.tgt.lang);

  function direction(lang) {
    return kRtl.has(String(lang).toLowerCase().split("-")[0]) ? "rtl" : "ltr";
  }

  function isPair(b) { return b.se > b.sb && b.te > b.tb; }
  function isDoubtful(b) { return !isPair(b) || b.raw < meta.doubtful; }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) {
      return c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;";
    });
  }

  // ---- Writers: the same bytes as src/output.cpp -------------------------

  // detail::append_xml_escaped: the five entities, CR as &#13;, and the
  // characters XML 1.0 forbids dropped.
  function xmlEscape(text) {
    return text.replace(/[&<>"'\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, function (c) {
      switch (c) {
        case "&": return "&amp;";
        case "<": return "&lt;";
        case ">": return "&gt;";
        case "\"": return "&quot;";
        case "'": return "&apos;";
        case "\r": return "&#13;";
        default: return "";
      }
    });
  }

  // escape_tsv_field (text.hpp).
  function tsvEscape(text) {
    return text.replace(/[\\\t\n\r]/g, function (c) {
      return c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r";
    });
  }

  function joined(texts, begin, end) { return texts.slice(begin, end).join(" "); }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function nowTmxDate() {
    const d = new Date();
    return "" + d.getUTCFullYear() + pad(d.getUTCMonth() + 1) + pad(d.getUTCDate()) + "T" +
      pad(d.getUTCHours()) + pad(d.getUTCMinutes()) + pad(d.getUTCSeconds()) + "Z";
  }

  function tuv(tag, file, text) {
    return "      <tuv xml:lang=\"" + xmlEscape(tag) + "\">" +
      (file ? "<prop type=\"x-document\">" + xmlEscape(file) + "</prop>" : "") +
      "<seg>" + xmlEscape(text) + "</seg></tuv>\n";
  }

  function writeTmx() {
    const date = meta.creationDate || nowTmxDate();
    const attr = function (name, value) { return "\n    " + name + "=\"" + xmlEscape(value) + "\""; };
    const out = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header" +
      attr("creationtool", "jisr") + attr("creationtoolversion", meta.toolVersion) +
      attr("segtype", "sentence") + attr("o-tmf", "jisr") + attr("adminlang", "en") +
      attr("srclang", meta.src.tag) + attr("datatype", "plaintext") + attr("creationdate", date) +
      (meta.creationId ? attr("creationid", meta.creationId) : "") + "/>\n  <body>\n"];
    let unit = 0;
    for (const b of beads) {
      if (!b.keep || !isPair(b)) continue;
      ++unit;
      out.push("    <tu tuid=\"" + unit + "\" creationdate=\"" + xmlEscape(date) +
        (meta.creationId ? "\" creationid=\"" + xmlEscape(meta.creationId) : "") +
        "\">\n      <prop type=\"x-score\">" + b.score + "</prop>\n" +
        (meta.note ? "      <note>" + xmlEscape(meta.note) + "</note>\n" : "") +
        tuv(meta.src.tag, meta.src.file, joined(srcText, b.sb, b.se)) +
        tuv(meta.tgt.tag, meta.tgt.file, joined(tgtText, b.tb, b.te)) + "    </tu>\n");
    }
    out.push("  </body>\n</tmx>\n");
    return out.join("");
  }

  function writeTsv(keepUnaligned) {
    const out = [];
    for (const b of beads) {
      if (!b.keep || (!isPair(b) && !keepUnaligned)) continue;
      out.push(tsvEscape(joined(srcText, b.sb, b.se)) + "\t" + tsvEscape(joined(tgtText, b.tb, b.te)) +
        "\t" + b.score + "\n");
    }
    return out.join("");
  }

  function download(text, extension, type) {
    const stem = (meta.src.file || "review").replace(/\.[^.]*$/, "");
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: type }));
    a.download = stem + ".reviewed." + extension;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
    dirty = false;
  }

  // ---- Rendering ---------------------------------------------------------

  // The keys found on both sides of a bead.
  function sharedKeys(b) {
    if (!marks.s || !marks.t) return null;
    const collect = function (side, begin, end) {
      const found = new Set();
      for (let k = begin; k < end; ++k) {
        const m = side[k];
        if (!m) continue;
        for (const span of m) for (let i = 2; i < span.length; ++i) found.add(span[i]);
      }
      return found;
    };
    const a = collect(marks.s, b.sb, b.se);
    if (a.size === 0) return null;
    const shared = new Set();
    for (const k of collect(marks.t, b.tb, b.te)) if (a.has(k)) shared.add(k);
    return shared.size ? shared : null;
  }

  function markedText(text, spans, shared) {
    if (!spans || !shared) return escapeHtml(text);
    let html = "";
    let at = 0;
    for (const span of spans) {
      let key = -1;
      for (let i = 2; i < span.length && key < 0; ++i) if (shared.has(span[i])) key = span[i];
      if (key < 0 || span[0] < at) continue;
      const k = keys[key];
      html += escapeHtml(text.slice(at, span[0])) + "<mark class=\"a-" + k[0] + "\" data-k=\"" + key + "\">" +
        escapeHtml(text.slice(span[0], span[1])) + "</mark>";
      at = span[1];
    }
    return html + escapeHtml(text.slice(at));
  }

  const kKinds = {
    number: "number", month: "month", day: "weekday", lexicon: "place or organisation",
    name: "name", latin: "same word", url: "address", word: "dictionary word",
  };
  function describe(k) {
    return (kKinds[k[0]] || k[0]) + ": " + k[1].replace(/^[a-z]+:/, "") + " (on both sides)";
  }

  function sideHtml(side, b, index, shared) {
    const texts = side === "s" ? srcText : tgtText;
    const begin = side === "s" ? b.sb : b.tb;
    const end = side === "s" ? b.se : b.te;
    const lang = side === "s" ? meta.src.lang : meta.tgt.lang;
    const dir = side === "s" ? srcDir : tgtDir;
    const cls = side === "s" ? "src" : "tgt";
    if (begin === end) {
      return "<div class=\"" + cls + " none\" role=\"cell\" dir=\"" + dir + "\" lang=\"" + lang +
        "\"><span class=\"empty\" lang=\"en\" dir=\"ltr\">no " + (side === "s" ? srcName : tgtName) +
        " sentence</span></div>";
    }
    let html = "<div class=\"" + cls + "\" role=\"cell\" dir=\"" + dir + "\" lang=\"" + lang + "\">";
    for (let k = begin; k < end; ++k) {
      html += "<p class=\"sent\" data-k=\"" + k + "\"><span class=\"no\" aria-hidden=\"true\">" + (k + 1) +
        "</span>" + markedText(texts[k], marks[side] && marks[side][k], shared);
      if (k === begin && index > 0) {
        html += " <button type=\"button\" class=\"move\" data-act=\"up\" data-side=\"" + side +
          "\" aria-label=\"Move to the bead above\">⤒</button>";
      }
      if (k === end - 1 && index < beads.length - 1) {
        html += " <button type=\"button\" class=\"move\" data-act=\"down\" data-side=\"" + side +
          "\" aria-label=\"Move to the bead below\">⤓</button>";
      }
      html += "</p>";
    }
    return html + "</div>";
  }

  function rowClass(b, index) {
    return "bead" + (isDoubtful(b) ? " doubtful" : "") + (isPair(b) ? "" : " null") + (b.keep ? "" : " dropped") +
      (b.edited ? " edited" : "") + (index === current ? " current" : "");
  }

  // A row's height before it is drawn, from the length of its sentences.
  let charsPerLine = 60;
  function estimate(b) {
    let src = 0, tgt = 0;
    for (let k = b.sb; k < b.se; ++k) src += Math.ceil((srcText[k].length + 6) / charsPerLine);
    for (let k = b.tb; k < b.te; ++k) tgt += Math.ceil((tgtText[k].length + 6) / charsPerLine);
    return Math.max(80, 20 + Math.max(src * 34, tgt * 24));
  }

  function rowOpen(b, index) {
    const hue = Math.round(Math.max(0, Math.min(1, b.raw)) * 120);
    return "<div class=\"" + rowClass(b, index) + "\" id=\"b" + b.id + "\" data-id=\"" + b.id +
      "\" role=\"row\" tabindex=\"-1\" style=\"--hue:" + hue + ";contain-intrinsic-size:auto " + estimate(b) + "px\">";
  }

  function rowInner(b, index) {
    const pair = isPair(b);
    const shared = sharedKeys(b);
    return "<div class=\"meta\" role=\"cell\"><label><input type=\"checkbox\"" +
      (b.keep ? " checked" : "") + " data-act=\"toggle\" aria-label=\"Keep this bead\"><span class=\"num\">" +
      (index + 1) + "</span></label><span class=\"score\">" +
      (isDoubtful(b) ? "<span class=\"flag\" aria-label=\"doubtful\">⚑ </span>" : "") +
      (pair ? b.score : "unpaired") + "</span>" +
      "<span class=\"kind\">" + (b.se - b.sb) + "–" + (b.te - b.tb) + "</span>" +
      (b.edited ? " <span class=\"badge\">edited</span>" : "") + "</div>" +
      sideHtml("s", b, index, shared) + sideHtml("t", b, index, shared) +
      "<div class=\"acts\" role=\"cell\">" +
      (index < beads.length - 1 ? "<button type=\"button\" data-act=\"join\" aria-label=\"Join with the bead below (m)\">Join ↓</button>" : "") +
      (canSplit(b) ? "<button type=\"button\" data-act=\"split\" aria-label=\"Split into its sentences (s)\">Split</button>" : "") +
      "</div>";
  }

  function rowHtml(b, index) { return rowOpen(b, index) + rowInner(b, index) + "</div>"; }

  // Rows are drawn when they come near the screen (and, a slice at a time,
  // when the page is idle): until then a row is an empty box of the
  // estimated height, so a long document opens at once.
  // Draws row `row` (bead `index`) if it is pending; returns the row now in
  // its place. Rows are walked through their siblings, not by index: a live
  // list of children indexed after each change costs time in its length.
  function fill(row, index) {
    if (!row || index < 0 || !row.classList.contains("pending")) return row;
    const holder = document.createElement("div");
    holder.innerHTML = rowHtml(beads[index], index);
    const drawn = holder.firstChild;
    rows.replaceChild(drawn, row);
    return drawn;
  }

  // Fills the rows on screen and a screen's worth around them.
  let fillQueued = false;
  function fillInView() {
    fillQueued = false;
    const x = rows.getBoundingClientRect().left + 10;
    let el = document.elementFromPoint(x, Math.min(window.innerHeight - 1, 120));
    let row = el && el.closest && el.closest("#rows > .bead");
    if (!row) {
      el = document.elementFromPoint(x, window.innerHeight - 2);
      row = el && el.closest && el.closest("#rows > .bead");
    }
    if (!row) return;
    let index = Array.prototype.indexOf.call(rows.children, row);
    for (let k = 0; k < 10 && row.previousElementSibling; ++k) {
      row = row.previousElementSibling;
      --index;
    }
    for (let k = 0; k < 40 && row; ++k, ++index) row = fill(row, index).nextElementSibling;
  }
  window.addEventListener("scroll", function () {
    if (!fillQueued) { fillQueued = true; requestAnimationFrame(fillInView); }
  }, { passive: true });
  window.addEventListener("resize", function () {
    if (!fillQueued) { fillQueued = true; requestAnimationFrame(fillInView); }
  });

  // The idle filler's place: a row and its index, or null to start again
  // from the top (after any change to the rows).
  let idleRow = null, idleNext = 0;
  let idleRunning = false;
  function fillWhenIdle() {
    if (idleRunning) return;
    idleRunning = true;
    const step = function () {
      const stop = performance.now() + 12;
      if (!idleRow || idleRow.parentNode !== rows) { idleRow = rows.firstElementChild; idleNext = 0; }
      while (idleRow && performance.now() < stop) {
        // Pending rows in runs of up to 20, parsed in one go.
        const run = [];
        for (let r = idleRow; r && run.length < 20 && r.classList.contains("pending"); r = r.nextElementSibling) {
          run.push(r);
        }
        if (run.length === 0) {
          idleRow = idleRow.nextElementSibling;
          ++idleNext;
          continue;
        }
        const html = [];
        for (let k = 0; k < run.length; ++k) html.push(rowHtml(beads[idleNext + k], idleNext + k));
        const holder = document.createElement("div");
        holder.innerHTML = html.join("");
        const drawn = Array.prototype.slice.call(holder.children);
        for (let k = 0; k < run.length; ++k) rows.replaceChild(drawn[k], run[k]);
        idleRow = drawn[drawn.length - 1].nextElementSibling;
        idleNext += run.length;
      }
      if (idleRow) {
        setTimeout(step, 0);
      } else {
        idleRunning = false;
        document.documentElement.dataset.filledMs = performance.now().toFixed(1);
      }
    };
    setTimeout(step, 0);
  }

  function renderAll() {
    charsPerLine = Math.max(20, (rows.clientWidth - 230) / 2 / 8.5);
    const html = [];
    for (let i = 0; i < beads.length; ++i) html.push("<div class=\"bead pending\" style=\"height:" + estimate(beads[i]) + "px\"></div>");
    rows.innerHTML = html.join("");
    // Draw the first screen now, the rest as it comes into view.
    let height = 0;
    let row = rows.firstElementChild;
    for (let i = 0; row && height < window.innerHeight * 1.5; ++i) {
      height += estimate(beads[i]);
      row = fill(row, i).nextElementSibling;
    }
    idleRow = null;
    refreshOverview();
  }

  // After beads [from, from + removed) were replaced by `added` beads,
  // re-renders them and their neighbours (whose move buttons may change)
  // and renumbers the rows below.
  function renderRange(from, removed, added) {
    const start = Math.max(0, from - 1);
    const oldStop = Math.min(rows.children.length, from + removed + 1);
    const newStop = Math.min(beads.length, from + added + 1);
    const old = Array.prototype.slice.call(rows.children, start, oldStop);
    const anchor = rows.children[oldStop] || null;
    const html = [];
    for (let i = start; i < newStop; ++i) html.push(rowHtml(beads[i], i));
    const holder = document.createElement("div");
    holder.innerHTML = html.join("");
    for (const node of old) node.remove();
    const fragment = document.createDocumentFragment();
    while (holder.firstChild) fragment.appendChild(holder.firstChild);
    rows.insertBefore(fragment, anchor);
    const kids = rows.children;
    for (let i = newStop; i < kids.length; ++i) {
      const num = kids[i].querySelector(".num");
      if (num) num.textContent = String(i + 1);
    }
    idleRow = null;
    refreshOverview();
  }

  function refreshOverview() {
    let kept = 0, doubtful = 0, edited = 0, units = 0;
    const listed = [];
    for (let i = 0; i < beads.length; ++i) {
      const b = beads[i];
      if (b.keep) ++kept;
      if (b.keep && isPair(b)) ++units;
      if (b.edited) ++edited;
      if (isDoubtful(b)) {
        ++doubtful;
        if (listed.length < kMaxListed) {
          listed.push("<li><a href=\"#b" + b.id + "\" data-id=\"" + b.id + "\">" + (i + 1) +
            "<span class=\"why\">" + (isPair(b) ? b.score.slice(0, 4) : (b.se - b.sb) + "–" + (b.te - b.tb)) + "</span></a></li>");
        }
      }
    }
    document.getElementById("counts").textContent = beads.length + " beads · " + kept + " kept (" + units +
      " translation units) · " + doubtful + " doubtful" + (edited ? " · " + edited + " edited" : "");
    document.getElementById("doubtful-list").innerHTML = listed.join("");
    document.getElementById("doubtful-hint").textContent = doubtful === 0
      ? "Nothing doubtful: every bead has both sides and scores at least " + meta.doubtful.toFixed(2) + "."
      : doubtful + (doubtful === 1 ? " bead scores" : " beads score") + " under " + meta.doubtful.toFixed(2) +
        " or lack a side" + (doubtful > kMaxListed ? " (the first " + kMaxListed + " are listed)" : "") +
        ". Press n for the next one.";
    document.getElementById("undo").disabled = history.length === 0;
    drawPlot();
  }

  // ---- The plot of the path ----------------------------------------------

  const kPlot = 200, kPad = 18;
  const svgNs = "http://www.w3.org/2000/svg";
  const plot = document.getElementById("plot");

  function drawPlot() {
    const ns = Math.max(1, srcText.length), nt = Math.max(1, tgtText.length);
    const x = function (v) { return String(Math.round((kPad + v / ns * kPlot) * 2) / 2); };
    const y = function (v) { return String(Math.round((4 + v / nt * kPlot) * 2) / 2); };
    // A point (or dot) closer than half a unit to the last one adds nothing.
    const points = [x(0) + "," + y(0)];
    const dots = [];
    let lastPoint = "", lastDot = "";
    for (const b of beads) {
      const p = x(b.se) + "," + y(b.te);
      if (p !== lastPoint) points.push(lastPoint = p);
      if (!isDoubtful(b)) continue;
      const d = x(Math.round((b.sb + b.se) / 2)) + "\" cy=\"" + y(Math.round((b.tb + b.te) / 2));
      if (d !== lastDot) dots.push("<circle class=\"dot-doubt\" r=\"2.6\" cx=\"" + (lastDot = d) + "\"/>");
    }
    plot.setAttribute("viewBox", "0 0 " + (kPlot + kPad + 6) + " " + (kPlot + kPad + 6));
    plot.innerHTML = "<rect class=\"frame\" x=\"" + kPad + "\" y=\"4\" width=\"" + kPlot + "\" height=\"" + kPlot + "\"/>" +
      "<line class=\"diagonal\" x1=\"" + x(0) + "\" y1=\"" + y(0) + "\" x2=\"" + x(ns) + "\" y2=\"" + y(nt) + "\"/>" +
      "<polyline class=\"path\" stroke-width=\"1.6\" points=\"" + points.join(" ") + "\"/>" + dots.join("") +
      "<circle class=\"here\" id=\"plot-here\" stroke-width=\"1.5\" r=\"6\"/>" +
      "<text x=\"" + (kPad + kPlot / 2) + "\" y=\"" + (kPlot + 18) + "\" font-size=\"10\" text-anchor=\"middle\">" +
      escapeHtml(srcName) + " sentences (" + srcText.length + ") →</text>" +
      "<text transform=\"translate(11 " + (4 + kPlot / 2) + ") rotate(-90)\" font-size=\"10\" text-anchor=\"middle\">" +
      escapeHtml(tgtName) + " sentences (" + tgtText.length + ") →</text>";
    markPlot();
  }

  // Moves the plot's ring to the current bead.
  function markPlot() {
    const here = document.getElementById("plot-here");
    const c = beads[current];
    if (!here || !c) return;
    const ns = Math.max(1, srcText.length), nt = Math.max(1, tgtText.length);
    here.setAttribute("cx", (kPad + (c.sb + c.se) / 2 / ns * kPlot).toFixed(1));
    here.setAttribute("cy", (4 + (c.tb + c.te) / 2 / nt * kPlot).toFixed(1));
  }

  plot.addEventListener("click", function (event) {
    const m = plot.getScreenCTM();
    if (!m) return;
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(m.inverse());
    const ns = Math.max(1, srcText.length), nt = Math.max(1, tgtText.length);
    const sx = (p.x - kPad) / kPlot * ns, ty = (p.y - 4) / kPlot * nt;
    let best = 0, bestDistance = Infinity;
    beads.forEach(function (b, i) {
      const dx = (b.sb + b.se) / 2 - sx, dy = (b.tb + b.te) / 2 - ty;
      const d = dx * dx / (ns * ns) + dy * dy / (nt * nt);
      if (d < bestDistance) { bestDistance = d; best = i; }
    });
    goTo(best, true);
  });

  // ---- Moving around -----------------------------------------------------

  function rowOf(i) { return rows.children[i] || null; }

  function goTo(i, scroll) {
    if (beads.length === 0) return;
    i = Math.max(0, Math.min(beads.length - 1, i));
    const old = rowOf(current);
    if (old) old.classList.remove("current");
    current = i;
    fill(rowOf(i), i);
    const row = rowOf(i);
    if (!row) return;
    row.classList.add("current");
    row.focus({ preventScroll: true });
    if (scroll) {
      row.scrollIntoView({ block: "center" });
      // Rows off screen have estimated heights until drawn: settle once more.
      requestAnimationFrame(function () { row.scrollIntoView({ block: "center" }); });
    }
    markPlot();
  }

  function nextDoubtful(step) {
    for (let i = current + step; i >= 0 && i < beads.length; i += step) {
      if (isDoubtful(beads[i])) { goTo(i, true); return; }
    }
  }

  // ---- Editing -----------------------------------------------------------

  function snapshot() {
    history.push({ beads: beads.map(function (b) { return Object.assign({}, b); }), current: current });
    if (history.length > 200) history.shift();
    dirty = true;
  }

  function lowest(list) {
    let low = list[0];
    for (const b of list) if (b.raw < low.raw) low = b;
    return low;
  }

  // A bead made by the reader: it carries the lowest score of the beads it
  // came from.
  function made(sb, se, tb, te, from, parts) {
    const low = lowest(from);
    return { id: nextId++, sb: sb, se: se, tb: tb, te: te, score: low.score, raw: low.raw, keep: true,
      edited: true, parts: parts || null };
  }

  function replace(from, removed, added) {
    beads.splice.apply(beads, [from, removed].concat(added));
    renderRange(from, removed, added.length);
  }

  function toggle(i) {
    const b = beads[i];
    if (!b) return;
    snapshot();
    b.keep = !b.keep;
    renderRange(i, 1, 1);
    goTo(i, false);
  }

  function join(i) {
    if (i < 0 || i + 1 >= beads.length) return;
    snapshot();
    const a = beads[i], b = beads[i + 1];
    const parts = (a.parts || [a]).concat(b.parts || [b]);
    replace(i, 2, [made(a.sb, b.se, a.tb, b.te, [a, b], parts)]);
    goTo(i, false);
  }

  function canSplit(b) { return b.parts !== null || b.se - b.sb > 1 || b.te - b.tb > 1; }

  // A joined bead gives back the beads it was made of; any other bead with
  // more than one sentence on a side becomes one bead per sentence, the
  // k-th source sentence with the k-th target sentence.
  function split(i) {
    const b = beads[i];
    if (!b || !canSplit(b)) return;
    snapshot();
    let pieces;
    if (b.parts) {
      pieces = b.parts.map(function (p) { return Object.assign({}, p, { keep: true }); });
    } else {
      pieces = [];
      const n = Math.max(b.se - b.sb, b.te - b.tb);
      for (let k = 0; k < n; ++k) {
        const s = Math.min(b.sb + k, b.se), t = Math.min(b.tb + k, b.te);
        pieces.push(made(s, Math.min(s + 1, b.se), t, Math.min(t + 1, b.te), [b]));
      }
    }
    replace(i, 1, pieces);
    goTo(i, false);
  }

  // Moves the first sentence of a side of bead i into bead i - 1 ("up"), or
  // its last sentence into bead i + 1 ("down"). A bead left empty goes.
  function move(i, side, dir) {
    const j = dir === "up" ? i - 1 : i + 1;
    const b = beads[i], other = beads[j];
    if (!b || !other) return;
    const begin = side === "s" ? "sb" : "tb", end = side === "s" ? "se" : "te";
    if (b[end] === b[begin]) return;
    snapshot();
    const first = Math.min(i, j);
    const upper = Object.assign({}, beads[first]), lower = Object.assign({}, beads[first + 1]);
    if (dir === "up") { upper[end] += 1; lower[begin] += 1; } else { upper[end] -= 1; lower[begin] -= 1; }
    const from = [beads[first], beads[first + 1]];
    const fresh = [upper, lower].filter(function (x) { return x.se > x.sb || x.te > x.tb; }).map(function (x) {
      return made(x.sb, x.se, x.tb, x.te, from);
    });
    replace(first, 2, fresh);
    // Go to the bead that took the sentence.
    const upperStays = upper.se > upper.sb || upper.te > upper.tb;
    goTo(dir === "up" ? first : first + (upperStays ? 1 : 0), false);
  }

  function undo() {
    const last = history.pop();
    if (!last) return;
    beads = last.beads;
    current = Math.min(last.current, beads.length - 1);
    renderAll();
    fillWhenIdle();
    goTo(current, true);
  }

  // ---- Events ------------------------------------------------------------

  function indexOfRow(node) {
    const row = node.closest(".bead");
    if (!row || !row.dataset.id) return -1;
    const id = Number(row.dataset.id);
    return beads.findIndex(function (b) { return b.id === id; });
  }

  rows.addEventListener("click", function (event) {
    const i = indexOfRow(event.target);
    if (i < 0) return;
    const act = event.target.closest("[data-act]");
    if (!act) { if (i !== current) goTo(i, false); return; }
    switch (act.dataset.act) {
      case "toggle": event.preventDefault(); toggle(i); break;
      case "join": join(i); break;
      case "split": split(i); break;
      case "up": case "down": move(i, act.dataset.side, act.dataset.act); break;
    }
  });

  // Tooltips, made when first needed: what a mark stands for, what a button does.
  rows.addEventListener("mouseover", function (event) {
    const el = event.target.closest("mark[data-k], button[aria-label], .flag");
    if (!el || el.title) return;
    el.title = el.dataset.k !== undefined ? describe(keys[Number(el.dataset.k)]) : el.getAttribute("aria-label");
  });

  // Focus (Tab, a click, a script) makes a row the current bead.
  rows.addEventListener("focusin", function (event) {
    const i = indexOfRow(event.target);
    if (i < 0 || i === current) return;
    const old = rowOf(current);
    if (old) old.classList.remove("current");
    current = i;
    rowOf(i).classList.add("current");
    markPlot();
  });

  document.getElementById("doubtful-list").addEventListener("click", function (event) {
    const a = event.target.closest("a[data-id]");
    if (!a) return;
    event.preventDefault();
    const id = Number(a.dataset.id);
    goTo(beads.findIndex(function (b) { return b.id === id; }), true);
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const onControl = event.target.closest && event.target.closest("button, a, input");
    switch (event.key) {
      case "n": nextDoubtful(1); break;
      case "p": nextDoubtful(-1); break;
      case "j": case "ArrowDown": goTo(current + 1, true); break;
      case "k": case "ArrowUp": goTo(current - 1, true); break;
      case "x": toggle(current); break;
      case " ": if (onControl) return; toggle(current); break;
      case "m": join(current); break;
      case "s": split(current); break;
      case "u": undo(); break;
      default: return;
    }
    event.preventDefault();
  });

  const keepUnaligned = document.getElementById("keep-unaligned");
  keepUnaligned.checked = !!meta.keepUnaligned;
  document.getElementById("download-tmx").addEventListener("click", function () {
    download(writeTmx(), "tmx", "application/x-tmx+xml");
  });
  document.getElementById("download-tsv").addEventListener("click", function () {
    download(writeTsv(keepUnaligned.checked), "tsv", "text/tab-separated-values");
  });
  document.getElementById("undo").addEventListener("click", undo);
  window.addEventListener("beforeunload", function (event) {
    if (dirty) event.preventDefault();
  });

  // ---- Start -------------------------------------------------------------

  const sideLabel = function (side) { return (side.file || side.name || "-") + " (" + side.lang + ")"; };
  document.getElementById("files").textContent = sideLabel(meta.src) + " ⇄ " + sideLabel(meta.tgt);
  document.getElementById("plot-caption").textContent = srcName + " across, " + tgtName +
    " down: the path leaves the dashed diagonal where one side has more text. Red: doubtful. " +
    "Click to go to a bead.";
  document.getElementById("src-head").textContent = sideLabel(meta.src);
  document.getElementById("tgt-head").textContent = sideLabel(meta.tgt);
  if (keys.length) {
    document.getElementById("legend").innerHTML = "<span>Shared anchors:&nbsp;</span><mark class=\"a-number\">number</mark>" +
      "<mark class=\"a-month\">date</mark><mark class=\"a-name\">name</mark>" +
      "<mark class=\"a-lexicon\">place, organisation</mark><mark class=\"a-word\">dictionary word</mark>" +
      "<mark class=\"a-latin\">same word</mark>";
  }
  renderAll();
  performance.mark("jisr-rendered");
  const bar = document.querySelector(".bar");
  document.documentElement.style.setProperty("--bar-height", bar.offsetHeight + "px");
  if (location.hash && /^#b\d+$/.test(location.hash)) {
    goTo(Number(location.hash.slice(2)), true);
  } else {
    const first = rowOf(0);
    if (first) first.classList.add("current");
  }

  // For tests and scripts: the page's own writers and its state.
  window.jisrReview = {
    tmx: writeTmx,
    tsv: writeTsv,
    beads: function () { return beads.map(function (b) { return [b.sb, b.se, b.tb, b.te, b.score, b.keep]; }); },
  };
  requestAnimationFrame(function () {
    setTimeout(function () {
      document.documentElement.dataset.readyMs = performance.now().toFixed(1);
      fillWhenIdle();
    }, 0);
  });
})();
