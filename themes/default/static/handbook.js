/* handbook default theme: small progressive enhancements. Every page works without
 * this script; it only opens the navigation on wide screens (for browsers that cannot
 * show a closed <details> by CSS) and makes the print page's print button work. */
(function () {
  "use strict";

  var wide = window.matchMedia ? window.matchMedia("(min-width: 60rem)") : null;
  var toggles = document.querySelectorAll("[data-nav-toggle]");

  function syncNav() {
    for (var i = 0; i < toggles.length; i++) {
      if (wide && wide.matches) {
        toggles[i].open = true;
      }
    }
  }

  syncNav();
  if (wide) {
    if (wide.addEventListener) {
      wide.addEventListener("change", syncNav);
    } else if (wide.addListener) {
      wide.addListener(syncNav);
    }
  }

  var printButtons = document.querySelectorAll("[data-print]");
  for (var j = 0; j < printButtons.length; j++) {
    printButtons[j].hidden = false;
    printButtons[j].addEventListener("click", function () {
      window.print();
    });
  }
})();
