// The live page: asks for the operators' key, then polls /api/admin/live/snapshot every second with it
// in x-api-key and draws the last minutes with uPlot. No inline script or style: the page's
// Content-Security-Policy allows only files of its own origin.
'use strict';

(() => {
  const SNAPSHOT = '/api/admin/live/snapshot';
  const KEY = 'cim-admin-key';
  const POINTS = 180;
  const PERIOD_MS = 1000;
  const COLORS = ['#4fb3ff', '#3fcf8e', '#ffb454', '#ff6b6b', '#c792ea', '#7fdbca', '#f78c6c', '#82aaff'];

  const $ = (id) => document.getElementById(id);
  const history = { at: [], in: [], out: [], servers: new Map() };
  let charts = [];
  let chartedIds = '';
  let timer;

  const number = (v, digits = 0) => (v === null || v === undefined ? '–' : v.toFixed(digits));

  function uptime(ms) {
    if (ms === null) return '–';
    const s = Math.floor(ms / 1000);
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return h ? `${h} h ${m} min` : m ? `${m} min ${s % 60} s` : `${s} s`;
  }

  function showKeyForm(message) {
    clearTimeout(timer);
    $('dashboard').hidden = true;
    $('sign-out').hidden = true;
    $('key-form').hidden = false;
    $('key-error').textContent = message || '';
    $('status').textContent = 'Not connected';
    $('key').focus();
  }

  function remember(snapshot) {
    history.at.push(snapshot.at / 1000);
    const sum = (pick) => snapshot.servers.reduce((total, s) => total + (pick(s) ?? 0), 0);
    history.in.push(sum((s) => s.messagesInPerSecond));
    history.out.push(sum((s) => s.messagesOutPerSecond));
    const seen = new Set();
    for (const server of snapshot.servers) {
      seen.add(server.id);
      if (!history.servers.has(server.id)) {
        const empty = () => history.at.slice(0, -1).map(() => null);
        history.servers.set(server.id, { connections: empty(), latency: empty(), out: empty() });
      }
      const series = history.servers.get(server.id);
      series.connections.push(server.connections);
      series.latency.push(server.latencyMs);
      series.out.push(server.messagesOutPerSecond);
    }
    for (const [id, series] of history.servers) {
      if (!seen.has(id)) for (const values of Object.values(series)) values.push(null);
      if (series.connections.every((v) => v === null)) history.servers.delete(id);
    }
    const trim = (values) => values.splice(0, Math.max(0, values.length - POINTS));
    trim(history.at);
    trim(history.in);
    trim(history.out);
    for (const series of history.servers.values()) Object.values(series).forEach(trim);
  }

  const clock = (t) =>
    new Date(t * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const axis = { stroke: '#8a97a6', grid: { stroke: '#263240' }, ticks: { stroke: '#263240' } };
  const INTEGER_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];

  /** A line chart of one series per label; `integer` keeps the y ticks on whole numbers. */
  function chart(element, labels, format, integer = false) {
    const options = {
      width: element.clientWidth,
      height: 200,
      legend: { live: false },
      scales: {
        x: { time: true },
        y: { range: (_u, _min, max) => [0, Math.max(integer ? 2 : 1, max * 1.15)] },
      },
      axes: [
        { ...axis, space: 70, values: (_u, ticks) => ticks.map(clock) },
        {
          ...axis,
          size: 55,
          values: (_u, ticks) => ticks.map(format),
          ...(integer ? { incrs: INTEGER_STEPS } : {}),
        },
      ],
      series: [
        {},
        ...labels.map((label, i) => ({
          label,
          stroke: COLORS[i % COLORS.length],
          width: 2,
          points: { show: false },
        })),
      ],
    };
    return new uPlot(options, [[]], element);
  }

  function draw() {
    const ids = [...history.servers.keys()].sort();
    if (ids.join('\n') !== chartedIds) {
      charts.forEach(({ plot }) => plot.destroy());
      const perServer = (pick) => () => [history.at, ...ids.map((id) => pick(history.servers.get(id)))];
      charts = [
        {
          plot: chart($('chart-connections'), ids, (v) => v.toFixed(0)),
          data: perServer((s) => s.connections),
        },
        {
          plot: chart($('chart-messages'), ['SEND frames in', 'written to clients'], (v) => v.toFixed(1)),
          data: () => [history.at, history.in, history.out],
        },
        { plot: chart($('chart-latency'), ids, (v) => `${v.toFixed(1)}`), data: perServer((s) => s.latency) },
        { plot: chart($('chart-out'), ids, (v) => v.toFixed(1)), data: perServer((s) => s.out) },
      ];
      chartedIds = ids.join('\n');
    }
    for (const { plot, data } of charts) plot.setData(data());
  }

  function render(snapshot) {
    const reachable = snapshot.servers.filter((s) => s.reachable);
    $('card-servers').textContent = `${reachable.length} / ${snapshot.servers.length}`;
    $('card-connections').textContent = number(reachable.reduce((n, s) => n + s.connections, 0));
    $('card-online').textContent = number(snapshot.online);
    $('card-in').textContent = number(history.in[history.in.length - 1], 1);
    $('card-out').textContent = number(history.out[history.out.length - 1], 1);
    const rows = snapshot.servers.map((s) => {
      const row = document.createElement('tr');
      const cells = [
        [s.id],
        [s.address],
        [s.reachable ? 'up' : 'unreachable', s.reachable ? 'up' : 'unreachable'],
        [number(s.connections), 'num'],
        [number(s.messagesInPerSecond, 1), 'num'],
        [number(s.messagesOutPerSecond, 1), 'num'],
        [s.latencyMs === null ? '–' : `${s.latencyMs.toFixed(1)} ms`, 'num'],
        [uptime(s.uptimeMs), 'num'],
      ];
      for (const [text, className] of cells) {
        const cell = document.createElement('td');
        cell.textContent = text;
        if (className) cell.className = className;
        row.append(cell);
      }
      return row;
    });
    $('servers').tBodies[0].replaceChildren(...rows);
    draw();
  }

  async function poll() {
    try {
      const response = await fetch(SNAPSHOT, { headers: { 'x-api-key': sessionStorage.getItem(KEY) } });
      if (response.status === 401) {
        sessionStorage.removeItem(KEY);
        return showKeyForm('That key was refused.');
      }
      if (!response.ok) {
        const answer = await response.json().catch(() => ({}));
        throw new Error(`${response.status} ${answer.message ?? response.statusText}`);
      }
      const snapshot = await response.json();
      $('key-form').hidden = true;
      $('dashboard').hidden = false;
      $('sign-out').hidden = false;
      remember(snapshot);
      render(snapshot);
      $('status').className = '';
      $('status').textContent = `Updated ${new Date(snapshot.at).toLocaleTimeString()}`;
    } catch (error) {
      $('status').className = 'down';
      $('status').textContent = `No answer: ${error.message}`;
    }
    timer = setTimeout(poll, PERIOD_MS);
  }

  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY, $('key').value.trim());
    $('key').value = '';
    poll();
  });
  $('sign-out').addEventListener('click', () => {
    sessionStorage.removeItem(KEY);
    showKeyForm();
  });
  window.addEventListener('resize', () => {
    for (const { plot } of charts) plot.setSize({ width: plot.root.parentElement.clientWidth, height: 200 });
  });

  if (sessionStorage.getItem(KEY)) poll();
  else showKeyForm();
})();
