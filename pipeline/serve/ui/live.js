// cm serve's live reload, added to served pages only (never to cm build's
// output). The server tells this page when what it shows has changed; the
// page fetches itself again and swaps its body for the new one, keeping the
// scroll position and the panel's state. When the page's styles or scripts
// changed, or the browser cannot parse the new page with its panel, it
// reloads instead.
(() => {
  "use strict";
  const me = document.currentScript;
  const page = me.dataset.page;
  const scrollKey = "cm-scroll:" + page;
  const html = document.documentElement;

  // Says when the page shows a new version: tests and benchmarks read it.
  const shown = () => requestAnimationFrame(() => { html.dataset.cmShown = String(performance.timeOrigin + performance.now()); });

  const saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    const [x, y] = saved.split(",").map(Number);
    const restore = () => window.scrollTo(x, y);
    restore();
    window.addEventListener("load", restore, { once: true });
  }
  shown();

  const reload = () => {
    sessionStorage.setItem(scrollKey, window.scrollX + "," + window.scrollY);
    location.reload();
  };

  // The resources a page loads: when they change, the page reloads.
  const resources = (doc) => [...doc.querySelectorAll("link[rel=stylesheet], script[src]")]
    .map((el) => el.getAttribute("href") || el.getAttribute("src")).join("\n");
  // Scripts of the site (JSON-LD aside) would not run in a swapped body.
  const siteScripts = (body) => [...body.querySelectorAll("script")]
    .some((s) => !(s.src && s.src.includes("/_cm/live.js")) && s.type !== "application/ld+json");

  let busy = false, again = false;
  const refresh = async () => {
    if (busy) { again = true; return; }
    busy = true;
    try {
      const res = await fetch(location.href, { cache: "no-store" });
      const text = await res.text();
      if (typeof Document.parseHTMLUnsafe !== "function") return reload();
      const doc = Document.parseHTMLUnsafe(text);
      if (resources(doc) !== resources(document) || siteScripts(doc.body)) return reload();
      const x = window.scrollX, y = window.scrollY;
      // The head: everything but what it loads.
      const kept = "link[rel=stylesheet], link[rel=icon], script";
      for (const el of [...document.head.children]) if (!el.matches(kept)) el.remove();
      for (const el of [...doc.head.children]) if (!el.matches(kept)) document.head.append(el);
      html.lang = doc.documentElement.lang;
      document.body.replaceWith(doc.body);
      window.scrollTo(x, y);
      bind();
      shown();
    } catch (e) {
      reload();
    } finally {
      busy = false;
      if (again) { again = false; refresh(); }
    }
  };

  const events = new EventSource("/_cm/events?page=" + encodeURIComponent(page) + "&v=" + me.dataset.v);
  events.addEventListener("open", () => { html.dataset.cmLive = "open"; });
  events.addEventListener("reload", refresh);

  // The panel and the overlay of site pages live in a shadow root; cm's
  // own pages have them in the document. bind wires them after each swap.
  const bind = () => {
    const host = document.getElementById("cm-preview");
    const root = host && host.shadowRoot ? host.shadowRoot : document;

    const fab = root.querySelector(".fab");
    const drawer = root.querySelector(".drawer");
    if (fab && drawer) {
      const open = (yes) => {
        drawer.hidden = !yes;
        fab.setAttribute("aria-expanded", String(yes));
        sessionStorage.setItem("cm-drawer", yes ? "open" : "");
      };
      open(sessionStorage.getItem("cm-drawer") === "open");
      fab.addEventListener("click", () => open(drawer.hidden));
      root.querySelector(".close").addEventListener("click", () => open(false));
    }

    // The overlay hides until the errors change.
    const overlay = root.querySelector(".overlay");
    if (overlay) {
      const key = "cm-hidden:" + overlay.dataset.key;
      if (sessionStorage.getItem(key)) overlay.hidden = true;
      overlay.querySelector(".hide").addEventListener("click", () => {
        overlay.hidden = true;
        sessionStorage.setItem(key, "1");
      });
    }

    // cm's pages: filters apply as soon as they change.
    for (const el of document.querySelectorAll("form[data-autosubmit] select")) {
      el.addEventListener("change", () => el.form.requestSubmit());
    }
  };
  bind();

  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    const host = document.getElementById("cm-preview");
    const root = host && host.shadowRoot ? host.shadowRoot : document;
    const hide = root.querySelector(".overlay:not([hidden]) .hide");
    if (hide) hide.click();
  });
})();
