// "Leave this page" (the GOV.UK Exit this page pattern, issue 16). The button is a link to a
// neutral site and works without this script. With it, the page is hidden at once and
// replaced, so Back does not bring it back, and pressing Shift three times leaves too.
(function () {
  "use strict";
  var link = document.querySelector("[data-exit-this-page]");
  if (!link) { return; }
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.documentElement.style.visibility = "hidden";
    window.location.replace(link.href);
  }
  link.addEventListener("click", leave);
  var presses = 0;
  var timer = null;
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { presses = 0; return; }
    presses += 1;
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(function () { presses = 0; }, 5000);
    if (presses >= 3) { leave(); }
  });
})();
