// The words this script writes, in the page's language: the page's `words` (generator/i18n/
// theme_words.py), given by theme/main.html as JSON in #cp-words; English where a page has none.
// A message's named placeholders, `%(name)s`, are filled from `values`.
var cpWords = (function () {
  var block = document.getElementById("cp-words");
  try { return block ? JSON.parse(block.textContent) : {}; } catch (error) { return {}; }
})();
function cpWord(key, english, values) {
  var text = typeof cpWords[key] === "string" ? cpWords[key] : english;
  return text.replace(/%\((\w+)\)s/g, function (whole, name) {
    return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
  });
}

// Material wraps wide Markdown tables in a scrolling box; make each box reachable by
// keyboard and give it a unique name, so people who cannot use a mouse can scroll it
// (WCAG 2.1.1) and screen reader users can tell the boxes apart.
document$.subscribe(function () {
  var boxes = document.querySelectorAll(".md-typeset__scrollwrap");
  boxes.forEach(function (box, index) {
    if (box.hasAttribute("tabindex")) return;
    var caption = box.querySelector("caption");
    var heading = null;
    for (var node = box.previousElementSibling; node && !heading; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) heading = node;
    }
    var name = caption ? caption.textContent : heading ? heading.textContent : "";
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", name.trim()
      ? cpWord("table_named", "Table %(number)s: %(name)s", { number: index + 1, name: name.trim() })
      : cpWord("table", "Table %(number)s", { number: index + 1 }));
  });
});

// "Copy link" beside every permanent link: copies the link's full address and says so on the
// button ("Copied") and to screen readers. If the browser refuses, the address is shown in a
// box, selected, with a visible, announced message to copy it by hand. Without JavaScript the
// permanent link itself still works as a plain link.
document$.subscribe(function () {
  var status = document.getElementById("cp-copy-status");
  if (!status) {
    status = document.createElement("p");
    status.id = "cp-copy-status";
    status.className = "cp-visually-hidden";
    status.setAttribute("role", "status");
    document.body.appendChild(status);
  }
  document.querySelectorAll("a.cp-permalink").forEach(function (link) {
    if (link.nextElementSibling && link.nextElementSibling.classList.contains("cp-copy")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cp-copy";
    button.textContent = cpWord("copy_link", "Copy link");
    button.setAttribute("aria-label", cpWord("copy_link_to", "Copy link to %(name)s", { name: link.textContent.trim() }));
    button.addEventListener("click", function () {
      var address = new URL(link.getAttribute("href"), location.href).href;
      var done = function () {
        button.textContent = cpWord("copied", "Copied");
        status.textContent = cpWord("link_copied", "Link copied: %(address)s", { address: address });
        setTimeout(function () { button.textContent = cpWord("copy_link", "Copy link"); }, 4000);
      };
      var failed = function () {
        var box = button.parentElement.querySelector(".cp-copy-failed");
        if (!box) {
          box = document.createElement("span");
          box.className = "cp-copy-failed";
          box.innerHTML = '<span class="cp-copy-failed__message" role="alert"></span> <input type="text" readonly>';
          button.insertAdjacentElement("afterend", box);
        }
        var input = box.querySelector("input");
        input.value = address;
        input.setAttribute("aria-label", cpWord("address_of", "Address of %(name)s", { name: link.textContent.trim() }));
        box.querySelector(".cp-copy-failed__message").textContent =
          cpWord("copy_refused", "Copying was not allowed. The address is selected: press Ctrl+C (or Cmd+C) to copy it.");
        input.focus();
        input.select();
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(address).then(done, failed);
      } else {
        failed();
      }
    });
    link.insertAdjacentElement("afterend", button);
  });
});

// Paper: a Print button where a page offers one, and on every printed page the date it was
// printed and the page's permanent address (CSS cannot know the date; the page numbers are CSS's).
// The date is in the page's language ("14 September 2017" in English, as the site writes dates),
// with the digits 0-9 the site's dates use.
document$.subscribe(function () {
  var lang = document.documentElement.lang || "en";
  var locale = lang === "en" ? "en-GB" : lang + "-u-nu-latn";
  var printed;
  try {
    printed = new Date().toLocaleDateString(locale, { day: "numeric", month: "long", year: "numeric" });
  } catch (error) {
    printed = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }
  document.querySelectorAll(".cp-printed-on").forEach(function (el) { el.textContent = printed; });
  document.querySelectorAll(".cp-print-actions").forEach(function (box) {
    if (box.querySelector("button")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cp-print-button";
    button.textContent = cpWord("print_pack", "Print this pack");
    button.addEventListener("click", function () { window.print(); });
    box.insertBefore(button, box.firstChild);
  });
  var source = document.querySelector(".cp-print-address");
  var where = source ? source.getAttribute("data-address") : location.href;
  var footer = cpWord("printed_on", "Printed on %(date)s from %(address)s", { date: printed, address: where })
    .replace(/[\\"\n]/g, "");
  var style = document.getElementById("cp-print-footer") || document.createElement("style");
  style.id = "cp-print-footer";
  style.textContent = '@page { @bottom-left { content: "' + footer + '"; font: 8.5pt system-ui, sans-serif; color: #3b4246; } }';
  document.head.appendChild(style);
});

// An address that names one action or milestone (#milestone-19-5) opens that row's details and
// highlights it, so a cited item is found at once; the same when the address changes in place.
function cpShowTarget() {
  var id = decodeURIComponent(location.hash.slice(1));
  document.querySelectorAll(".cp-targeted").forEach(function (el) { el.classList.remove("cp-targeted"); });
  if (!id) return;
  var target = document.getElementById(id);
  if (!target) return;
  var row = target.closest("tr.cp-row, .cp-action");
  if (row) {
    row.classList.add("cp-targeted");
    var details = row.matches("tr") ? row.nextElementSibling && row.nextElementSibling.querySelector("details.cp-more")
                                     : row.querySelector("details.cp-more");
    if (details) details.open = true;
  }
  for (var node = target.parentElement; node; node = node.parentElement) {
    if (node.tagName === "DETAILS") node.open = true;
  }
}
document$.subscribe(cpShowTarget);
window.addEventListener("hashchange", cpShowTarget);

// The language switcher keeps the reader's place: following it from a cited milestone
// (#milestone-19-5) opens the same milestone in the other language.
// Listened for before Material's own handler (capture), which would otherwise take over the click
// (it treats the page's hreflang alternates as its language selector) and drop the place.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-cp-keep-place]");
  if (!link) return;
  event.stopPropagation();
  if (location.hash && link.href.indexOf("#") < 0) link.href = link.href + location.hash;
}, true);

// A table wider than the screen scrolls sideways inside its frame (longer words in Welsh or
// Bengali make more of them do so): such a frame can take the keyboard's focus, so it can be
// scrolled without a mouse, and is named after its table. Frames that fit are left alone
// (no needless stops for keyboard users).
function cpScrollableTables() {
  document.querySelectorAll(".cp-table-wrap").forEach(function (wrap) {
    var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    if (scrolls && !wrap.hasAttribute("tabindex")) {
      var caption = wrap.querySelector("caption");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
      wrap.dataset.cpScrolls = "";
    } else if (!scrolls && wrap.dataset.cpScrolls !== undefined) {
      ["tabindex", "role", "aria-label", "data-cp-scrolls"].forEach(function (name) { wrap.removeAttribute(name); });
    }
  });
}
document$.subscribe(cpScrollableTables);
window.addEventListener("resize", cpScrollableTables);
