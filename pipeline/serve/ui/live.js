// cm serve's live reload, added to served pages only (never to cm build's
// output). The server tells this page to reload when what it shows has
// changed; the scroll position survives the reload.
(() => {
  "use strict";
  const me = document.currentScript;
  const page = me.dataset.page;
  const scrollKey = "cm-scroll:" + page;

  const saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    const [x, y] = saved.split(",").map(Number);
    const restore = () => window.scrollTo(x, y);
    restore();
    window.addEventListener("load", restore, { once: true });
  }

  let reloading = false;
  const events = new EventSource("/_cm/events?page=" + encodeURIComponent(page) + "&v=" + me.dataset.v);
  events.addEventListener("reload", () => {
    if (reloading) return;
    reloading = true;
    sessionStorage.setItem(scrollKey, window.scrollX + "," + window.scrollY);
    events.close();
    location.reload();
  });

  // The panel and the overlay of site pages live in a shadow root; cm's
  // own pages have them in the document.
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
    const hide = () => {
      overlay.hidden = true;
      sessionStorage.setItem(key, "1");
    };
    if (sessionStorage.getItem(key)) overlay.hidden = true;
    overlay.querySelector(".hide").addEventListener("click", hide);
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && !overlay.hidden) hide();
    });
  }

  // cm's pages: filters apply as soon as they change.
  for (const el of document.querySelectorAll("form[data-autosubmit] select")) {
    el.addEventListener("change", () => el.form.requestSubmit());
  }
})();
