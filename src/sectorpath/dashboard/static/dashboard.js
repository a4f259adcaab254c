// Draws the charts of the results fragment (plotly), keeps A and B on one y scale, and
// shows the placeholders of the chosen commodity's published prices.
(function () {
  "use strict";
  let renders = 0;
  // No link out of the page: plotly's logo and its cloud "edit/share" buttons are off.
  const CONFIG = {responsive: true, displaylogo: false, showLink: false,
    showSendToCloud: false, showEditInChartStudio: false};

  // The one chart template of the page (plotly_white), parsed anew for each chart: plotly
  // keeps state in a layout's objects, so charts must not share them.
  function template() {
    const node = document.getElementById("chart-template");
    return node ? JSON.parse(node.textContent) : {};
  }

  function drawCharts(root) {
    // htmx may report one swap twice (the results and the form swapped out of band): each
    // answer is drawn once
    const body = root.querySelector(".results-body:not([data-drawn])");
    if (!body) { return Promise.resolve(); }
    body.dataset.drawn = "yes";
    const drawn = [];
    body.querySelectorAll("script.chart-data").forEach(function (node) {
      const target = document.getElementById(node.dataset.target);
      if (!target) { return; }
      const figure = JSON.parse(node.textContent);
      figure.layout.template = template();
      // the built-in scenario drawn over an edited run, as a reference line
      body.querySelectorAll("script.chart-reference").forEach(function (reference) {
        if (reference.dataset.target === node.dataset.target) {
          figure.data.push(JSON.parse(reference.textContent));
        }
      });
      drawn.push(Plotly.newPlot(target, figure.data, figure.layout, CONFIG)
        .then(function () { return target; }));
    });
    return Promise.all(drawn).then(alignPairs).then(function () {
      // one short sentence for screen readers instead of reading the whole results area
      const status = document.getElementById("run-status");
      const heads = Array.from(body.querySelectorAll(".status strong"), function (n) {
        return n.textContent;
      });
      if (status) { status.textContent = "Results updated: " + heads.join("; "); }
      renders += 1;
      document.body.dataset.renders = String(renders);
    });
  }

  // Charts of the same panel for A and B get the same y range, so they compare by eye.
  function alignPairs(charts) {
    const pairs = {};
    charts.forEach(function (chart) {
      const layout = chart._fullLayout;
      if (!layout || !layout.yaxis || layout.yaxis2 || chart.dataset.pair === "parity" ||
          chart.dataset.pair === "breakthroughs") { return; }
      (pairs[chart.dataset.pair] = pairs[chart.dataset.pair] || []).push(chart);
    });
    const updates = [];
    Object.values(pairs).forEach(function (group) {
      if (group.length < 2) { return; }
      const ranges = group.map(function (c) { return c._fullLayout.yaxis.range; });
      const low = Math.min.apply(null, ranges.map(function (r) { return r[0]; }));
      const high = Math.max.apply(null, ranges.map(function (r) { return r[1]; }));
      group.forEach(function (c) {
        updates.push(Plotly.relayout(c, {"yaxis.range": [low, high]}));
      });
    });
    return Promise.all(updates);
  }

  function showPricePlaceholders(select) {
    const row = select.closest(".price-row");
    if (!row) { return; }
    const defaults = JSON.parse(row.dataset.defaults || "{}")[select.value] || [];
    row.querySelectorAll("input").forEach(function (input, i) {
      input.placeholder = defaults[i] === undefined ? "" : defaults[i];
    });
  }

  // Results of another sector, scenario or comparison than the controls now show are taken
  // off the page at once, before the new run answers: the page never shows stale results.
  function isStructural(control) {
    return control.id === "sector" || control.id === "compare" ||
      /^[ab]\.scenario$/.test(control.name || "");
  }

  function clearResults(control) {
    const results = document.getElementById("results");
    results.querySelectorAll(".js-plotly-plot").forEach(function (chart) {
      Plotly.purge(chart);
    });
    const note = document.createElement("p");
    note.className = "muted";
    note.id = "results-pending";
    note.textContent = "Running " + (control.selectedOptions && control.selectedOptions[0] ?
      control.selectedOptions[0].textContent : "the new selection") + "\u2026";
    results.replaceChildren(note);
  }

  document.addEventListener("change", function (event) {
    const control = event.target;
    // the all-sectors page: a new scenario is shown as soon as it is chosen
    if (control.id === "all-scenario") { control.form.requestSubmit(); return; }
    if (control.classList && control.classList.contains("price-name")) {
      showPricePlaceholders(control);
    }
    if (control.closest && control.closest("#controls") && isStructural(control)) {
      clearResults(control);
    }
  });

  // Answers to controls that have changed since the request was sent are dropped (the
  // newer change sends its own request); a form answer never overwrites a field being typed.
  let changes = 0;
  let sentChanges = 0;
  let typing = false;
  document.addEventListener("input", function (event) {
    if (event.target.closest && event.target.closest("#controls")) { typing = true; }
  });
  document.addEventListener("change", function (event) {
    if (event.target.closest && event.target.closest("#controls")) { changes += 1; }
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.elt && event.detail.elt.id === "controls") {
      sentChanges = changes;
      typing = false;
    }
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (changes !== sentChanges) { event.detail.shouldSwap = false; }
  });
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    if (typing && event.detail.target && event.detail.target.id === "controls") {
      event.detail.shouldSwap = false;
    }
  });

  // Every answer of the server (a run or a form with marked fields) counted once.
  const answered = new WeakSet();
  let answers = 0;
  document.addEventListener("htmx:afterSettle", function (event) {
    const xhr = event.detail.xhr;
    if (!xhr || answered.has(xhr)) { return; }
    answered.add(xhr);
    answers += 1;
    document.body.dataset.answers = String(answers);
    const pending = document.getElementById("results-pending");
    if (pending && document.getElementById("form-errors")) {
      pending.textContent = "Not run: correct the fields marked above.";
    }
  });

  // After settling: htmx restores the swapped elements' attributes while settling, which
  // would undo the classes plotly gives a chart drawn earlier.
  document.addEventListener("htmx:afterSettle", function (event) {
    const target = event.detail.target;
    if (target && target.id === "results") {
      drawCharts(target);
    }
  });

  // A server or network failure: say so in the page; the form stays usable.
  function failed(message) {
    const results = document.getElementById("results");
    const box = document.createElement("div");
    box.className = "run-error";
    box.setAttribute("role", "alert");
    box.id = "request-error";
    box.textContent = message;
    results.prepend(box);
  }
  document.addEventListener("htmx:responseError", function (event) {
    failed("The server could not answer (" + event.detail.xhr.status + "): " +
      event.detail.xhr.responseText.slice(0, 300));
  });
  document.addEventListener("htmx:sendError", function () {
    failed("The dashboard server cannot be reached; is `sectorpath serve` still running?");
  });

  document.addEventListener("DOMContentLoaded", function () {
    drawCharts(document);
  });
})();
