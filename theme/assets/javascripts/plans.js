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
    box.setAttribute("aria-label", "Table " + (index + 1) + (name ? ": " + name.trim() : ""));
  });
});

// "Copy link" beside every permanent link: copies the item's full address. Without
// JavaScript the permanent link itself still works as a plain link.
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
    button.textContent = "Copy link";
    button.setAttribute("aria-label", "Copy link to " + link.textContent.trim());
    button.addEventListener("click", function () {
      var address = new URL(link.getAttribute("href"), location.href).href;
      var done = function () { status.textContent = "Link copied: " + address; };
      if (navigator.clipboard) { navigator.clipboard.writeText(address).then(done, done); } else { done(); }
    });
    link.insertAdjacentElement("afterend", button);
  });
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
