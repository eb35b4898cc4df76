// What the team page and the facilitator page share: their texts in both languages, calls
// to the room's API, the websocket that says when the room changed, and the countdown.
"use strict";

// Both languages' texts come from the server (the `page.*` entries of the program's own
// language tables); `Room.ready` resolves once they are here.
let TEXTS = { en: {}, fr: {} };

const Room = {
  lang: "en",
  ready: fetch("/api/texts").then((r) => r.json()).then((texts) => { TEXTS = texts; }),
  t(key) {
    return (TEXTS[Room.lang] && TEXTS[Room.lang][key]) || TEXTS.en[key] || key;
  },
  translate() {
    document.documentElement.lang = Room.lang;
    document.querySelectorAll("[data-t]").forEach((e) => { e.textContent = Room.t(e.dataset.t); });
  },
  $(id) { return document.getElementById(id); },
  // A call to the API; a refusal throws an Error with the server's message and status.
  async api(path, token, body) {
    const options = { headers: { Authorization: "Bearer " + token } };
    if (body !== undefined) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(path, options);
    const data = await response.json().catch(() => ({ error: response.statusText }));
    if (!response.ok) {
      const error = new Error(data.error || response.statusText);
      error.status = response.status;
      throw error;
    }
    return data;
  },
  // Call `onVersion(v)` with the room's version now and at every change; reconnect when
  // the connection drops (a laptop asleep, the server restarted with --resume).
  watch(onVersion) {
    let wait = 500;
    const banner = Room.$("connection");
    const open = () => {
      const socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/api/events");
      socket.onopen = () => { wait = 500; banner.hidden = true; };
      socket.onmessage = (event) => { onVersion(JSON.parse(event.data).version); };
      socket.onclose = () => {
        banner.textContent = Room.t("page.offline");
        banner.hidden = false;
        setTimeout(open, wait);
        wait = Math.min(wait * 2, 8000);
      };
    };
    open();
  },
  deadline: null,
  // The countdown the coach set, counted down here between updates.
  countdown(seconds) {
    Room.deadline = seconds === null || seconds === undefined ? null : Date.now() + seconds * 1000;
    Room.tick();
  },
  tick() {
    const e = Room.$("countdown");
    if (Room.deadline === null) { e.hidden = true; return; }
    const left = Math.max(0, Math.round((Room.deadline - Date.now()) / 1000));
    e.hidden = false;
    e.textContent = left > 0
      ? Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0") + " " + Room.t("page.countdown")
      : Room.t("page.time_up");
  },
  // The debrief's progress while it is computed, then the report's download link.
  debrief(progress, reportUrl) {
    Room.$("debrief-progress").textContent = progress
      ? Room.t("page.waiting_debrief") + (progress.total
        ? Room.t("page.colon") + progress.done + " / " + progress.total + " " + Room.t("page.years")
        : "…")
      : "";
    const report = Room.$("report-link");
    report.hidden = !reportUrl;
    if (reportUrl) report.href = reportUrl;
    report.setAttribute("download", "");
  },
  roundText(room) {
    const r = room.round;
    if (r.kind === "practice") return Room.t("page.practice");
    if (r.kind === "finished") return Room.t("page.finished");
    return Room.t("page.quarter") + " " + r.quarter + " / " + room.quarters;
  },
};
setInterval(Room.tick, 1000);
