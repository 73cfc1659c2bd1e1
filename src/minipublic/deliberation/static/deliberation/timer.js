// The facilitator's timer between reloads. The timer itself is on the server: this
// script only ticks the running item's clock once a second from the time the server
// rendered, and re-syncs with the server's state (JSON) every 10 seconds, when the page
// comes back into view and when the connection returns. If anyone changed the timer
// meanwhile (another facilitator started, paused or finished an item, or time was
// granted), it reloads the page. Without JavaScript the page shows the same times,
// as of the moment it was rendered.
(function () {
  "use strict";
  var panel = document.getElementById("timer");
  if (!panel || !panel.dataset.stateUrl || !window.fetch) {
    return;
  }
  var running = panel.dataset.running || "";
  var base = { used: 0, at: Date.now() };
  var clockEl = panel.querySelector("[data-allowed][data-ticks]");
  if (clockEl) {
    base.used = parseInt(clockEl.dataset.used, 10) || 0;
  }
  var allowed = clockEl ? parseInt(clockEl.dataset.allowed, 10) || 0 : 0;
  var offline = panel.querySelector("[data-offline]");

  function clock(seconds) {
    var total = Math.abs(Math.floor(seconds));
    var h = Math.floor(total / 3600);
    var m = Math.floor((total % 3600) / 60);
    var s = total % 60;
    var mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
  }

  function show(element, visible) {
    if (element) {
      element.hidden = !visible;
    }
  }

  function tick() {
    if (!running) {
      return;
    }
    var used = base.used + Math.floor((Date.now() - base.at) / 1000);
    document.querySelectorAll('[data-ticks="' + running + '"]').forEach(function (el) {
      el.textContent = clock(used);
    });
    var left = allowed - used;
    var over = left < 0;
    panel.querySelectorAll("[data-left]").forEach(function (el) {
      el.textContent = clock(left);
    });
    panel.querySelectorAll("[data-over]").forEach(function (el) {
      el.textContent = clock(left);
    });
    show(panel.querySelector("[data-left-row]"), !over);
    show(panel.querySelector("[data-over-row]"), over);
    show(panel.querySelector("[data-overrun-flag]"), over);
  }

  function changed(state) {
    if (String(state.running || "") !== running) {
      return true;
    }
    return state.items.some(function (item) {
      var row = document.querySelector('[data-item="' + item.id + '"]');
      return (
        !row ||
        row.dataset.state !== item.state ||
        parseInt(row.dataset.allowed, 10) !== item.allowed_seconds
      );
    });
  }

  function sync() {
    window
      .fetch(panel.dataset.stateUrl, {
        credentials: "same-origin",
        cache: "no-store",
        headers: { Accept: "application/json" },
      })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (state) {
        show(offline, false);
        if (changed(state)) {
          window.location.reload();
          return;
        }
        state.items.forEach(function (item) {
          if (String(item.id) === running) {
            base = { used: item.used_seconds, at: Date.now() };
            allowed = item.allowed_seconds;
          }
        });
        tick();
      })
      .catch(function () {
        show(offline, true);
      });
  }

  window.setInterval(tick, 1000);
  window.setInterval(sync, 10000);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      sync();
    }
  });
  window.addEventListener("online", sync);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      sync();
    }
  });
  tick();
})();
