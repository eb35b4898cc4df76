// The facilitator's page: who has joined and locked, the countdown, "resolve the quarter",
// the leaderboard of both KPI families, each team's funnel and culture, the report.
"use strict";
(function () {
  const $ = Room.$;
  // The coach's secret travels in the address's fragment, which browsers never send.
  const token = location.hash.slice(1);
  let state = null;

  function fail(e) { $("error").textContent = e.message; }

  async function refresh() {
    try {
      state = await Room.api("/api/coach", token);
      $("error").textContent = "";
      render();
    } catch (e) { fail(e); }
  }

  function cell(row, text) {
    const td = document.createElement(row.parentElement && row.parentElement.tagName === "THEAD" ? "th" : "td");
    td.textContent = text;
    row.appendChild(td);
  }

  function render() {
    const s = state;
    Room.lang = s.lang;
    Room.translate();
    $("room-title").textContent = s.title;
    $("round").textContent = Room.roundText(s.room);
    Room.countdown(s.room.countdown_s);
    $("qr").innerHTML = s.join.qr_svg;
    $("join-url").textContent = s.join.url;
    $("code").textContent = s.join.code;
    const table = $("teams");
    table.replaceChildren();
    const head = table.createTHead().insertRow();
    [Room.t("page.team"), Room.t("page.locked_col"), Room.t("page.quarters_col")].forEach((h) => {
      const th = document.createElement("th");
      th.textContent = h;
      head.appendChild(th);
    });
    const body = table.createTBody();
    for (const t of s.teams) {
      const row = body.insertRow();
      cell(row, t.name);
      cell(row, t.locked ? "✔" : "…");
      cell(row, String(t.quarters));
    }
    const finished = s.room.round.kind === "finished";
    const waiting = s.teams.filter((t) => !t.locked).map((t) => t.name);
    $("resolve").disabled = finished || s.teams.length === 0 || waiting.length > 0;
    $("force").disabled = finished || s.teams.length === 0;
    $("resolve-line").textContent = s.teams.length === 0
      ? Room.t("page.no_teams")
      : finished ? "" : waiting.length ? Room.t("page.waiting_for") + Room.t("page.colon") + waiting.join(", ") : Room.t("page.all_locked");
    $("board").innerHTML = s.board_html;
    $("bookings").innerHTML = s.bookings_html || "";
    $("team-cards").innerHTML = s.teams_html;
    Room.debrief(s.debrief_progress, s.report_ready ? "/api/coach/report?token=" + encodeURIComponent(token) : null);
    document.body.dataset.version = String(s.version);
    document.body.dataset.round = s.room.round.kind;
  }

  async function resolve(force) {
    $("resolve").disabled = true;
    $("force").disabled = true;
    try { await Room.api("/api/coach/resolve", token, { force }); await refresh(); } catch (e) { fail(e); }
  }
  $("resolve").onclick = () => resolve(false);
  $("force").onclick = () => resolve(true);
  $("start-countdown").onclick = async () => {
    const seconds = Math.round(Number($("minutes").value) * 60);
    try { await Room.api("/api/coach/countdown", token, { seconds }); await refresh(); } catch (e) { fail(e); }
  };
  $("projector").onclick = () => { document.body.classList.toggle("projecting"); };

  Room.ready.then(() => {
    Room.watch((version) => { if (!state || version !== state.version) refresh(); });
    refresh();
  });
})();
