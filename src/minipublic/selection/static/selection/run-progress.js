// Follows a selection run on its page without reloading it on a timer (WCAG 2.2.1):
// polls the run's status JSON every two seconds, moves the progress bar, and reloads
// the page only when the run's status changes (e.g. from waiting to running, or done).
// Without JavaScript the page's <noscript> refresh does the following instead.
(function () {
  "use strict";
  var bar = document.getElementById("run-progress");
  if (!bar || !bar.dataset.statusUrl || !window.fetch) {
    return;
  }
  var status = bar.dataset.status;
  function poll() {
    window
      .fetch(bar.dataset.statusUrl, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
      .then(function (response) {
        return response.json();
      })
      .then(function (run) {
        if (run.status !== status) {
          window.location.reload();
          return;
        }
        if (run.fraction !== null) {
          bar.value = Math.round(run.fraction * 100);
          bar.textContent = bar.value + "%";
        }
        window.setTimeout(poll, 2000);
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }
  window.setTimeout(poll, 2000);
})();
