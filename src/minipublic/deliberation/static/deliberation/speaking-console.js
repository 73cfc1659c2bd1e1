// The facilitator console, offline tolerant. Without this script every tap is a plain
// form posted to the server. With it, a tap becomes an event with its own UUID and the
// phone's time, kept in localStorage until the server has acknowledged it: taps made
// while the connection is down wait there (even across a reload) and are sent, in order,
// when it returns. The server records each event once (the UUID), corrects and clamps
// the phone's times (docs/speaking-time.md) and answers with the table's state, which
// the page is redrawn from. No framework, no network but our own server.
(function () {
  "use strict";
  var root = document.getElementById("speaking-console");
  var stateNode = document.getElementById("console-state");
  var textNode = document.getElementById("console-texts");
  if (!root || !stateNode || !textNode || !window.fetch || !window.localStorage) {
    return;
  }
  var texts = JSON.parse(textNode.textContent);
  var csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  var prefix = root.dataset.storagePrefix;
  var ownKey = prefix + root.dataset.table;
  var eventsUrl = root.dataset.eventsUrl;
  var stateUrl = root.dataset.stateUrl;
  var forms = Array.prototype.slice.call(root.querySelectorAll("form.speaker-form"));
  var stopForm = root.querySelector("form.stop-form");
  var finishForm = root.querySelector("form.finish-form");
  var sync = document.getElementById("console-sync");
  var refusedBox = document.getElementById("console-refused");
  var nowName = document.getElementById("now-name");
  var nowTime = document.getElementById("now-time");
  var others = document.getElementById("now-others");
  var othersNames = document.getElementById("now-others-names");
  var names = {};
  forms.forEach(function (form) {
    names[form.dataset.attendee] = form.dataset.name;
  });

  var server = null; // the last state the server sent
  var syncedAt = 0; // this phone's clock when it was sent
  var skew = 0; // server clock minus this phone's clock
  var sending = null; // the batch on its way, as a promise
  var problem = ""; // "" when the last exchange worked, else what went wrong
  var retry = null;

  function fill(template, values) {
    return template.replace(/%\((\w+)\)(0?\d*)([ds])/g, function (all, name, pad, type) {
      var value = String(values[name]);
      while (pad && value.length < parseInt(pad, 10)) {
        value = "0" + value;
      }
      return value;
    });
  }

  function duration(seconds) {
    var whole = Math.max(0, Math.round(seconds));
    var h = Math.floor(whole / 3600);
    var m = Math.floor((whole % 3600) / 60);
    var s = whole % 60;
    if (h) {
      return fill(texts.h, { h: h, m: m });
    }
    return m ? fill(texts.m, { m: m, s: s }) : fill(texts.s, { s: s });
  }

  function newUuid() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 15) | 64;
    bytes[8] = (bytes[8] & 63) | 128;
    var hex = Array.prototype.map
      .call(bytes, function (b) {
        return (b + 256).toString(16).slice(1);
      })
      .join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  // A queue is {url, events}; one per table, under "<prefix><table id>".
  function load(key) {
    try {
      var box = JSON.parse(window.localStorage.getItem(key));
      if (box && box.url && Array.isArray(box.events)) {
        return box;
      }
    } catch (ignored) {
      // an unreadable entry is replaced below
    }
    return { url: eventsUrl, events: [] };
  }

  function save(key, box) {
    if (box.events.length) {
      window.localStorage.setItem(key, JSON.stringify(box));
    } else {
      window.localStorage.removeItem(key);
    }
  }

  function queuedKeys() {
    var keys = [];
    for (var i = 0; i < window.localStorage.length; i += 1) {
      var key = window.localStorage.key(i);
      if (key && key.indexOf(prefix) === 0) {
        keys.push(key);
      }
    }
    keys.sort(function (a, b) {
      return (b === ownKey) - (a === ownKey); // this table's queue first
    });
    return keys;
  }

  function waiting() {
    return queuedKeys().reduce(function (sum, key) {
      return sum + load(key).events.length;
    }, 0);
  }

  function setServer(state) {
    server = state;
    syncedAt = Date.now();
    skew = Date.parse(state.now) - syncedAt;
    var known = state.people.map(function (p) { return p.key; }).sort().join(" ");
    var shown = Object.keys(names).sort().join(" ");
    if (known !== shown) {
      problem = texts.reload;
    }
  }

  // This phone's turns after the server's state: its own running turn (continuing), then
  // the queued events; each as {uuid, attendee, from, to} in this phone's milliseconds.
  function localTurns(now) {
    var turns = [];
    var open = null;
    if (server.mine) {
      open = { uuid: server.mine.uuid, attendee: server.mine.attendee, from: syncedAt,
               start: Date.parse(server.mine.started_at) - skew };
    }
    load(ownKey).events.forEach(function (event) {
      if (event.kind === "start") {
        if (open) {
          open.to = Math.max(open.from, event.at);
          turns.push(open);
        }
        open = { uuid: event.uuid, attendee: event.attendee, from: event.at, start: event.at };
      } else if (open && event.uuid === open.uuid) {
        open.to = Math.max(open.from, event.at);
        turns.push(open);
        open = null;
      }
    });
    if (open) {
      open.to = Math.max(open.from, now);
      open.running = true;
      turns.push(open);
    }
    return turns;
  }

  function mine(turns) {
    var last = turns[turns.length - 1];
    return last && last.running ? last : null;
  }

  function render() {
    var now = Date.now();
    var turns = localTurns(now);
    var running = mine(turns);
    var totals = {};
    var otherSpeaking = {};
    server.people.forEach(function (person) {
      totals[person.key] = person.seconds;
    });
    turns.forEach(function (turn) {
      totals[turn.attendee] = (totals[turn.attendee] || 0) + (turn.to - turn.from) / 1000;
    });
    server.others.forEach(function (turn) {
      otherSpeaking[turn.attendee] = true;
      totals[turn.attendee] = (totals[turn.attendee] || 0) + (now - syncedAt) / 1000;
    });
    forms.forEach(function (form) {
      var key = form.dataset.attendee;
      var button = form.querySelector("button");
      var isMine = Boolean(running && running.attendee === key);
      button.setAttribute("aria-pressed", isMine ? "true" : "false");
      button.classList.toggle("is-speaking", isMine || Boolean(otherSpeaking[key]));
      form.querySelector("[data-total]").textContent = duration(totals[key] || 0);
      var state = texts.start;
      if (isMine) {
        state = texts.speaking;
      } else if (otherSpeaking[key]) {
        state = texts.other;
      } else if (!totals[key]) {
        state = texts.silent;
      }
      var stateNode = form.querySelector("[data-state]");
      if (stateNode.textContent !== state) {
        stateNode.textContent = state;
      }
    });
    if (running) {
      nowName.textContent = names[running.attendee] || running.attendee;
      nowTime.textContent = duration((now - running.start) / 1000);
    } else if (nowName.textContent !== texts.nobody) {
      nowName.textContent = texts.nobody;
    }
    nowTime.hidden = !running;
    stopForm.hidden = !running;
    var otherNames = server.others.map(function (turn) {
      return names[turn.attendee] || turn.attendee;
    });
    others.hidden = !otherNames.length;
    othersNames.textContent = otherNames.join(", ");
    renderSync();
  }

  function renderSync() {
    var count = waiting();
    var message = texts.saved;
    var offline = problem === "offline";
    if (offline) {
      message = fill(texts.offline, { count: count });
    } else if (problem) {
      message = problem.indexOf("%(") >= 0 ? fill(problem, { count: count }) : problem;
    } else if (count) {
      message = fill(texts.sending, { count: count });
    }
    sync.hidden = false;
    sync.classList.toggle("is-offline", Boolean(problem));
    if (sync.textContent !== message) {
      sync.textContent = message; // a polite status: announced only when it changes
    }
  }

  function showRefused(messages) {
    if (!messages.length) {
      return;
    }
    refusedBox.hidden = false;
    messages.forEach(function (message) {
      var line = document.createElement("p");
      line.textContent = fill(texts.refused, { message: message });
      refusedBox.appendChild(line);
    });
  }

  function later() {
    window.clearTimeout(retry);
    retry = window.setTimeout(flush, 5000);
  }

  // Send the oldest waiting events of one queue; go on until every queue is empty.
  function flush() {
    if (sending) {
      return sending.then(flush); // after the batch on its way
    }
    var keys = queuedKeys();
    if (!keys.length) {
      return Promise.resolve();
    }
    var key = keys[0];
    var box = load(key);
    if (!box.events.length) {
      window.localStorage.removeItem(key);
      return flush();
    }
    var batch = box.events.slice(0, 100);
    var failed = false;
    var done = function () {
      sending = null;
    };
    sending = window
      .fetch(box.url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify({ sent_at: Date.now(), events: batch }),
      })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || response.redirected || type.indexOf("application/json") !== 0) {
          var error = new Error("refused");
          error.status = response.redirected ? 401 : response.status;
          throw error;
        }
        return response.json();
      })
      .then(function (body) {
        var acknowledged = {};
        var refused = [];
        body.results.forEach(function (result) {
          acknowledged[result.kind + " " + result.uuid] = true;
          if (result.status === "refused") {
            refused.push(result.message);
          }
        });
        var latest = load(key); // taps made while this batch was on its way stay queued
        latest.events = latest.events.filter(function (event) {
          return !acknowledged[event.kind + " " + event.uuid];
        });
        save(key, latest);
        problem = "";
        if (key === ownKey) {
          setServer(body.state);
        }
        showRefused(refused);
      })
      .catch(function (error) {
        failed = true;
        problem = error && error.status ? fill(texts.signin, { status: error.status, count: "%(count)s" }) : "offline";
        later();
      });
    var sent = sending;
    sending = sending.then(done, done);
    renderSync();
    return sent.then(function () {
      render();
      return failed ? null : flush(); // on to the next batch or queue, if any
    });
  }

  function refresh() {
    if (sending || waiting()) {
      return;
    }
    window
      .fetch(stateUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok || response.redirected) {
          throw new Error("refused");
        }
        return response.json();
      })
      .then(function (state) {
        problem = "";
        setServer(state);
        render();
      })
      .catch(function () {
        problem = navigator.onLine ? problem : "offline";
        renderSync();
      });
  }

  function record(event) {
    var box = load(ownKey);
    box.url = eventsUrl;
    event.at = Date.now();
    box.events.push(event);
    save(ownKey, box);
    render();
    flush();
  }

  root.addEventListener("submit", function (submitted) {
    var form = submitted.target;
    if (form === finishForm) {
      if (!waiting()) {
        return; // nothing waiting: the form goes as it is
      }
      submitted.preventDefault();
      flush().then(function () {
        if (waiting()) {
          problem = texts.finish_offline;
          renderSync();
        } else {
          form.submit();
        }
      });
      return;
    }
    if (form !== stopForm && forms.indexOf(form) < 0) {
      return;
    }
    submitted.preventDefault();
    var running = mine(localTurns(Date.now()));
    if (form === stopForm || (running && running.attendee === form.dataset.attendee)) {
      if (running) {
        record({ kind: "stop", uuid: running.uuid });
      }
    } else {
      record({ kind: "start", uuid: newUuid(), attendee: form.dataset.attendee });
    }
  });

  window.addEventListener("online", function () {
    problem = "";
    flush().then(refresh);
  });
  window.addEventListener("offline", function () {
    problem = "offline";
    renderSync();
  });

  setServer(JSON.parse(stateNode.textContent));
  document.getElementById("console-asof").hidden = true; // the times below are live now
  render();
  flush();
  window.setInterval(render, 1000);
  window.setInterval(refresh, 10000); // another team member's turns at this table
})();
