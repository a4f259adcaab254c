// Draws the charts of the results fragment (plotly), keeps A and B on one y scale, and
// shows the placeholders of the chosen commodity's published prices.
(function () {
  "use strict";
  let renders = 0;

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
      drawn.push(Plotly.newPlot(target, figure.data, figure.layout,
        {responsive: true, displaylogo: false}).then(function () { return target; }));
    });
    return Promise.all(drawn).then(alignPairs).then(function () {
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
      input.placeholder = defaults[i] === undefined ? "" : String(+defaults[i].toFixed(2));
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target.classList && event.target.classList.contains("price-name")) {
      showPricePlaceholders(event.target);
    }
  });

  let forms = 0;
  // After settling: htmx restores the swapped elements' attributes while settling, which
  // would undo the classes plotly gives a chart drawn earlier.
  document.addEventListener("htmx:afterSettle", function (event) {
    const target = event.detail.target;
    if (target && target.id === "results") {
      drawCharts(target);
    } else if (target && target.id === "controls") {
      forms += 1;
      document.body.dataset.forms = String(forms);
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
