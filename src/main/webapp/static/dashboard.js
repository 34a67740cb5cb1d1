// OnePiece Production Dashboard: draws cards from the public dashboard routes (API.md 4.1).
(function () {
  "use strict";
  var TOKEN_KEY = "trafalgar.dashboardToken";
  var body = document.body;
  var base = body.getAttribute("data-base-path") || "";
  var projects = JSON.parse(body.getAttribute("data-projects") || "[]");
  var example = projects.length ? projects[0] : null;
  var cards = document.getElementById("cards");
  var lastStatus = 0;
  var pendingStatus = null;

  function token() { return sessionStorage.getItem(TOKEN_KEY); }
  function enc(value) { return encodeURIComponent(value); }

  function getJson(path, withToken) {
    var headers = {};
    if (withToken && token()) { headers.Authorization = "Bearer " + token(); }
    return fetch(base + path, { headers: headers }).then(function (r) {
      if (!r.ok) { throw new Error(path + " answered " + r.status); }
      return r.json();
    });
  }

  function card(id, title) {
    var el = document.getElementById(id);
    if (!el) {
      el = document.createElement("section");
      el.id = id;
      el.className = "card";
      cards.appendChild(el);
    }
    el.innerHTML = "";
    var h = document.createElement("h2");
    h.textContent = title;
    el.appendChild(h);
    return el;
  }

  function figure(el, value) {
    var div = document.createElement("div");
    div.className = "figure";
    div.textContent = String(value);
    el.appendChild(div);
  }

  function table(el, rows) {
    var t = document.createElement("table");
    rows.forEach(function (row) {
      var tr = document.createElement("tr");
      row.forEach(function (cell) {
        var td = document.createElement("td");
        td.textContent = cell === null || cell === undefined ? "–" : String(cell);
        tr.appendChild(td);
      });
      t.appendChild(tr);
    });
    el.appendChild(t);
  }

  function pairs(object) {
    return Object.keys(object || {}).map(function (k) { return [k, object[k]]; });
  }

  function failed(id, title, error) {
    var el = card(id, title);
    var p = document.createElement("p");
    p.className = "error";
    p.textContent = error.message;
    el.appendChild(p);
  }

  function drawStatus(s) {
    if (cards.firstElementChild && cards.firstElementChild.tagName === "P") { cards.innerHTML = ""; }
    figure(card("c-projects", "Projects"), s.projects);
    figure(card("c-shots", "Shots"), s.shots);
    figure(card("c-versions", "Versions"), s.versions);
    figure(card("c-errors", "Open reconciliation errors"), s.errors);
    var r = card("c-render", "Render jobs");
    figure(r, s.render.jobs);
    table(r, pairs(s.render.by_status).concat(pairs(s.render.by_farm)));
    var i = card("c-ingest", "Ingest (last " + s.ingest.sample_window + " runs)");
    table(i, pairs(s.ingest.counts).concat([["last success", s.ingest.last_success_at],
      ["failure streak", s.ingest.failure_streak]]));
    var v = card("c-review", "Review");
    table(v, pairs(s.review.totals));
    table(v, s.review.projects.map(function (p) {
      return [p.project, p.playlists + " playlists", p.clips + " clips", p.duration_seconds + " s"];
    }));
  }

  function refreshStatus() {
    var wait = 1000 - (Date.now() - lastStatus);
    if (wait > 0) {
      if (!pendingStatus) { pendingStatus = setTimeout(function () { pendingStatus = null; refreshStatus(); }, wait); }
      return;
    }
    lastStatus = Date.now();
    getJson("/status").then(drawStatus).catch(function (e) { failed("c-projects", "Status", e); });
  }

  function drawExample() {
    if (example === null) { return; }
    getJson("/projects/" + enc(example)).then(function (p) {
      var el = card("c-summary", "Summary for " + example);
      table(el, [["episodes", p.episodes], ["shots", p.shots], ["versions", p.versions],
        ["approved", p.approved_versions]].concat(pairs(p.status_totals)));
    }).catch(function (e) { failed("c-summary", "Summary for " + example, e); });
    getJson("/projects/" + enc(example) + "/episodes").then(function (p) {
      var el = card("c-episodes", "Episodes of " + example);
      table(el, p.episodes.map(function (e) { return [e.episode, e.shots + " shots", e.versions + " versions"]; }));
    }).catch(function (e) { failed("c-episodes", "Episodes of " + example, e); });
    getJson("/deliveries/" + enc(example), true).then(function (list) {
      var el = card("c-deliveries", "Deliveries for " + example);
      table(el, list.map(function (d) { return [d.name, d.created_at, d.file_count + " files"]; }));
    }).catch(function (e) { failed("c-deliveries", "Deliveries for " + example, e); });
  }

  function drawMismatches() {
    getJson("/errors/summary").then(function (groups) {
      var el = card("c-mismatches", "Mismatch summary");
      table(el, groups.map(function (g) { return [g.type, g.path, g.count]; }));
    }).catch(function (e) { failed("c-mismatches", "Mismatch summary", e); });
  }

  var streams = [];
  var poller = null;
  function connect() {
    streams.forEach(function (s) { s.close(); });
    streams = [];
    if (poller) { clearInterval(poller); poller = null; }
    if (token() && window.EventSource) {
      ["/render/jobs/stream", "/ingest/runs/stream"].forEach(function (path) {
        var source = new EventSource(base + path + "?access_token=" + enc(token()));
        source.onmessage = refreshStatus;
        ["job.created", "job.updated", "job.removed", "run.created", "run.updated", "run.removed", "resync"]
          .forEach(function (name) { source.addEventListener(name, refreshStatus); });
        streams.push(source);
      });
    } else {
      poller = setInterval(refreshStatus, 30000);
    }
  }

  document.getElementById("token-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var value = document.getElementById("token").value.trim();
    if (value) { sessionStorage.setItem(TOKEN_KEY, value); }
    document.getElementById("token").value = "";
    connect();
    drawExample();
  });
  document.getElementById("token-clear").addEventListener("click", function () {
    sessionStorage.removeItem(TOKEN_KEY);
    connect();
  });

  refreshStatus();
  drawExample();
  drawMismatches();
  connect();
})();
