// What the team page and the facilitator page share: their texts in both languages, calls
// to the room's API, the websocket that says when the room changed, and the countdown.
"use strict";

const TEXTS = {
  en: {
    join_title: "Join the workshop", room_code: "Room code", team_name: "Team name",
    language: "Language", join: "Join", briefing: "Briefing", save: "Check and save",
    lock: "Lock decisions", unlock: "Unlock", download_report: "Download the report (HTML)",
    team_link: "Teammates on another device can open this team link:",
    practice: "Practice quarter (does not count)", quarter: "Quarter", finished: "Year over",
    decide_practice: "Your decisions for the practice quarter",
    decide_quarter: "Your decisions for quarter", budget_left: "Budget left",
    draft: "Saved decisions", cost: "cost", none: "no change",
    locked: "Locked. Any member can unlock until the coach resolves the quarter.",
    waiting_debrief: "Preparing the debrief", years: "simulated years",
    offline: "reconnecting…", countdown: "left", time_up: "time is up",
    projector: "Projector view", join_at: "Join at", teams: "Teams",
    resolve: "Resolve the quarter", force: "Resolve now (play drafts as they stand)",
    countdown_minutes: "Countdown (minutes)", start_countdown: "Start",
    leaderboard: "Leaderboard to date", funnels: "Each team's funnel and culture",
    download_workshop_report: "Download the workshop report (HTML)",
    team: "Team", locked_col: "Locked", quarters_col: "Quarters played",
    all_locked: "Every team has locked.", waiting_for: "Waiting for",
    no_teams: "No team has joined yet.", lesson: "The lesson:",
    lesson_hidden: "The lesson comes with the debrief.", colon: ": ",
  },
  fr: {
    join_title: "Rejoindre l'atelier", room_code: "Code de la salle", team_name: "Nom de l'équipe",
    language: "Langue", join: "Rejoindre", briefing: "Briefing", save: "Vérifier et enregistrer",
    lock: "Verrouiller les décisions", unlock: "Déverrouiller",
    download_report: "Télécharger le rapport (HTML)",
    team_link: "Vos coéquipiers sur un autre appareil peuvent ouvrir ce lien d'équipe :",
    practice: "Trimestre d'essai (ne compte pas)", quarter: "Trimestre", finished: "Année terminée",
    decide_practice: "Vos décisions pour le trimestre d'essai",
    decide_quarter: "Vos décisions pour le trimestre", budget_left: "Budget restant",
    draft: "Décisions enregistrées", cost: "coût", none: "aucun changement",
    locked: "Verrouillé. Chaque membre peut déverrouiller tant que l'animateur n'a pas joué le trimestre.",
    waiting_debrief: "Préparation du débriefing", years: "années simulées",
    offline: "reconnexion…", countdown: "restant", time_up: "temps écoulé",
    projector: "Vue projecteur", join_at: "Rejoindre sur", teams: "Équipes",
    resolve: "Jouer le trimestre", force: "Jouer maintenant (brouillons en l'état)",
    countdown_minutes: "Compte à rebours (minutes)", start_countdown: "Lancer",
    leaderboard: "Classement à date", funnels: "L'entonnoir et la culture de chaque équipe",
    download_workshop_report: "Télécharger le rapport de l'atelier (HTML)",
    team: "Équipe", locked_col: "Verrouillé", quarters_col: "Trimestres joués",
    all_locked: "Toutes les équipes ont verrouillé.", waiting_for: "En attente de",
    no_teams: "Aucune équipe n'a encore rejoint.", lesson: "La leçon :",
    lesson_hidden: "La leçon vient avec le débriefing.", colon: "\u00a0: ",
  },
};

const Room = {
  lang: "en",
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
        banner.textContent = Room.t("offline");
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
      ? Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0") + " " + Room.t("countdown")
      : Room.t("time_up");
  },
  // The debrief's progress while it is computed, then the report's download link.
  debrief(progress, reportUrl) {
    Room.$("debrief-progress").textContent = progress
      ? Room.t("waiting_debrief") + (progress.total
        ? Room.t("colon") + progress.done + " / " + progress.total + " " + Room.t("years")
        : "…")
      : "";
    const report = Room.$("report-link");
    report.hidden = !reportUrl;
    if (reportUrl) report.href = reportUrl;
    report.setAttribute("download", "");
  },
  roundText(room) {
    const r = room.round;
    if (r.kind === "practice") return Room.t("practice");
    if (r.kind === "finished") return Room.t("finished");
    return Room.t("quarter") + " " + r.quarter + " / " + room.quarters;
  },
};
setInterval(Room.tick, 1000);
