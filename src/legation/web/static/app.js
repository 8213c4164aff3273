// The legation dashboard: pickers → timeline (SVG), partner bars, event table, article with marked evidence.
// Reads only the JSON API. Data is always inserted as text (textContent, text nodes), never as HTML.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
  "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd"];
const QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};
const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];

const state = {country: "", partner: "", page: 1, pages: 1};
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, text = null) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== null) node.textContent = String(text);
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

function status(message) {
  $("status").textContent = message || "";
}

async function api(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== "" && value !== null && value !== undefined) query.set(name, value);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, {headers: {Accept: "application/json"}});
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || `${response.status}`);
  return body;
}

function option(value, label, selected) {
  const node = el("option", {value}, label);
  if (selected) node.selected = true;
  return node;
}

async function loadCountries() {
  const {countries} = await api("/api/countries");
  const select = $("country");
  clear(select);
  const wanted = new URLSearchParams(location.hash.slice(1));
  state.country = wanted.get("country") || (countries[0] ? countries[0].code : "");
  for (const country of countries) {
    select.appendChild(option(country.code, `${country.name} (${country.code}) · ${country.events}`,
      country.code === state.country));
  }
  state.partner = wanted.get("partner") || "";
}

async function loadPartners() {
  const select = $("partner");
  clear(select);
  if (!state.country) return [];
  const {partners} = await api(`/api/countries/${encodeURIComponent(state.country)}/partners`, {limit: 30});
  if (!partners.some((row) => row.partner === state.partner)) state.partner = partners[0] ? partners[0].partner : "";
  for (const row of partners) {
    select.appendChild(option(row.partner, `${row.name} (${row.partner}) · ${row.events}`, row.partner === state.partner));
  }
  drawPartnerBars(partners);
  return partners;
}

function drawPartnerBars(partners) {
  const box = $("partner-bars");
  clear(box);
  const rowHeight = 22, width = 420, label = 150;
  const svg = el("svg:svg", {width, height: Math.max(rowHeight, partners.length * rowHeight), role: "img",
    "aria-label": `partners of ${state.country}`});
  const most = Math.max(1, ...partners.map((row) => row.events));
  partners.forEach((row, index) => {
    const y = index * rowHeight;
    const group = el("svg:g", {class: "partner-bar", "data-partner": row.partner, tabindex: 0});
    group.appendChild(el("svg:text", {x: label - 6, y: y + 15, "text-anchor": "end"}, `${row.name}`));
    const share = row.events ? row.cooperative / row.events : 0;
    const barWidth = ((width - label - 40) * row.events) / most;
    group.appendChild(el("svg:rect", {x: label, y: y + 3, width: barWidth * share, height: rowHeight - 6,
      fill: "#2ca02c", class: "bar"}));
    group.appendChild(el("svg:rect", {x: label + barWidth * share, y: y + 3, width: barWidth * (1 - share),
      height: rowHeight - 6, fill: "#d62728", class: "bar"}));
    group.appendChild(el("svg:text", {x: label + barWidth + 4, y: y + 15}, row.events));
    const title = el("svg:title", {}, `${row.name}: ${row.events} events, ${row.cooperative} cooperative, ` +
      `${row.conflictual} conflictual`);
    group.appendChild(title);
    group.addEventListener("click", () => choosePartner(row.partner));
    svg.appendChild(group);
  });
  box.appendChild(svg);
}

async function loadSeries() {
  const chart = $("chart");
  clear(chart);
  clear($("legend"));
  if (!state.country || !state.partner) {
    chart.appendChild(el("p", {class: "empty"}, "Choose a country and a partner."));
    return;
  }
  const path = `/api/pairs/${encodeURIComponent(state.country)}/${encodeURIComponent(state.partner)}/series`;
  const {rows} = await api(path, {by: $("by").value});
  drawTimeline(rows, $("group").value, $("line").value);
}

function seriesTable(rows, key) {
  const periods = [...new Set(rows.map((row) => row.period))].sort();
  const keys = [...new Set(rows.map((row) => String(row[key])))].sort();
  const counts = new Map(periods.map((period) => [period, new Map()]));
  const line = new Map(periods.map((period) => [period, {sum: 0, n: 0}]));
  return {periods, keys, counts, line};
}

function drawTimeline(rows, key, measure) {
  const chart = $("chart");
  if (!rows.length) {
    chart.appendChild(el("p", {class: "empty"}, "No dated events for this pair."));
    return;
  }
  const {periods, keys, counts, line} = seriesTable(rows, key);
  for (const row of rows) {
    const bucket = counts.get(row.period);
    bucket.set(String(row[key]), (bucket.get(String(row[key])) || 0) + row.events);
    const value = row[measure];
    if (value !== null) {
      line.get(row.period).sum += value * row.events;
      line.get(row.period).n += row.events;
    }
  }
  const width = 720, height = 260, left = 40, right = 40, top = 10, bottom = 40;
  const plotWidth = width - left - right, plotHeight = height - top - bottom;
  const totals = periods.map((period) => [...counts.get(period).values()].reduce((a, b) => a + b, 0));
  const most = Math.max(1, ...totals);
  const step = plotWidth / periods.length, barWidth = Math.max(2, step * 0.7);
  const colour = (name) => PALETTE[(key === "quad_class" ? Number(name) * 3 : PLOVER.indexOf(name)) % PALETTE.length];
  const svg = el("svg:svg", {width, height, role: "img", "aria-label": `events between ${state.country} and ${state.partner}`});
  svg.appendChild(el("svg:line", {x1: left, y1: top + plotHeight, x2: left + plotWidth, y2: top + plotHeight, stroke: "#444"}));
  svg.appendChild(el("svg:text", {x: 4, y: top + 10, class: "axis"}, most));
  periods.forEach((period, index) => {
    let y = top + plotHeight;
    const x = left + index * step + (step - barWidth) / 2;
    for (const name of keys) {
      const count = counts.get(period).get(name) || 0;
      if (!count) continue;
      const barHeight = (plotHeight * count) / most;
      y -= barHeight;
      const rect = el("svg:rect", {x, y, width: barWidth, height: barHeight, fill: colour(name), class: "bar",
        "data-period": period, "data-key": name});
      rect.appendChild(el("svg:title", {}, `${period} ${name}: ${count}`));
      svg.appendChild(rect);
    }
    if (index % Math.ceil(periods.length / 8) === 0) {
      svg.appendChild(el("svg:text", {x: x, y: height - bottom + 16, class: "axis"}, period));
    }
  });
  drawLine(svg, periods, line, {left, top, step, plotHeight, width, right});
  const legend = $("legend");
  for (const name of keys) {
    const item = el("li");
    item.appendChild(el("span", {class: "swatch", "data-colour": colour(name)}));
    const swatch = item.firstChild;
    swatch.style.backgroundColor = colour(name);
    item.appendChild(document.createTextNode(key === "quad_class" ? `${name} ${QUAD_NAMES[name] || ""}` : name));
    legend.appendChild(item);
  }
  const lineItem = el("li", {class: "line-key"}, `— ${$("line").selectedOptions[0].textContent} (right axis)`);
  legend.appendChild(lineItem);
  chart.appendChild(svg);
}

function drawLine(svg, periods, line, box) {
  const values = periods.map((period) => (line.get(period).n ? line.get(period).sum / line.get(period).n : null));
  const present = values.filter((value) => value !== null);
  if (!present.length) return;
  const low = Math.min(-1, ...present), high = Math.max(1, ...present);
  const yOf = (value) => box.top + box.plotHeight * (1 - (value - low) / (high - low));
  const points = values.map((value, index) => (value === null ? null :
    `${box.left + index * box.step + box.step / 2},${yOf(value)}`)).filter(Boolean);
  svg.appendChild(el("svg:polyline", {points: points.join(" "), fill: "none", stroke: "#111", "stroke-width": 2,
    class: "mean-line"}));
  svg.appendChild(el("svg:text", {x: box.width - box.right + 4, y: yOf(high) + 10, class: "axis"}, high.toFixed(1)));
  svg.appendChild(el("svg:text", {x: box.width - box.right + 4, y: yOf(low), class: "axis"}, low.toFixed(1)));
}

function names(actors) {
  return actors.map((actor) => `${actor.name || actor.text} (${actor.country || "?"})`).join(", ");
}

async function loadEvents() {
  const tbody = $("events-table").querySelector("tbody");
  const form = new FormData($("filters"));
  const params = Object.fromEntries(form.entries());
  params.page = state.page;
  params.page_size = 25;
  if (state.country && state.partner) params.pair = `${state.country}-${state.partner}`;
  else if (state.country) params.country = state.country;
  let body;
  try {
    body = await api("/api/events", params);
  } catch (error) {
    status(error.message);
    return;
  }
  clear(tbody);
  state.pages = body.pages;
  for (const event of body.items) tbody.appendChild(eventRow(event));
  $("page-info").textContent = `page ${body.page} of ${body.pages} · ${body.total} events`;
  $("prev").disabled = body.page <= 1;
  $("next").disabled = body.page >= body.pages;
}

function eventRow(event) {
  const row = el("tr", {"data-event-id": event.event_id, tabindex: 0});
  const cells = [event.date || "undated", event.plover.event, event.cameo.quad_class, names(event.actor),
    names(event.recipient), event.evidence.text, event.confidence];
  for (const value of cells) row.appendChild(el("td", {}, value === null ? "" : value));
  row.addEventListener("click", () => openArticle(event.article_id, event.event_id));
  return row;
}

async function openArticle(articleId, eventId) {
  const {article} = await api(`/api/articles/${encodeURIComponent(articleId)}`);
  const section = $("article");
  section.hidden = false;
  $("article-title").textContent = article.title || article.article_id;
  $("article-meta").textContent = [article.published, article.source, article.url].filter(Boolean).join(" · ");
  const box = $("article-text");
  clear(box);
  let position = 0, current = null;
  for (const span of article.spans) {
    if (span.start < position || span.end > article.text.length) continue; // overlapping spans: the first wins
    box.appendChild(document.createTextNode(article.text.slice(position, span.start)));
    const mark = el("mark", {"data-event-id": span.event_id, title: `${span.plover_event} (QuadClass ${span.quad_class})`},
      article.text.slice(span.start, span.end));
    if (span.event_id === eventId) {
      mark.classList.add("current");
      current = mark;
    }
    box.appendChild(mark);
    position = span.end;
  }
  box.appendChild(document.createTextNode(article.text.slice(position)));
  (current || section).scrollIntoView({block: "center"});
}

async function choosePartner(code) {
  state.partner = code;
  $("partner").value = code;
  await refreshPair();
}

async function refreshPair() {
  location.hash = new URLSearchParams({country: state.country, partner: state.partner}).toString();
  state.page = 1;
  await Promise.all([loadSeries(), loadEvents()]);
}

async function chooseCountry() {
  state.country = $("country").value;
  await loadPartners();
  await refreshPair();
}

function wire() {
  $("country").addEventListener("change", () => chooseCountry().catch((error) => status(error.message)));
  $("partner").addEventListener("change", () => choosePartner($("partner").value).catch((error) => status(error.message)));
  for (const id of ["by", "group", "line"]) $(id).addEventListener("change", () => loadSeries().catch((error) => status(error.message)));
  $("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    state.page = 1;
    loadEvents();
  });
  $("prev").addEventListener("click", () => { state.page = Math.max(1, state.page - 1); loadEvents(); });
  $("next").addEventListener("click", () => { state.page = Math.min(state.pages, state.page + 1); loadEvents(); });
  const typeSelect = $("f-type");
  for (const name of PLOVER) typeSelect.appendChild(option(name, name, false));
}

async function start() {
  wire();
  try {
    await loadCountries();
    await loadPartners();
    await refreshPair();
    document.body.dataset.ready = "true";
  } catch (error) {
    status(`could not load the data: ${error.message}`);
  }
}

window.addEventListener("DOMContentLoaded", start);
