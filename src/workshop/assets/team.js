// A team's page: join with the room code, decide, lock, read each review and the debrief.
"use strict";
(function () {
  const $ = Room.$;
  const KEY = "salesim-team-token";
  let token = localStorage.getItem(KEY);
  let state = null;
  let formKey = null;

  // A team link from a teammate (#team=TOKEN): keep it, then take it off the address bar.
  const link = location.hash.match(/^#team=([0-9a-f]{32})$/);
  if (link) {
    token = link[1];
    localStorage.setItem(KEY, token);
    history.replaceState(null, "", location.pathname + location.search);
  }
  const params = new URLSearchParams(location.search);
  $("join-code").value = params.get("room") || "";
  $("join-lang").value = (navigator.language || "en").startsWith("fr") ? "fr" : "en";
  Room.lang = $("join-lang").value;
  $("join-lang").onchange = () => { Room.lang = $("join-lang").value; Room.translate(); };

  function showJoin(message) {
    $("play").hidden = true;
    $("join").hidden = false;
    Room.translate();
    $("join-error").textContent = message || "";
  }

  $("join-form").onsubmit = async (event) => {
    event.preventDefault();
    $("join-button").disabled = true;
    try {
      const body = { code: $("join-code").value, team: $("join-team").value, lang: $("join-lang").value };
      const data = await Room.api("/api/join", "", body);
      token = data.token;
      localStorage.setItem(KEY, token);
      await refresh();
    } catch (e) {
      $("join-error").textContent = e.message;
    } finally {
      $("join-button").disabled = false;
    }
  };

  async function refresh() {
    if (!token) { showJoin(); return; }
    try {
      state = await Room.api("/api/team", token);
      render();
    } catch (e) {
      if (e.status === 401) {
        localStorage.removeItem(KEY);
        token = null;
        showJoin(e.message);
      }
    }
  }

  // The value a lever shows: the team's saved draft, else where the lever stands.
  function shownValue(lever) {
    const drafted = state.draft.find((d) => d.lever === lever.name);
    return drafted ? drafted.value : lever.current;
  }

  function leverRow(lever, locked) {
    const row = document.createElement("label");
    row.className = "lever";
    const name = document.createElement("span");
    name.className = "lever-name";
    name.textContent = lever.label;
    let input;
    if (lever.numeric) {
      input = document.createElement("input");
      input.type = "number";
      input.min = lever.min;
      input.max = lever.max;
      input.step = lever.whole ? "1" : "any";
      input.value = String(Number(shownValue(lever)));
    } else {
      input = document.createElement("select");
      for (const c of lever.choices) {
        const option = document.createElement("option");
        option.value = c.value;
        option.textContent = c.label;
        input.appendChild(option);
      }
      input.value = shownValue(lever);
    }
    input.name = lever.name;
    input.dataset.current = lever.current;
    input.disabled = locked;
    const hint = document.createElement("span");
    hint.className = "muted small";
    hint.textContent = lever.cost_text;
    row.append(name, input, hint);
    return row;
  }

  // Decisions: the levers moved away from where they stand.
  function decisions() {
    const out = [];
    for (const input of $("levers").elements) {
      const moved = input.type === "number"
        ? Number(input.value) !== Number(input.dataset.current)
        : input.value !== input.dataset.current;
      if (moved) out.push({ lever: input.name, value: String(input.value) });
    }
    return out;
  }

  async function send(lock) {
    $("decide-error").textContent = "";
    try {
      await Room.api("/api/team/decisions", token, { decisions: decisions(), lock });
      await refresh();
    } catch (e) {
      $("decide-error").textContent = e.message;
    }
  }
  $("save").onclick = () => send(false);
  $("lock").onclick = () => send(true);
  $("unlock").onclick = async () => {
    try { await Room.api("/api/team/unlock", token, {}); await refresh(); }
    catch (e) { $("decide-error").textContent = e.message; }
  };

  function render() {
    const s = state;
    Room.lang = s.team.lang;
    Room.translate();
    $("join").hidden = true;
    $("play").hidden = false;
    $("room-title").textContent = s.title;
    $("team-name").textContent = s.team.name;
    $("round").textContent = Room.roundText(s.room);
    Room.countdown(s.room.countdown_s);
    $("briefing").textContent = s.briefing;
    $("lesson").textContent = s.lesson ? Room.t("page.lesson") + " " + s.lesson : Room.t("page.lesson_hidden");
    if (!s.reviews_html && !s.practice_html) $("briefing-box").open = true;
    const kind = s.room.round.kind;
    $("decide").hidden = kind === "finished";
    $("decide-title").textContent = kind === "practice"
      ? Room.t("page.decide_practice")
      : Room.t("page.decide_quarter") + " " + s.room.round.quarter;
    $("budget").textContent = Room.t("page.budget_left") + Room.t("page.colon") + Math.round(s.budget_left).toLocaleString(Room.lang);
    // Rebuild the form only when what it shows changed, not while someone is typing.
    const key = JSON.stringify([s.room.round, s.team.locked, s.draft, s.levers]);
    if (key !== formKey) {
      formKey = key;
      const form = $("levers");
      form.replaceChildren(...s.levers.map((l) => leverRow(l, s.team.locked)));
    }
    $("draft-line").textContent = Room.t("page.draft") + Room.t("page.colon") +
      (s.draft.length ? s.draft.map((d) => d.label).join(", ") : Room.t("page.none")) +
      (s.draft_cost !== null ? " (" + Room.t("page.cost") + " " + Math.round(s.draft_cost).toLocaleString(Room.lang) + ")" : "");
    $("save").hidden = s.team.locked;
    $("lock").hidden = s.team.locked;
    $("unlock").hidden = !s.team.locked;
    $("locked-line").textContent = s.team.locked ? Room.t("page.locked") : "";
    $("practice").innerHTML = s.practice_html || "";
    $("reviews").innerHTML = s.debrief_html ? "" : (s.reviews_html || "");
    $("debrief").innerHTML = s.debrief_html || "";
    Room.debrief(s.debrief_progress, s.debrief_html ? "/api/team/report?token=" + encodeURIComponent(token) : null);
    const teamLink = location.origin + "/#team=" + s.team.token;
    $("team-link").href = teamLink;
    $("team-link").textContent = teamLink;
    document.body.dataset.version = String(s.version);
    document.body.dataset.round = kind;
  }

  Room.ready.then(() => {
    Room.watch((version) => {
      if (token && (!state || version !== state.version)) refresh();
    });
    refresh();
  });
})();
