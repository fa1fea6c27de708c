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
