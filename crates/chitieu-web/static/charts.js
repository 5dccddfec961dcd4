// chitieu: draws the dashboards' charts with Chart.js from the JSON each <figure class="chart">
// embeds in a <script type="application/json">; the table beside every chart holds the same
// numbers. No inline script, no network: Chart.js is served by the app.
(function () {
  'use strict';

  var FONT = 'system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif';

  function axisLabel(spec) {
    return function (value) {
      var text = Number(value).toLocaleString('vi-VN', { maximumFractionDigits: 2 });
      return spec.percent ? text + '%' : text;
    };
  }

  function config(spec) {
    var bars = spec.kind === 'stacked_bars';
    var valueAxis = {
      stacked: bars,
      reverse: spec.reverse,
      beginAtZero: !spec.reverse,
      title: { display: Boolean(spec.y_title), text: spec.y_title },
      ticks: { callback: axisLabel(spec), precision: bars ? 0 : undefined },
    };
    if (spec.y_min !== null) { valueAxis.min = spec.y_min; }
    if (spec.y_max !== null) { valueAxis.max = spec.y_max; }
    var labelAxis = { stacked: bars, offset: true, ticks: { autoSkip: false } };
    var datasets = spec.datasets.map(function (set) {
      return {
        label: set.label,
        data: set.data,
        backgroundColor: set.colour,
        borderColor: set.colour,
        borderWidth: bars ? 0 : 2,
        borderDash: set.dashed ? [6, 4] : [],
        pointStyle: set.dashed ? 'line' : 'circle',
        pointRadius: set.dashed ? 12 : 4,
        pointBorderWidth: 2,
        spanGaps: true,
        tension: 0,
      };
    });
    return {
      type: bars ? 'bar' : 'line',
      data: { labels: spec.labels, datasets: datasets },
      options: {
        locale: 'vi-VN',
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: bars ? 'y' : 'x',
        scales: bars ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
        plugins: {
          legend: { position: 'bottom', labels: { usePointStyle: !bars } },
          tooltip: {
            callbacks: {
              label: function (item) {
                return item.dataset.label + ': ' + axisLabel(spec)(item.raw);
              },
            },
          },
        },
      },
    };
  }

  function draw(figure) {
    if (figure.getAttribute('data-drawn') || typeof window.Chart === 'undefined') { return; }
    var data = figure.querySelector('script[type="application/json"]');
    var canvas = figure.querySelector('canvas');
    if (!data || !canvas) { return; }
    var spec = JSON.parse(data.textContent);
    if (spec.kind === 'stacked_bars') {
      canvas.parentNode.style.height = Math.max(180, 44 * spec.labels.length + 90) + 'px';
    }
    window.Chart.defaults.font.family = FONT;
    new window.Chart(canvas, config(spec));
    figure.setAttribute('data-drawn', '1');
  }

  function drawAll(root) {
    Array.prototype.forEach.call(root.querySelectorAll('figure.chart'), draw);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { drawAll(document); });
  } else {
    drawAll(document);
  }
  document.addEventListener('htmx:afterSwap', function (event) { drawAll(event.target); });
})();
